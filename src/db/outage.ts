/**
 * When PostgreSQL goes away. A request whose database call fails for want of a connection answers
 * 503 with Retry-After (never a 500 with a stack), the first such failure logs one line, and from
 * then on a probe asks the database once a second; requests that need it are answered 503 at once
 * (no pile-up of connection attempts) until the probe gets an answer, which logs one more line.
 * With the embedded PostgreSQL, the probe also starts it again when its process is gone.
 */

/** SQLSTATEs and socket errors that mean "no database right now", not "this request is wrong". */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout|the database system is (starting up|shutting down)/i;

/** True when `err` (a pg, TypeORM or socket error) says the database cannot be reached. */
export function isUnavailable(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_STATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_TEXT.test(e.message)) return true;
    // TypeORM wraps the driver's error; AggregateError (a host with several addresses) lists them.
    const inner = (e.driverError ?? e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined)) as
      Record<string, unknown> | undefined;
    e = inner;
  }
  return false;
}

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

export interface WatchOptions {
  /** One query that succeeds when the database answers. */
  probe: () => Promise<unknown>;
  /** Where the two lines of an outage go (both at the same level: who sees one sees the other). */
  log: (line: string) => void;
  /** Start the database again when its process is gone (the embedded default); resolves when done. */
  restart?: () => Promise<boolean>;
  intervalMs?: number;
}

export class DatabaseWatch {
  private downSince: number | null = null;
  private refused = 0;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private restarts = 0;

  constructor(private readonly o: WatchOptions) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  /** A request was answered 503 because of the outage (counted for the recovery line). */
  refusedOne() {
    this.refused++;
  }

  /** A database call failed with `err`; true when that means an outage (now being watched). */
  report(err: unknown): boolean {
    if (!isUnavailable(err)) return false;
    if (this.downSince === null) {
      this.downSince = Date.now();
      this.refused = 0;
      this.restarts = 0;
      const e = err as { code?: string; message?: string };
      this.o.log(
        `database unavailable (${e.code ?? e.message?.split('\n')[0] ?? 'no connection'}): answering 503 until it is back`,
      );
      this.timer = setInterval(() => void this.check(), this.o.intervalMs ?? 1000);
      this.timer.unref();
      void this.check();
    }
    return true;
  }

  private async check() {
    if (this.probing || this.downSince === null) return;
    this.probing = true;
    try {
      await this.o.probe();
      const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
      this.o.log(
        `database is back after ${seconds} s (${this.refused} requests answered 503${this.restarts ? `, restarted ${this.restarts}×` : ''})`,
      );
      this.downSince = null;
      this.stop();
    } catch {
      if (this.o.restart && (await this.o.restart().catch(() => false))) this.restarts++;
    } finally {
      this.probing = false;
    }
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
