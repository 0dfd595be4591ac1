/**
 * `npm test`: finds a PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432, else an embedded one),
 * builds the migrated template database once, then runs tap; each test file clones the template.
 * Arguments are passed to tap (e.g. `npm test -- test/proposals.test.ts`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { acquirePgServer } from './lib/pg-server';
import { prepareTemplate, TEMPLATE } from './lib/test-db';

async function main() {
  const server = await acquirePgServer();
  console.log(`# PostgreSQL for tests: ${server.kind}`);
  let code = 1;
  try {
    await prepareTemplate(server);
    code = await new Promise<number>((resolve) => {
      const tap = spawn(
        process.execPath,
        [path.resolve(path.dirname(require.resolve('tap')), '../esm/run.mjs'), ...process.argv.slice(2)],
        {
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
