/**
 * Feeds, measured honestly: each path beside a route that does the same work from memory, in one
 * run, 10 s each at 50 connections.
 *
 * - a realistic community feed (100 events of three talks: a year or two of a busy community) and
 *   the stress feed (1,000 events × 3 talks, 2.8 MB);
 * - 200: the feed route vs its exact bytes from memory; 304: the feed route answering a current
 *   If-None-Match vs a memory route answering 304 to the same header;
 * - the personal feed (200 items), for the record.
 *
 * Targets on the realistic feed: 304 ≥ 80 %, 200 ≥ 50 % of their memory baselines. RSS under load
 * ≤ 300 MB in every row, the memory routes' too. (The 304 still costs one indexed query for the
 * community's version.)
 */
import type { BenchContext } from './lib';
import { seedFeeds } from '../seed/events-scale';
import { drive, printTable, rssMb, startServer, type BenchServer, type Row } from './lib';

async function pair(server: BenchServer, label: string, feed: string, seconds: number, realistic: boolean) {
  // The plain representation's tag: autocannon asks for no encoding (fetch would ask for br).
  const first = await fetch(`${server.url}${feed}`, { headers: { 'accept-encoding': 'identity' } });
  const bytes = (await first.arrayBuffer()).byteLength;
  const etag = first.headers.get('etag')!;
  const memory = `?path=${encodeURIComponent(feed)}`;
  const rows: Row[] = [];
  const mem200 = await drive(
    server,
    'same bytes from memory (200)',
    { requests: [{ method: 'GET', path: `/bench/static${memory}` }] },
    seconds,
  );
  const full = await drive(
    server,
    'feed (200)',
    { requests: [{ method: 'GET', path: feed }] },
    seconds,
    realistic ? 50 : undefined,
  );
  const inm = { 'if-none-match': etag };
  const mem304 = await drive(
    server,
    'memory route answering 304',
    { requests: [{ method: 'GET', path: `/bench/static-304${memory}`, headers: inm }] },
    seconds,
    undefined,
    304,
  );
  const cond = await drive(
    server,
    'feed conditional (304)',
    { requests: [{ method: 'GET', path: feed, headers: inm }] },
    seconds,
    realistic ? 80 : undefined,
    304,
  );
  rows.push(mem200, full, mem304, cond);
  const title = `${label} (${(bytes / 1024).toFixed(0)} KiB; ${seconds} s per route, 50 connections, loopback)`;
  const met200 = printTable(`${title}: 200`, [mem200, full], mem200);
  const met304 = printTable(`${title}: 304`, [mem304, cond], mem304);
  return { met: met200 && met304, rows };
}

export async function benchFeeds({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const started = Date.now();
  const realistic = await seedFeeds(ds, smoke ? 20 : 100, 20);
  const stress = await seedFeeds(ds, smoke ? 50 : 1000, smoke ? 20 : 200);
  console.log(`seeded the realistic and the stress community in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const server = await startServer(dbUrl);
  try {
    const r = await pair(
      server,
      `realistic: ${smoke ? 20 : 100} events × 3 talks`,
      `/v1/communities/${realistic.slug}/calendar.ics?talks=true`,
      seconds,
      true,
    );
    const s = await pair(
      server,
      `stress: ${smoke ? 50 : 1000} events × 3 talks`,
      `/v1/communities/${stress.slug}/calendar.ics?talks=true`,
      seconds,
      false,
    );
    const mine = await drive(
      server,
      'personal feed (200)',
      { requests: [{ method: 'GET', path: `/v1/feeds/${stress.feedToken}/calendar.ics` }] },
      seconds,
    );
    console.log(`\npersonal feed: ${mine.rps.toFixed(0)} req/s, p50 ${mine.p50} ms, p99 ${mine.p99} ms`);
    const rss = Math.max(...[...r.rows, ...s.rows, mine].map((x) => x.rssMb), rssMb(server.child.pid!));
    console.log(`peak RSS under load: ${rss.toFixed(0)} MB (target ≤ 300 MB: ${rss <= 300 ? 'met' : 'MISSED'})`);
    return r.met && rss <= 300;
  } finally {
    await server.stop();
  }
}
