/**
 * Issue #3's benchmark: a community with 1,000 events × 3 talks and a person with 200 feed items;
 * 10 s each at 50 connections, in one run: the community feed (200), the same feed conditional
 * (304), the personal feed (200), and a baseline that returns the community feed's exact bytes from
 * memory (measured last: serving 2.8 MB bodies to 50 connections grows the heap, and the feed
 * routes' RSS should be their own).
 * Targets: 304 ≥ 50 %, 200 ≥ 25 % of the baseline; RSS under load ≤ 300 MB.
 */
import type { BenchContext } from './lib';
import { seedFeeds } from '../seed/events-scale';
import { drive, printTable, rssMb, startServer } from './lib';

export async function benchFeeds({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const events = smoke ? 50 : 1000;
  const started = Date.now();
  const data = await seedFeeds(ds, events, smoke ? 20 : 200);
  console.log(
    `seeded ${events} events × 3 talks and a personal feed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const feed = `/v1/communities/${data.slug}/calendar.ics?talks=true`;
  const server = await startServer(dbUrl, { BENCH_STATIC_PATH: feed });
  try {
    const first = await fetch(`${server.url}${feed}`);
    const bytes = (await first.arrayBuffer()).byteLength;
    const etag = first.headers.get('etag')!;
    const personal = await fetch(`${server.url}/v1/feeds/${data.feedToken}/calendar.ics`);
    const items = ((await personal.text()).match(/BEGIN:VEVENT/g) ?? []).length;
    console.log(
      `community feed: ${(bytes / 1024).toFixed(0)} KiB; personal feed: ${items} items; server RSS after rendering both: ${rssMb(server.child.pid!).toFixed(0)} MB`,
    );
    const full = await drive(
      server,
      'community feed (200)',
      { requests: [{ method: 'GET', path: feed }] },
      seconds,
      25,
    );
    const cond = await drive(
      server,
      'community feed conditional (304)',
      { requests: [{ method: 'GET', path: feed, headers: { 'if-none-match': etag } }] },
      seconds,
      50,
      304,
    );
    const mine = await drive(
      server,
      'personal feed (200)',
      { requests: [{ method: 'GET', path: `/v1/feeds/${data.feedToken}/calendar.ics` }] },
      seconds,
      25,
    );
    // Last, so that the memory it takes does not count against the feed routes' RSS.
    const baseline = await drive(
      server,
      'baseline: same bytes from memory',
      { requests: [{ method: 'GET', path: '/bench/static' }] },
      seconds,
    );
    const met = printTable(
      `feeds (${events} events × 3 talks, ${seconds} s per route, 50 connections, loopback)`,
      [baseline, full, cond, mine],
      baseline,
    );
    const rss = Math.max(full.rssMb, cond.rssMb, mine.rssMb);
    console.log(`peak RSS under load: ${rss.toFixed(0)} MB (target ≤ 300 MB: ${rss <= 300 ? 'met' : 'MISSED'})`);
    return met && rss <= 300;
  } finally {
    await server.stop();
  }
}
