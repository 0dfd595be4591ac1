/** Shared benchmark machinery: a server child process, autocannon runs, RSS sampling, the table. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import type { DataSource } from 'typeorm';

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
  target?: number;
  /** A p99 the route must stay under (ms), beside its share of the baseline. */
  p99Under?: number;
}

export interface BenchServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts scripts/bench/server.js in its own process, so the load generator does not share its event loop. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child = fork(path.join(__dirname, 'server.js'), [], {
    // BENCH_PROFILE=dir writes a CPU profile of the server (open it in Chrome's DevTools).
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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

/** `expect` names a non-2xx status that is the route's right answer (304 for conditional requests). */
export async function drive(
  server: BenchServer,
  name: string,
  opts: Partial<autocannon.Options>,
  seconds: number,
  target?: number,
  expect?: number,
): Promise<Row> {
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(server.child.pid!));
  }, 200);
  const result = await autocannon({
    url: server.url,
    connections: 50,
    duration: seconds,
    ...opts,
  } as autocannon.Options);
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
  opts: Partial<autocannon.Options> = {},
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
    `${'route'.padEnd(38)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('wrong', 9)}${pad('errors', 8)}${pad('RSS MB', 9)}${pad('vs base', 9)}${noDb ? pad('vs no-DB', 10) : ''}  target`,
  );
  let met = true;
  for (const r of rows) {
    const ratio = (r.rps / baseline.rps) * 100;
    const fast = r.p99Under === undefined || r.p99 < r.p99Under;
    const ok = r.target === undefined || (ratio >= r.target && fast && r.non2xx === 0 && r.errors === 0);
    if (!ok) met = false;
    console.log(
      `${r.name.padEnd(38)}${pad(r.rps.toFixed(0), 9)}${pad(r.p50.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}${pad(r.non2xx, 9)}${pad(r.errors, 8)}${pad(r.rssMb.toFixed(0), 9)}${pad(r === baseline ? '100 %' : `${ratio.toFixed(0)} %`, 9)}${noDb ? pad(`${((r.rps / noDb.rps) * 100).toFixed(0)} %`, 10) : ''}  ${r.target === undefined ? '' : `≥ ${r.target} %${r.p99Under ? `, p99 < ${r.p99Under}` : ''} ${ok ? 'met' : 'MISSED'}`}`,
    );
  }
  return met;
}
