/**
 * A meetup series over five years, weekly (261 occurrences), timed per run:
 * - expanding the cadence (rrule over floating dates, each made an instant in Europe/Berlin);
 * - making every occurrence an event (the fill's insert, one statement per occurrence, one transaction);
 * - rendering the community feed of those events (the route, in process; each run after a change,
 *   so nothing is served from the render cache), and the same feed again unchanged (from the cache).
 * Target: expanding takes at most 3× what `rrule` alone takes for the same rule and range.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/app';
import { RRule } from 'rrule';
import { expand, parseCadence, type CadenceRule } from '../../src/modules/series/cadence';
import { insertOccurrence, seriesRow } from '../../src/modules/series/series.queries';
import type { BenchContext } from './lib';

const RULE: CadenceRule = { from: '2027-01-07', rrule: 'FREQ=WEEKLY;BYDAY=TH', startMinute: 720, minutes: 60 };
const TO = '2031-12-31';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p99: at(0.99), runs: s.length };
}
const row = (what: string, ms: number[]) => {
  const { p50, p99, runs } = stats(ms);
  return `| ${what} | ${runs} | ${p50.toFixed(2)} | ${p99.toFixed(2)} |`;
};

export async function benchSeries({ ds, smoke }: BenchContext): Promise<boolean> {
  const runs = smoke ? 5 : 200;
  const expandMs: number[] = [];
  const plainMs: number[] = [];
  let n = 0;
  const day = (d: string, minute = 0) => new Date(`${d}T00:00:00Z`).getTime() + minute * 60_000;
  for (let i = 0; i < runs; i++) {
    // Plain rrule: the same rule over the same floating range, no zones.
    let t0 = performance.now();
    new RRule({ ...parseCadence(RULE.rrule), dtstart: new Date(day(RULE.from, RULE.startMinute)) }).between(
      new Date(day(RULE.from)),
      new Date(day(TO, 24 * 60 - 1)),
      true,
    );
    plainMs.push(performance.now() - t0);
    t0 = performance.now();
    n = expand([RULE], 'Europe/Berlin', { from: RULE.from, to: TO }).length;
    expandMs.push(performance.now() - t0);
  }

  const [{ id: cid }] = await ds.query(
    `INSERT INTO community (slug, name, time_zone, event_visibility) VALUES ('series-bench', 'Series bench', 'Europe/Berlin', 'public') RETURNING id`,
  );
  const makeMs: number[] = [];
  let seriesId = '';
  for (let i = 0; i < (smoke ? 1 : 5); i++) {
    const [{ id }] = await ds.query(
      `INSERT INTO series (community_id, title, description, time_zone, publish, upcoming)
       VALUES ($1, 'Guild lunch ' || $2, 'Every Thursday: one talk, lunch, questions.', 'Europe/Berlin', true, 52) RETURNING id`,
      [cid, i],
    );
    await ds.query(
      `INSERT INTO series_rule (series_id, from_on, rrule, start_minute, duration_minutes) VALUES ($1, $2, $3, $4, $5)`,
      [id, RULE.from, RULE.rrule, RULE.startMinute, RULE.minutes],
    );
    const t0 = performance.now();
    await ds.transaction(async (m) => {
      const s = await seriesRow(m, id, true);
      for (const o of expand(s.rules, s.time_zone, { from: RULE.from, to: TO })) await insertOccurrence(m, s, o);
    });
    makeMs.push(performance.now() - t0);
    // Keep one series' events in the feed; the others were only for timing.
    if (i === 0) seriesId = id;
    else await ds.query('DELETE FROM event WHERE series_id = $1', [id]);
  }

  const app = await buildApp({
    ds,
    config: { bodyLimitBytes: 262144, publicUrl: 'http://127.0.0.1', metricsToken: null },
  });
  const url = '/v1/communities/series-bench/calendar.ics';
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  let bytes = 0;
  const feedRuns = smoke ? 3 : 50;
  const [{ id: first }] = await ds.query('SELECT id FROM event WHERE series_id = $1 ORDER BY starts_at LIMIT 1', [
    seriesId,
  ]);
  for (let i = 0; i < feedRuns; i++) {
    await ds.query(`UPDATE event SET title = 'Guild lunch #' || $2, sequence = sequence + 1 WHERE id = $1`, [first, i]);
    let t0 = performance.now();
    const res = await app.inject({ method: 'GET', url });
    coldMs.push(performance.now() - t0);
    bytes = res.rawPayload.length;
    if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode}`);
    t0 = performance.now();
    await app.inject({ method: 'GET', url });
    warmMs.push(performance.now() - t0);
  }
  await app.close();

  console.log(`\nseries: five years of a weekly series (${n} occurrences), Europe/Berlin`);
  console.log('| step | runs | p50 ms | p99 ms |');
  console.log('|---|---|---|---|');
  console.log(row(`plain rrule, same rule and range (${n} dates)`, plainMs));
  console.log(row(`expand the cadence (${n} dates)`, expandMs));
  console.log(row(`make ${n} events (one transaction)`, makeMs));
  console.log(row(`render the community feed, changed (${(bytes / 1024).toFixed(0)} KiB)`, coldMs));
  console.log(row('the same feed unchanged (render cache)', warmMs));
  const ratio = stats(expandMs).p50 / stats(plainMs).p50;
  const met = ratio <= 3;
  console.log(`expansion / plain rrule (p50): ${ratio.toFixed(1)}× (target ≤ 3×: ${met ? 'met' : 'MISSED'})`);
  return met;
}
