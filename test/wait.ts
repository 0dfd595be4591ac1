/**
 * Waiting for the event instead of sleeping: poll a probe until it answers, and "the job queue has
 * nothing left to do" (how a test shows that something was NOT sent: once every job that could send
 * it has run, the sink is final).
 */
import type { DataSource } from 'typeorm';

/** Polls `probe` every 50 ms until it returns something truthy (returned), or throws after `ms`. */
export async function until<T>(what: string, probe: () => T | Promise<T>, ms = 20000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until no job is waiting in the outbox and none is due or running in graphile-worker's queue
 * (failed-for-good jobs and jobs scheduled later do not count). Read in one statement, so a job that
 * enqueues another (a fan-out) is seen as one or the other. A mail job finishes only after SMTP has
 * accepted the message, so the sink then holds everything the queue sent.
 */
export async function jobsIdle(ds: DataSource, ms = 20000): Promise<void> {
  await until(
    'the job queue to be idle',
    async () => {
      const [{ busy }] = await ds.query(
        `SELECT (SELECT count(*) FROM job_outbox)
              + (SELECT count(*) FROM graphile_worker.jobs
                  WHERE attempts < max_attempts AND (run_at <= now() OR locked_at IS NOT NULL))::int AS busy`,
      );
      return Number(busy) === 0;
    },
    ms,
  );
}
