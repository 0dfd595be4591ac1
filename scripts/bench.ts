/**
 * npm run bench -- <scenario> [--smoke]
 * Seeds a fresh database on the tools' PostgreSQL (TEST_DATABASE_URL when set, else an embedded one),
 * starts the real server in a child process, drives it with autocannon and prints a table beside a
 * baseline measured in the same run. It asserts nothing about time; --smoke is a short run for CI.
 */
import { createDataSource } from '../src/db/data-source';
import type { BenchContext } from './bench/lib';
import { benchFeeds } from './bench/feeds';
import { benchMail } from './bench/mail';
import { benchMix } from './bench/mix';
import { benchMisses } from './bench/misses';
import { benchProposals } from './bench/proposals';
import { benchSearch } from './bench/search';
import { benchSignIn } from './bench/sign-in';
import { benchPages } from './bench/pages';
import { benchTasks } from './bench/tasks';
import { benchRsvps } from './bench/rsvps';
import { benchSeries } from './bench/series';
import { benchSoak } from './bench/soak';
import { acquirePgServer, dropDatabase } from './lib/pg-server';
import { prepareTemplate } from './lib/test-db';

const SCENARIOS: Record<string, (c: BenchContext) => Promise<boolean>> = {
  proposals: benchProposals,
  feeds: benchFeeds,
  mail: benchMail,
  tasks: benchTasks,
  search: benchSearch,
  'sign-in': benchSignIn,
  pages: benchPages,
  rsvps: benchRsvps,
  series: benchSeries,
  soak: benchSoak,
  mix: benchMix,
  misses: benchMisses,
};

async function main() {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const names = args.filter((a) => !a.startsWith('--'));
  const chosen = names.length ? names : Object.keys(SCENARIOS);
  const unknown = chosen.filter((n) => !SCENARIOS[n]);
  if (unknown.length) {
    console.error(`usage: npm run bench -- [${Object.keys(SCENARIOS).join('|')}] [--smoke]`);
    process.exit(2);
  }
  const server = await acquirePgServer();
  // BENCH_DB: a name of its own, when several checkouts bench on one PostgreSQL at once.
  const db = process.env.BENCH_DB ?? 'brownbag_bench';
  try {
    for (const name of chosen) {
      await prepareTemplate(server, db); // a fresh, migrated database per scenario
      const ds = createDataSource(server.url(db), 4);
      await ds.initialize();
      try {
        const met = await SCENARIOS[name]({ ds, dbUrl: server.url(db), smoke, seconds: smoke ? 1 : 10 });
        console.log(
          smoke
            ? `${name}: smoke run done (figures from a 1 s run mean little)`
            : `${name}: targets ${met ? 'met' : 'NOT met'}`,
        );
      } finally {
        await ds.destroy();
      }
    }
    if (!process.env.BENCH_KEEP) await dropDatabase(server, db); // BENCH_KEEP=1: keep it to EXPLAIN what was measured
  } finally {
    await server.release();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
