/**
 * Issue #31's soak: the server as `npm start` runs it (package.json's start command, logging at its
 * default level, the job worker in-process, mail to files), under varied reads and writes for a
 * stated time — SOAK_SECONDS, 600 by default, 8 in --smoke — while RSS, V8 heap, external memory
 * and the render caches' bytes are sampled every few seconds. Reads: community feeds (plain, gzip,
 * br; 100 and 1,000 events), signed-in community and event pages, /v1/me, proposal lists and task
 * boards with a random `limit`, searches with random words and limits, metrics by random bucket;
 * writes: one submission per 20 requests. MISSED unless RSS levels off (the last third grows < 5 %)
 * and stays ≤ 300 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildServices } from '../../src/app';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { seedFeeds } from '../seed/events-scale';
import { DEMO_SLUG, seedDemo } from '../seed/demo';
import type { BenchContext } from './lib';
import { rssMb } from './lib';

const LIMIT_MB = 300;
const METRICS_TOKEN = 'soak-bench-metrics-token-0123456789';
const WORDS = ['latency', 'platform', 'kubernetes', 'security', 'data', 'mobile', 'search', 'checkout', 'testing'];
const MORE = ['how', 'we', 'cut', 'build', 'run', 'lessons', 'scale', 'postgres', 'cache', 'incident', 'design'];

interface Sample {
  t: number;
  rss: number;
  heap: number;
  external: number;
  arrayBuffers: number;
  cache: number;
  jobs: number;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const limit = () => 1 + Math.floor(Math.random() * 50);

/** The figures /metrics gives that a sample needs (MB). */
async function scrape(url: string): Promise<Omit<Sample, 't' | 'rss'> | null> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).catch(
    () => null,
  );
  if (!res?.ok) return null;
  const text = await res.text();
  const mem = (kind: string) =>
    Number(new RegExp(`brownbag_process_memory_bytes\\{kind="${kind}"\\} (\\d+)`).exec(text)?.[1] ?? 0) / 1048576;
  const cache = [...text.matchAll(/^brownbag_render_cache_bytes\{cache="[^"]+"\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  return {
    heap: mem('heap_used'),
    external: mem('external'),
    arrayBuffers: mem('array_buffers'),
    cache: cache / 1048576,
    jobs: Number(/^brownbag_jobs\{state="waiting"\} (\d+)/m.exec(text)?.[1] ?? 0),
  };
}

