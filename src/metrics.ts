/**
 * Prometheus metrics (prom-client), one registry per process part that owns them: the HTTP app's
 * (requests by route and status with latency, the pool, the job queue) and the worker's (mail sent,
 * failed, dropped). `npm start` runs both in one process and serves one registry at /metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One render cache's figures (http/render-cache.ts hands them over). */
export interface RenderCacheFigures {
  name: string;
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/** What a pg Pool tells about itself. */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export interface QueueFigures {
  waiting: number;
  running: number;
  failed: number;
  oldestSeconds: number;
}

export class Metrics {
  readonly registry = new Registry();

  readonly requests = new Histogram({
    name: 'brownbag_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status, with their duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly mails = new Counter({
    name: 'brownbag_mails_total',
    help: 'Mail jobs by kind and outcome: sent, failed (an attempt that will be retried or kept as failed), dropped (nothing left to say)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  /** `defaults`: the process's own figures too (CPU, memory, event loop); once per process. */
  constructor(o: { defaults?: boolean } = {}) {
    if (o.defaults) collectDefaultMetrics({ register: this.registry, prefix: 'brownbag_' });
  }

  /**
   * The render caches (http/render-cache.ts), per cache: entries, bytes held, answers without
   * rendering (hits), renderings (misses), evictions and the hit ratio since the start; their budget;
   * and the process's memory (RSS, V8 heap, external memory and the ArrayBuffers within it).
   */
  watchRenderCaches(caches: { budgetBytes: number; figures(): RenderCacheFigures[] }) {
    const gauge = (name: string, help: string, of: (f: RenderCacheFigures) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['cache'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const f of caches.figures()) this.set({ cache: f.name }, of(f));
        },
      });
    const counter = (name: string, help: string, of: (f: RenderCacheFigures) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['cache'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const f of caches.figures()) this.inc({ cache: f.name }, of(f));
        },
      });
    gauge('brownbag_render_cache_entries', 'Render cache entries kept, by cache', (f) => f.entries);
    gauge(
      'brownbag_render_cache_bytes',
      'Memory held by render cache entries (body, key, overhead), by cache',
      (f) => f.bytes,
    );
    counter(
      'brownbag_render_cache_hits_total',
      'Answers from a render cache without rendering, by cache',
      (f) => f.hits,
    );
    counter(
      'brownbag_render_cache_misses_total',
      'Renderings (answers a render cache did not hold), by cache',
      (f) => f.misses,
    );
    counter(
      'brownbag_render_cache_evictions_total',
      'Entries pushed out to stay within the budget, by cache',
      (f) => f.evictions,
    );
    gauge('brownbag_render_cache_hit_ratio', 'Hits ÷ (hits + misses) since the start, by cache', (f) =>
      f.hits + f.misses ? f.hits / (f.hits + f.misses) : 0,
    );
    new Gauge({
      name: 'brownbag_render_cache_budget_bytes',
      help: 'Memory all render caches together may hold (RENDER_CACHE_MB)',
      registers: [this.registry],
      collect() {
        this.set(caches.budgetBytes);
      },
    });
    new Gauge({
      name: 'brownbag_process_memory_bytes',
      help: 'The process memory: rss, heap_total and heap_used (V8), external (Buffers and other native memory), array_buffers (part of external)',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const m = process.memoryUsage();
        this.set({ kind: 'rss' }, m.rss);
        this.set({ kind: 'heap_total' }, m.heapTotal);
        this.set({ kind: 'heap_used' }, m.heapUsed);
        this.set({ kind: 'external' }, m.external);
        this.set({ kind: 'array_buffers' }, m.arrayBuffers);
      },
    });
  }

  /** Connections of the pool: in use, idle, and requests waiting for one. */
  watchPool(pool: () => PoolLike | undefined) {
    new Gauge({
      name: 'brownbag_db_pool_connections',
      help: 'Database pool connections by state (in use, idle) and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'in-use' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }

  /**
   * Shared statements (db/batch.ts) by batch: statements sent, items in them (items ÷ statements is
   * how many calls a statement served) and items tried again alone after a shared one failed.
   */
  watchBatches(batches: Record<string, { counts: { statements: number; items: number; retriedAlone: number } }>) {
    const figure = (name: string, help: string, of: 'statements' | 'items' | 'retriedAlone') =>
      new Counter({
        name,
        help,
        labelNames: ['batch'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const [batch, b] of Object.entries(batches)) this.inc({ batch }, b.counts[of]);
        },
      });
    figure('brownbag_db_batched_statements_total', 'Shared statements sent, by batch', 'statements');
    figure('brownbag_db_batched_items_total', 'Calls answered by shared statements, by batch', 'items');
    figure(
      'brownbag_db_batched_retried_alone_total',
      'Calls tried again on their own after their shared statement failed, by batch',
      'retriedAlone',
    );
  }

  /** The job queue, read from PostgreSQL when scraped (a failed read leaves the figures out). */
  watchQueue(read: () => Promise<QueueFigures>) {
    let figures: Promise<QueueFigures | null> | null = null;
    // One read per scrape for the two gauges below.
    const once = () => (figures ??= read().catch(() => null)).finally(() => setTimeout(() => (figures = null), 0));
    new Gauge({
      name: 'brownbag_jobs',
      help: 'Jobs in the queue by state: waiting (due or scheduled), running, failed (attempts used up)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const f = await once();
        if (!f) return;
        this.set({ state: 'waiting' }, f.waiting);
        this.set({ state: 'running' }, f.running);
        this.set({ state: 'failed' }, f.failed);
      },
    });
    new Gauge({
      name: 'brownbag_jobs_oldest_due_seconds',
      help: 'How long the oldest job that is due has been waiting (0 when none is)',
      registers: [this.registry],
      async collect() {
        const f = await once();
        if (f) this.set(f.oldestSeconds);
      },
    });
  }
}
