/**
 * Shared benchmark machinery: a server child process (configured as `npm start` configures it, its
 * request log written to a file), autocannon in a child process of its own, RSS and CPU sampling,
 * the table.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import type { DataSource } from 'typeorm';
import type { LoadOrder, Spec } from './load';

/** What every scenario gets: a migrated database, and how long to run. */
export interface BenchContext {
  ds: DataSource;
  dbUrl: string;
  smoke: boolean;
  seconds: number;
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb: number;
  /** CPU the server and the load generator used, in % of one core over the run. */
  serverCpu: number;
  clientCpu: number;
  /** CPU of PostgreSQL's processes, in % of one core (all of them on the machine). */
  dbCpu: number;
  target?: number;
  /** A p99 the route must stay under (ms), beside its share of the baseline. */
  p99Under?: number;
}

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** The request log so far (the server's stdout), in lines and bytes. */
  log(): { lines: number; bytes: number };
  stop(): Promise<void>;
}

/** What a server with the render caches switched off gets: every read renders (a miss). */
export const UNCACHED = { RENDER_CACHE_MB: '0' };

/** Node's flags in package.json's "start" script (the heap cap changes how the collector runs). */
function startFlags(): string[] {
  const root = path.resolve(__dirname, '..', '..', '..');
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  return start.split(/\s+/).filter((a) => a.startsWith('--'));
}

/**
 * Starts scripts/bench/server.js in its own process, with npm start's Node flags and its logging
 * (LOG_LEVEL, info unless `env` or the environment says otherwise), stdout into a temporary file.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-bench-')), 'server.log');
  const out = fs.openSync(logFile, 'w');
  const child = fork(path.join(__dirname, 'server.js'), [], {
    // BENCH_PROFILE=dir writes a CPU profile of the server (open it in Chrome's DevTools).
    execArgv: [
      ...startFlags(),
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  fs.closeSync(out);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    log: () => {
      const text = fs.readFileSync(logFile);
      let lines = 0;
      for (const b of text) if (b === 10) lines++;
      return { lines, bytes: text.length };
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time a process has used so far, in ms (user + system). */
export function cpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/**
 * The CPU each PostgreSQL process on the machine has used so far (ms, by pid): the bench's database
 * server and its backends. On a machine whose PostgreSQL serves others too, the column over-counts.
 */
export function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = stat.split(') ')[1].split(' ');
      byPid.set(Number(pid), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {
      // gone between the listing and the read
    }
  }
  return byPid;
}

/** The CPU PostgreSQL's processes used between two samples (ms); one that ended between them is not counted. */
const postgresCpuSince = (before: Map<number, number>) =>
  [...postgresCpuMs()].reduce((n, [pid, ms]) => n + ms - (before.get(pid) ?? 0), 0);

export interface CacheCounts {
  hits: number;
  misses: number;
  /** per cache (by name) */
  each: Record<string, { hits: number; misses: number }>;
}

/** The render caches' hits and misses so far (all caches together, and each). */
export async function cacheCounts(server: BenchServer): Promise<CacheCounts> {
  const figures = (await (await fetch(`${server.url}/bench/caches`)).json()) as {
    name: string;
    hits: number;
    misses: number;
  }[];
  return figures.reduce<CacheCounts>(
    (a, f) => ({
      hits: a.hits + f.hits,
      misses: a.misses + f.misses,
      each: { ...a.each, [f.name]: { hits: f.hits, misses: f.misses } },
    }),
    { hits: 0, misses: 0, each: {} },
  );
}

/** Each cache's hit rate between two counts: "search 91 % of 1,200, …". */
export function hitRates(before: CacheCounts, after: CacheCounts): string {
  return Object.entries(after.each)
    .map(([name, a]) => {
      const b = before.each[name] ?? { hits: 0, misses: 0 };
      const [hits, misses] = [a.hits - b.hits, a.misses - b.misses];
      return hits + misses ? `${name} ${((hits / (hits + misses)) * 100).toFixed(0)} % of ${hits + misses}` : '';
    })
    .filter(Boolean)
    .join(', ');
}

export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return process.memoryUsage().rss / 1048576;
  }
}

const statusCounts = (r: autocannon.Result) =>
  (r as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
const answered = (r: autocannon.Result) => Object.values(statusCounts(r)).reduce((n, s) => n + s.count, 0);

/** autocannon's options as JSON (the load runs in another process): requests may be `{ choose: [...] }`. */
export type LoadOptions = Record<string, unknown> & { requests: Spec[]; connections?: number };

/** Runs autocannon in a process of its own (load.ts); its result and the CPU it used. */
function load(opts: LoadOptions): Promise<{ result: autocannon.Result; cpuMs: number }> {
  const child = fork(path.join(__dirname, 'load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { result: autocannon.Result; cpuMs: number }) => resolve(m));
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
    child.send({ opts } satisfies LoadOrder);
  });
}

/** `expect` names a non-2xx status that is the route's right answer (304 for conditional requests). */
export async function drive(
  server: BenchServer,
  name: string,
  opts: LoadOptions,
  seconds: number,
  target?: number,
  expect?: number,
): Promise<Row> {
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(server.child.pid!));
  }, 200);
  const pid = server.child.pid!;
  const cpu0 = cpuMs(pid);
  const db0 = postgresCpuMs();
  const t0 = performance.now();
  const { result, cpuMs: clientMs } = await load({
    url: server.url,
    connections: 50,
    duration: seconds,
    ...opts,
  });
  const wall = performance.now() - t0;
  const serverMs = cpuMs(pid) - cpu0;
  const dbMs = postgresCpuSince(db0);
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(server.child.pid!));
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // With `expect`, every other answer is wrong (a 200 where 304 is right too).
    non2xx: expect ? answered(result) - (statusCounts(result)[String(expect)]?.count ?? 0) : result.non2xx,
    errors: result.errors + result.timeouts,
    rssMb: peak,
    serverCpu: (serverMs / wall) * 100,
    clientCpu: (clientMs / wall) * 100,
    dbCpu: (dbMs / wall) * 100,
    target,
  };
}

