/**
 * Where a miss spends its time (issue #30): the mix's URLs (scripts/bench/mix.ts), one request at a
 * time through the app in this process with the render caches off, each kind 40 times (5 in
 * --smoke) after a warm-up. For each: the p50 of the whole request, its database round trips, the
 * time with a statement in flight (database and wire) and the rest (JavaScript: policy, rendering,
 * serializing), and the slowest statement's share. Every node-postgres query is timed. No target:
 * the table says where to look (BENCH_PROFILE and --cpu-prof say the rest).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../../src/app';
import type { BenchContext } from './lib';
import { seedMix } from './mix';

interface Trip {
  text: string;
  ms: number;
}

/** Times every statement node-postgres sends (callback or promise form) into `trips`. */
function timeQueries(trips: Trip[]) {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim();
    const t0 = performance.now();
    const done = () => trips.push({ text, ms: performance.now() - t0 });
    const cb = args.findIndex((a) => typeof a === 'function');
    if (cb >= 0) {
      const f = args[cb] as (...r: unknown[]) => void;
      args[cb] = (...r: unknown[]) => {
        done();
        f(...r);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<unknown> | undefined;
    out?.then?.(done, done);
    return out;
  };
  return () => (proto.query = original);
}

export async function benchMisses({ ds, smoke }: BenchContext): Promise<boolean> {
  const { kinds } = await seedMix(ds, smoke);
  const app = await buildApp({
    ds,
    // MISSES_CACHED=1: the caches on, so each request after the first is a hit (where a hit spends its time).
    config: {
      bodyLimitBytes: 262144,
      publicUrl: 'http://127.0.0.1',
      renderCacheBytes: process.env.MISSES_CACHED ? 64 << 20 : 0,
    },
  });
  const trips: Trip[] = [];
  const restore = timeQueries(trips);
  const runs = smoke ? 5 : Number(process.env.MISSES_RUNS ?? 40);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\nwhere a miss spends its time (render caches off, one request at a time, ${runs} each, p50)`);
  console.log(
    `${'route'.padEnd(34)}${pad('total ms', 9)}${pad('trips', 6)}${pad('DB ms', 8)}${pad('JS ms', 8)}  slowest statement (p50 ms)`,
  );
  try {
    // MISSES_ONLY=<part of a route's name>: only those routes (with MISSES_RUNS and --cpu-prof, one route's profile).
    const only = process.env.MISSES_ONLY?.split(',');
    for (const [kind, urls] of Object.entries(kinds)) {
      if (only && !only.some((k) => kind.includes(k))) continue;
      const totals: number[] = [];
      const tripCounts: number[] = [];
      const dbMs: number[] = [];
      const byText = new Map<string, number[]>();
      for (let i = -5; i < runs; i++) {
        const u = urls[(i + 5) % urls.length];
        trips.length = 0;
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: u.path, headers: u.headers });
        const total = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${u.path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i < 0) continue; // warm-up: JIT, plans, prepared statements
        totals.push(total);
        tripCounts.push(trips.length);
        dbMs.push(trips.reduce((n, t) => n + t.ms, 0));
        for (const t of trips) byText.set(t.text, [...(byText.get(t.text) ?? []), t.ms]);
      }
      const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      const [slowText, slowMs] = [...byText].map(([t, ms]) => [t, p50(ms)] as const).sort((a, b) => b[1] - a[1])[0] ?? [
        '',
        0,
      ];
      console.log(
        `${kind.padEnd(34)}${pad(p50(totals).toFixed(1), 9)}${pad(p50(tripCounts), 6)}${pad(p50(dbMs).toFixed(1), 8)}${pad((p50(totals) - p50(dbMs)).toFixed(1), 8)}  ${slowMs.toFixed(1)}: ${slowText.slice(0, 90)}`,
      );
      // MISSES_DETAIL=<part of a route's name>: each of its statements, slowest first.
      if (process.env.MISSES_DETAIL?.split(',').some((k) => kind.includes(k)))
        for (const [t, ms] of [...byText].sort((a, b) => p50(b[1]) - p50(a[1])))
          console.log(`    ${p50(ms).toFixed(1).padStart(6)} ms ×${(ms.length / runs).toFixed(1)}  ${t.slice(0, 160)}`);
    }
    // MISSES_PLANS=1: how PostgreSQL planned each named statement on the pool's connections (custom plans are planned per call).
    if (process.env.MISSES_PLANS) {
      restore();
      const seen = await Promise.all(
        [0, 1, 2, 3].map(() =>
          ds.query(
            `SELECT generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 110) AS s FROM pg_prepared_statements, pg_sleep(0.05) WHERE custom_plans > 0`,
          ),
        ),
      );
      for (const rows of seen)
        for (const r of rows) console.log(`  generic ${r.generic_plans} custom ${r.custom_plans}  ${r.s}`);
    }
  } finally {
    restore();
    await app.close();
  }
  return true;
}