export async function benchSoak({ ds, dbUrl, smoke }: BenchContext): Promise<boolean> {
  const seconds = Number(process.env.SOAK_SECONDS ?? (smoke ? 8 : 600));
  const services = buildServices(ds, 'http://127.0.0.1');
  const made = await services.people.bootstrapAdmin('bench.admin@example.com', 'Bench Admin');
  const admin = (await services.people.authenticate(made!.secret))!;
  const tokens = await seedDemo(services, admin, () => undefined);
  const feeds = [await seedFeeds(ds, smoke ? 20 : 100, 20), await seedFeeds(ds, smoke ? 50 : 1000, 20)];
  const readers = await Promise.all(
    ['olga.organizer@example.com', 'raj.reviewer@example.com', 'mia.chen@example.com', 'tom.berg@example.com'].map(
      async (email) => {
        const p = (await services.people.findByEmail(email))!;
        const s = await new SessionsService(ds, 30).start(p.id, 'email-link', 'soak');
        return { cookie: `bb_session=${s.secret}`, token: tokens[email] };
      },
    ),
  );
  const organizer = tokens['olga.organizer@example.com'];
  const events: { id: string }[] = await ds.query(
    `SELECT e.id FROM event e JOIN community c ON c.id = e.community_id
      WHERE c.slug = $1 AND e.status = 'published' ORDER BY e.starts_at`,
    [DEMO_SLUG],
  );
  const [{ id: callId }] = await ds.query(
    `SELECT k.id FROM call_for_proposals k JOIN community c ON c.id = k.community_id WHERE c.slug = $1 LIMIT 1`,
    [DEMO_SLUG],
  );

  // The server as `npm start` runs it, with its own data folder (mail files) and a free port.
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-soak-'));
  const root = path.resolve(__dirname, '..', '..', '..');
  // The command of package.json's "start" script, as it is (node and its flags, the compiled entry).
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const [, ...args] = start.split(/\s+/);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      BROWNBAG_DATA_DIR: dataDir,
      METRICS_TOKEN,
      ADMIN_EMAIL: 'bench.admin@example.com',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let logBytes = 0;
  let logLines = 0;
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      logBytes += chunk.length;
      for (const b of chunk) if (b === 10) logLines++;
      if (chunk.includes('Brownbag is listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  await listening;
  const url = `http://127.0.0.1:${port}`;

  let writes = 0;
  const next = (): { path: string; method?: string; headers: Record<string, string>; body?: string } => {
    const r = pick(readers);
    const signedIn = { cookie: r.cookie, accept: 'text/html' };
    const bearer = { authorization: `Bearer ${r.token}` };
    const roll = Math.random() * 20;
    if (roll < 1) {
      writes++;
      return {
        method: 'POST',
        path: `/v1/communities/${DEMO_SLUG}/proposals`,
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({
          callId,
          title: `Soak talk ${writes}`,
          abstract: `Measured, not hoped: ${pick(WORDS)} ${pick(MORE)}.`,
          format: 'talk',
          submit: true,
        }),
      };
    }
    if (roll < 5) {
      const f = pick(feeds);
      return {
        path: `/v1/communities/${f.slug}/calendar.ics?talks=true`,
        headers: { 'accept-encoding': pick(['identity', 'gzip', 'br']) },
      };
    }
    if (roll < 8) return { path: `/c/${DEMO_SLUG}`, headers: signedIn };
    if (roll < 11) return { path: `/events/${pick(events).id}`, headers: signedIn };
    if (roll < 12) return { path: '/v1/me', headers: bearer };
    if (roll < 14)
      return {
        path: `/v1/communities/${DEMO_SLUG}/proposals?limit=${limit()}`,
        headers: { authorization: `Bearer ${organizer}` },
      };
    if (roll < 15)
      return {
        path: `/v1/communities/${DEMO_SLUG}/tasks?limit=${limit()}`,
        headers: { authorization: `Bearer ${organizer}` },
      };
    if (roll < 19)
      return {
        path: `/v1/search?q=${encodeURIComponent(`${pick(WORDS)} ${Math.random() < 0.5 ? pick(MORE) : ''}`.trim())}&limit=${limit()}`,
        headers: bearer,
      };
    return {
      path: `/v1/communities/${DEMO_SLUG}/metrics?bucket=${pick(['week', 'month', 'quarter', 'year'])}`,
      headers: bearer,
    };
  };

  const samples: Sample[] = [];
  const started = Date.now();
  const sample = async () => {
    const rss = rssMb(child.pid!);
    const m = await scrape(url);
    if (m) samples.push({ t: (Date.now() - started) / 1000, rss, ...m });
  };
  const every = Math.max(2, Math.round(seconds / 60)) * 1000;
  let sampling = Promise.resolve();
  const timer = setInterval(() => (sampling = sampling.then(sample)), every);
  let result: autocannon.Result;
  try {
    await sample();
    result = await autocannon({
      url,
      connections: 20,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, method: 'GET', ...next() }) }],
    } as autocannon.Options);
    clearInterval(timer);
    await sampling;
    await sample();
  } finally {
    clearInterval(timer);
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // Levels off: RSS at the end against RSS where the last third began (each the mean of up to three samples).
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const third = samples.findIndex((s) => s.t >= (seconds * 2) / 3);
  const at = (i: number) => mean(samples.slice(Math.max(0, i - 1), i + 2).map((s) => s.rss));
  const startOfLast = at(third < 0 ? samples.length - 1 : third);
  const end = mean(samples.slice(-3).map((s) => s.rss));
  const growth = ((end - startOfLast) / startOfLast) * 100;
  const peak = Math.max(...samples.map((s) => s.rss));
  const peakAt = samples.find((s) => s.rss === peak);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\nsoak (${seconds} s, 20 connections, demo data + ${feeds.map((f) => f.slug.split('-')[1]).join(' and ')}-event feeds, 1 write per 20 requests, server as npm start runs it)`,
  );
  console.log(
    `${'s'.padStart(6)}${pad('RSS MB', 9)}${pad('heap', 8)}${pad('external', 10)}${pad('buffers', 9)}${pad('cache', 8)}${pad('jobs', 7)}`,
  );
  const shown = samples.filter(
    (_, i) => i % Math.max(1, Math.floor(samples.length / 20)) === 0 || i === samples.length - 1,
  );
  for (const s of shown)
    console.log(
      `${pad(s.t.toFixed(0), 6)}${pad(s.rss.toFixed(0), 9)}${pad(s.heap.toFixed(0), 8)}${pad(s.external.toFixed(0), 10)}${pad(s.arrayBuffers.toFixed(0), 9)}${pad(s.cache.toFixed(1), 8)}${pad(s.jobs, 7)}`,
    );
  const codes = ((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ??
    {}) as Record<string, { count: number }>;
  const wrong = result.non2xx - (codes['303']?.count ?? 0) - (codes['304']?.count ?? 0);
  console.log(
    `requests ${result.requests.total} (${result.requests.average.toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms), writes ${writes}, non-2xx/3xx ${wrong}, client errors ${result.errors} (of them timeouts after 10 s: ${result.timeouts}); log ${logLines} lines, ${(logBytes / 1048576).toFixed(1)} MB`,
  );
  const levels = growth < 5;
  const under = peak <= LIMIT_MB;
  // The targets are memory's; a wrong answer fails too. Client timeouts (a cold 1,000-event feed on a
  // loaded machine) are printed above, not judged.
  const ok = levels && under && wrong === 0;
  console.log(
    `RSS peak ${peak.toFixed(0)} MB at ${peakAt?.t.toFixed(0)} s, heap ${peakAt?.heap.toFixed(0)} MB (≤ ${LIMIT_MB} ${under ? 'met' : 'MISSED'}); last third ${startOfLast.toFixed(0)} → ${end.toFixed(0)} MB, ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % (< 5 % ${levels ? 'met' : 'MISSED'})${smoke ? ' — a smoke run is too short to judge' : ''}`,
  );
  return ok;
}
