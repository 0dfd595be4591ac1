/**
 * Issue #30's realistic mix: per community (8; 2 in --smoke) an organizer, three reviewers and 20
 * members, each signed in, each reading several URLs — the organizer the proposal list (by mean
 * score), the task board, the metrics and the community home; reviewers the list (newest first) and
 * the home;
 * members the home, an event page and a search within the community — with one submission per 20
 * reads by the community's speaker. After a warm-up that reads every URL once and runs the mix for
 * 3 s unmeasured (a server that has been running, not a cold start), 50 connections for 10 s, each
 * request picked at random:
 *   - with the render caches on and the request log off (LOG_LEVEL=warn);
 *   - the same with the request log on, as `npm start` runs (the hit rate it produced is printed:
 *     writes make later reads miss); the difference is what one log line per request costs;
 *   - the same mix with the caches off (every read a miss).
 * Targets: the mix ≥ 30 % of the pooled SELECT 1; the same mix uncached ≥ 20 % (every read a miss:
 * the target the issue sets for misses).
 */
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { seedScale } from '../seed/scale';
import type { Plain } from './load';
import type { BenchContext, BenchServer, Row } from './lib';
import { baselines, cacheCounts, drive, hitRates, printTable, startServer, statements, UNCACHED } from './lib';

const WORDS = ['bench', 'talk', 'abstract', 'sentence', 'measured'];

/** Each reader's URLs by kind (what a miss of each costs: scripts/bench/misses.ts), and the writes. */
export interface MixData {
  communities: number;
  kinds: Record<string, Plain[]>;
  writes: Plain[];
}

