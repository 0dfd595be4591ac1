/**
 * `npm test`: acquires a PostgreSQL (TEST_DATABASE_URL when it names one, else an embedded one under
 * .brownbag/tools, started once for the whole run), builds the migrated template database once, then
 * runs tap on the compiled test files (dist/test, built by `npm test` with the rest): loading the
 * app through a TypeScript loader cost 13–25 s per file, the compiled JavaScript 2–3 s. Stack traces
 * point into the .ts sources (source maps). tap runs one file per core the machine has.
 * Arguments are passed to tap; test files may be named by their source
 * (`npm test -- test/proposals.test.ts` runs dist/test/proposals.test.js).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquirePgServer } from './lib/pg-server';
import { prepareTemplate, TEMPLATE } from './lib/test-db';

const ROOT = path.resolve(__dirname, '..', '..');

/** `test/x.test.ts` → `dist/test/x.test.js`; other arguments as they are. */
function compiled(arg: string): string {
  const m = /^(?:\.\/)?test\/(.+)\.tsx?$/.exec(path.relative(ROOT, path.resolve(arg)));
  return m ? path.join('dist', 'test', `${m[1]}.js`) : arg;
}

/** Every test file whose source still exists, test/ and its folders (a stale compiled copy of a deleted test does not run). */
function allTests(): string[] {
  return (fs.readdirSync(path.join(ROOT, 'test'), { recursive: true }) as string[])
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.join('dist', 'test', f.replace(/\.tsx?$/, '.js')))
    .filter((f) => fs.existsSync(path.join(ROOT, f)))
    .sort();
}

function tapArgs(argv: string[]): string[] {
  const args = argv.map(compiled);
  const files = args.filter((a) => !a.startsWith('-'));
  const options = args.filter((a) => a.startsWith('-'));
  if (!options.some((a) => /^(-j|--jobs)/.test(a))) options.push(`--jobs=${os.availableParallelism()}`);
  options.push('--node-arg=--enable-source-maps');
  return [...options, ...(files.length ? files : allTests())];
}

async function main() {
  const server = await acquirePgServer();
  console.log(`# PostgreSQL for tests: ${server.kind}`);
  let code = 1;
  try {
    await prepareTemplate(server);
    code = await new Promise<number>((resolve) => {
      const tap = spawn(
        process.execPath,
        [path.resolve(path.dirname(require.resolve('tap')), '../esm/run.mjs'), ...tapArgs(process.argv.slice(2))],
        {
          cwd: ROOT,
          stdio: ['inherit', 'pipe', 'inherit'],
          env: { ...process.env, BROWNBAG_TEST_PG_URL: server.url('postgres'), BROWNBAG_TEST_TEMPLATE: TEMPLATE },
        },
      );
      // Pass tap's report through, and end with the plain "N passed, N failed" line CI reads.
      let summary = '';
      tap.stdout.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        const m = /# \{ total: (\d+), pass: (\d+)(?:, fail: (\d+))?(?:, skip: (\d+))?/.exec(chunk.toString());
        if (m) summary = `tests: ${m[2]} passed, ${m[3] ?? 0} failed${m[4] ? `, ${m[4]} skipped` : ''}`;
      });
      tap.on('exit', (c, sig) => {
        if (summary) console.log(summary);
        resolve(c ?? (sig ? 1 : 0));
      });
    });
  } finally {
    await server.release();
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