/**
 * The two baselines a table stands beside (issue #30): the cheapest database call the app makes (a
 * named SELECT 1 on its pool, the denominator of the targets) and a constant JSON without the
 * database (what Fastify and the client cost alone).
 */
export async function baselines(
  server: BenchServer,
  seconds: number,
  opts: Partial<LoadOptions> = {},
): Promise<{ pooled: Row; noDb: Row }> {
  const noDb = await drive(
    server,
    'baseline: constant JSON, no database',
    { ...opts, requests: [{ method: 'GET', path: '/bench/constant' }] },
    seconds,
  );
  const pooled = await drive(
    server,
    'baseline: named SELECT 1 on the pool',
    { ...opts, requests: [{ method: 'GET', path: '/bench/baseline' }] },
    seconds,
  );
  return { pooled, noDb };
}

/** `noDb`: also print each row's share of the no-database baseline. */
export function printTable(title: string, rows: Row[], baseline: Row, noDb?: Row): boolean {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${title}`);
  console.log(
    `${'route'.padEnd(40)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('wrong', 7)}${pad('errors', 7)}${pad('RSS MB', 7)}${pad('srv CPU', 8)}${pad('cli CPU', 8)}${pad('DB CPU', 8)}${pad('vs base', 8)}${noDb ? pad('vs no-DB', 9) : ''}  target`,
  );
  let met = true;
  for (const r of rows) {
    const ratio = (r.rps / baseline.rps) * 100;
    const fast = r.p99Under === undefined || r.p99 < r.p99Under;
    const ok = r.target === undefined || (ratio >= r.target && fast && r.non2xx === 0 && r.errors === 0);
    if (!ok) met = false;
    console.log(
      `${r.name.padEnd(40)}${pad(r.rps.toFixed(0), 8)}${pad(r.p50.toFixed(1), 8)}${pad(r.p99.toFixed(1), 8)}${pad(r.non2xx, 7)}${pad(r.errors, 7)}${pad(r.rssMb.toFixed(0), 7)}${pad(`${r.serverCpu.toFixed(0)} %`, 8)}${pad(`${r.clientCpu.toFixed(0)} %`, 8)}${pad(`${r.dbCpu.toFixed(0)} %`, 8)}${pad(r === baseline ? '100 %' : `${ratio.toFixed(0)} %`, 8)}${noDb ? pad(`${((r.rps / noDb.rps) * 100).toFixed(0)} %`, 9) : ''}  ${r.target === undefined ? '' : `≥ ${r.target} %${r.p99Under ? `, p99 < ${r.p99Under}` : ''} ${ok ? 'met' : 'MISSED'}`}`,
    );
  }
  return met;
}

/**
 * BENCH_STATEMENTS=1 (the embedded PostgreSQL then loads pg_stat_statements): `reset` before a row,
 * `print` after it — the statements that took PostgreSQL's time, planning and executing, with calls.
 */
export const statements = {
  on: !!process.env.BENCH_STATEMENTS,
  async reset(ds: DataSource) {
    if (!this.on) return;
    await ds.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await ds.query('SELECT pg_stat_statements_reset()');
  },
  async print(ds: DataSource, label: string, requests: number) {
    if (!this.on) return;
    const rows: { calls: string; plan: number; exec: number; q: string }[] = await ds.query(
      `SELECT calls, total_plan_time AS plan, total_exec_time AS exec, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_plan_time + total_exec_time DESC LIMIT 12`,
    );
    const all: { plan: number; exec: number }[] = await ds.query(
      'SELECT sum(total_plan_time) AS plan, sum(total_exec_time) AS exec FROM pg_stat_statements',
    );
    const per = (ms: number) => ((ms * 1000) / Math.max(1, requests)).toFixed(0);
    console.log(
      `  ${label}: PostgreSQL planned ${per(all[0].plan)} µs and executed ${per(all[0].exec)} µs per request; the heaviest statements (µs per request, plan + run, calls):`,
    );
    for (const r of rows)
      console.log(
        `    ${per(r.plan).padStart(5)} + ${per(r.exec).padStart(5)}  ${String(r.calls).padStart(7)}  ${r.q}`,
      );
  },
};