export async function seedMix(ds: BenchContext['ds'], smoke: boolean): Promise<MixData> {
  const communities = smoke ? 2 : 8;
  const data = await seedScale(ds, communities, smoke ? 100 : 300, () => undefined);
  // A third of the talks accepted, with 25 tasks each; three upcoming events per community.
  await ds.query(
    `WITH p AS (UPDATE proposal SET state = 'accepted' WHERE community_id IN (SELECT id FROM community WHERE slug = ANY($1))
                  AND random() < 0.33 RETURNING id, community_id, created_by)
     INSERT INTO task (community_id, proposal_id, title, description, category, owner, assignee_id, offset_days, due_at, status)
     SELECT p.community_id, p.id, 'Task ' || k || ' for the talk', 'What to do, and how.', (ARRAY['logistics','slides','promotion','follow-up'])[1 + k % 4]::task_category,
            CASE WHEN k % 3 = 0 THEN 'speaker' ELSE 'organizer' END::task_owner, p.created_by, k - 20,
            now() + ((random() * 90) - 30) * interval '1 day', CASE WHEN k % 5 = 0 THEN 'done' ELSE 'open' END::task_status
       FROM p CROSS JOIN generate_series(1, 25) k`,
    [data.slugs],
  );
  await ds.query(
    `INSERT INTO event (community_id, title, starts_at, ends_at, time_zone, status)
     SELECT c.id, 'Mix event ' || g, date_trunc('day', now()) + g * interval '14 days' + interval '11 hours',
            date_trunc('day', now()) + g * interval '14 days' + interval '13 hours', 'Europe/Berlin', 'published'
       FROM community c CROSS JOIN generate_series(1, 3) g WHERE c.slug = ANY($1)`,
    [data.slugs],
  );
  await ds.query('VACUUM ANALYZE'); // vacuumed now, not by autovacuum during the first row
  const sessions = new SessionsService(ds, 30);
  const kinds: Record<string, Plain[]> = {};
  const writes: Plain[] = [];
  const add = (kind: string, ...rs: Plain[]) => (kinds[kind] ??= []).push(...rs);
  for (let i = 0; i < data.slugs.length; i++) {
    const slug = data.slugs[i];
    const people: { id: string; email: string }[] = await ds.query(
      `SELECT pe.id, pe.email FROM person pe WHERE pe.email = ANY($1)`,
      [Array.from({ length: 24 }, (_, g) => `${slug}-${g}@bench.example`)],
    );
    const events: { id: string }[] = await ds.query(
      'SELECT e.id FROM event e JOIN community c ON c.id = e.community_id WHERE c.slug = $1',
      [slug],
    );
    const cookieOf = async (id: string) => ({
      cookie: `bb_session=${(await sessions.start(id, 'email-link', 'mix')).secret}`,
      accept: 'text/html',
    });
    for (const p of people) {
      const g = Number(p.email.split('-').at(-1)!.split('@')[0]);
      const page = await cookieOf(p.id);
      const api = { cookie: page.cookie };
      const home = { path: `/c/${slug}`, headers: page };
      const list = { path: `/v1/communities/${slug}/proposals?sort=-meanScore&limit=50`, headers: api };
      add('community home (signed in)', home);
      if (g === 0) {
        add("organizers' list, by mean score", list);
        add('task board', { path: `/v1/communities/${slug}/tasks?limit=50`, headers: api });
        add('metrics, 12 months', { path: `/v1/communities/${slug}/metrics?bucket=month`, headers: api });
      } else if (g <= 3) add("reviewers' list", { path: `/v1/communities/${slug}/proposals?limit=50`, headers: api });
      else {
        add('event page (signed in)', { path: `/events/${events[g % events.length].id}`, headers: page });
        add('search in the community', {
          path: `/v1/search?q=${WORDS[g % WORDS.length]}&community=${slug}`,
          headers: api,
        });
      }
    }
    writes.push({
      method: 'POST',
      path: `/v1/communities/${slug}/proposals`,
      headers: { authorization: `Bearer ${data.speakerTokens[i]}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        callId: data.callIds[i],
        title: 'Mix talk [<id>]',
        abstract: 'Measured, not hoped.',
        format: 'talk',
        submit: true,
      }),
    });
  }
  return { communities, kinds, writes };
}

/** Reads every URL once, 8 at a time. */
async function warm(server: BenchServer, reads: Plain[]) {
  const queue = [...reads];
  const worker = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) {
      const res = await fetch(server.url + u.path, { headers: u.headers });
      if (res.status !== 200) throw new Error(`warm-up ${u.path}: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export async function benchMix({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const started = Date.now();
  const { communities, kinds, writes } = await seedMix(ds, smoke);
  const reads = Object.values(kinds).flat();
  // One write per 20 reads: each community's write appears once per 20 of the reads.
  const mix = [...reads, ...Array.from({ length: Math.ceil(reads.length / 20) }, (_, k) => writes[k % writes.length])];
  console.log(
    `mix: ${communities} communities, ${reads.length} reader URLs (${communities * 24} readers), ${mix.length - reads.length} write slots; seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const requests = [{ choose: mix }];
  const rows: Row[] = [];
  const rates: string[] = [];
  const run = async (label: string, env: Record<string, string>, target: number, withBaselines = false) => {
    const server = await startServer(dbUrl, env);
    try {
      if (withBaselines) {
        const b = await baselines(server, seconds);
        rows.push(b.noDb, b.pooled);
      }
      // Steady state, not a cold start: every reader has opened each of their pages once (a server
      // that has run for a while); the writes during the run are what make reads miss.
      await warm(server, reads);
      // and has run the mix for a while: a fresh process measured at once pays V8's warm-up inside
      // the row, which made whichever row did not follow the baselines look slower (issue #30)
      await drive(server, 'warm-up', { idReplacement: true, requests }, Math.min(3, seconds));
      const before = await cacheCounts(server);
      const log0 = server.log();
      await statements.reset(ds);
      const r = await drive(server, label, { idReplacement: true, requests }, seconds, target);
      await statements.print(ds, label, r.rps * seconds);
      const after = await cacheCounts(server);
      const log = server.log();
      const hits = after.hits - before.hits;
      const misses = after.misses - before.misses;
      rates.push(
        `${label}: render-cache hit rate ${((hits / Math.max(1, hits + misses)) * 100).toFixed(0)} % (${hits} hits, ${misses} misses); ` +
          `request log ${log.lines - log0.lines} lines, ${((log.bytes - log0.bytes) / 1048576).toFixed(1)} MB` +
          (hits ? `\n  by cache: ${hitRates(before, after)}` : ''),
      );
      rows.push(r);
    } finally {
      await server.stop();
    }
    // Each row starts from the same data: the ~1,000 talks a row submits would make the next row's
    // lists, figures and tables longer.
    // autocannon replaces the whole `[<id>]`, brackets and all: the titles are 'Mix talk <id>'.
    const [, deleted] = (await ds.query(`DELETE FROM proposal WHERE title LIKE 'Mix talk %'`)) as [unknown, number];
    if (!deleted) throw new Error(`the mix's submissions were not found to delete after "${label}"`);
    await ds.query('VACUUM ANALYZE');
  };
  // Issue #30: the mix ≥ 30 %; misses (the same routes uncached) ≥ 20 %, the misses' own target.
  // The log-off row first, beside the row it is compared with, and the target row not favoured by
  // going first.
  await run('mix, cached, request log off', { LOG_LEVEL: 'warn' }, 30, true);
  await run('mix, cached', {}, 30);
  await run('mix, uncached', UNCACHED, 20);
  const met = printTable(
    `mix (${seconds} s per row, 50 connections, loopback, 1 write per 20 reads, log at info unless said)`,
    rows,
    rows[1],
    rows[0],
  );
  for (const h of rates) console.log(h);
  const [quiet, cached] = rows.slice(2);
  console.log(
    `request log cost on the cached mix: ${(((quiet.rps - cached.rps) / quiet.rps) * 100).toFixed(1)} % of its req/s, ` +
      `server CPU per request ${((cached.serverCpu / cached.rps) * 10).toFixed(2)} vs ${((quiet.serverCpu / quiet.rps) * 10).toFixed(2)} ms`,
  );
  return met;
}
