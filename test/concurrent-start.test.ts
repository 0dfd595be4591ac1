/**
 * Instances that start together on one fresh database: every one of them opens it. The start path
 * (openDatabase: our migrations, the job queue's own schema, the queue's back-off trigger) creates
 * schemas, tables and functions, and PostgreSQL refuses a second concurrent CREATE SCHEMA even with
 * IF NOT EXISTS; so everything that creates on start runs under one advisory lock. Many rounds,
 * because a race that loses one time in five must fail this test, not CI once a week.
 */
import t from 'tap';
import { openDatabase, type OpenDatabase } from '../src/db/open';
import { acquirePgServer, dropDatabase, recreateDatabase } from '../scripts/lib/pg-server';

const ROUNDS = 12;
const INSTANCES = 4;

t.test('instances that start together on a fresh database all open it', async (t) => {
  const pg = await acquirePgServer();
  t.teardown(() => pg.release());
  let migratedBy = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const name = `brownbag_start_${process.pid}_${round}`;
    await recreateDatabase(pg, name);
    const config = { databaseUrl: pg.url(name), dataDir: '.brownbag-unused', dbPoolSize: 2 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: INSTANCES }, () => openDatabase(config, { log: () => undefined })),
    );
    const opened = outcomes.filter((o): o is PromiseFulfilledResult<OpenDatabase> => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    t.same(
      failed.map((f) => String(f.reason?.message ?? f.reason)),
      [],
      `round ${round + 1}: all ${INSTANCES} instances opened the database`,
    );
    migratedBy += opened.filter((o) => o.value.applied.length > 0).length;
    if (opened.length) {
      const [{ n }] = await opened[0].value.ds.query(
        "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'brownbag_cap_backoff'",
      );
      t.equal(n, 1, `round ${round + 1}: the queue's back-off trigger exists once`);
    }
    await Promise.all(opened.map((o) => o.value.close()));
    await dropDatabase(pg, name);
  }
  t.equal(migratedBy, ROUNDS, 'in every round exactly one instance applied the migrations');
});
