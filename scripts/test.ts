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
      const tap = spawn(process.execPath, [path.resolve(path.dirname(require.resolve('tap')), '../esm/run.mjs'), ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, BROWNBAG_TEST_PG_URL: server.url('postgres'), BROWNBAG_TEST_TEMPLATE: TEMPLATE },
      });
      tap.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
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
