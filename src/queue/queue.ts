/**
 * Enqueueing jobs. graphile-worker keeps its queue in PostgreSQL and exposes `add_job` as SQL, so a
 * job is added with the very EntityManager of the change that causes it: a rolled-back change
 * enqueues nothing, a committed one always has its job.
 */
import { Logger, runMigrations } from 'graphile-worker';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { sql } from '../db/sql';

export interface JobOptions {
  /** Jobs with the same key replace each other while queued: the latest intent wins. */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export const TASKS = {
  mail: 'mail',
  reminders: 'reminders',
  digests: 'task-digests',
  lessonPrompts: 'lesson-prompts',
  signInSweep: 'sign-in-sweep',
  seriesFill: 'series-fill',
  replies: 'itip-replies',
  announce: 'announce',
  announcementsDue: 'announcements-due',
  speakUp: 'speak-up',
} as const;

/** What runs on a clock: graphile-worker's crontab (a missed run, all workers down, is caught up once on start). */
export function crontab(o: { imap: boolean }): string {
  return [
    '*/10 * * * * reminders ?fill=1h&max=3',
    '0 7 * * * task-digests ?fill=12h&max=3',
    '5,35 * * * * lesson-prompts ?fill=6h&max=3',
    '50 * * * * sign-in-sweep',
    '15 3 * * * series-fill ?fill=1d&max=1',
    '20 * * * * announcements-due ?fill=3h&max=1',
    // The monthly invitation to propose, on the 1st (a missed one is caught up within a week).
    '0 9 1 * * speak-up ?fill=7d&max=1',
    // Calendar replies in the organizer's mailbox, every minute, when there is one (IMAP_URL).
    ...(o.imap ? ['* * * * * itip-replies'] : []),
  ].join('\n');
}

export async function enqueue(m: EntityManager, task: string, payload: object, o: JobOptions = {}): Promise<void> {
  await sql(m, 'SELECT graphile_worker.add_job($1, $2::json, job_key => $3, run_at => $4, max_attempts => $5)', [
    task,
    JSON.stringify(payload),
    o.key ?? null,
    o.runAt ?? null,
    o.maxAttempts ?? 12,
  ]);
}

/** Many jobs of one task in one statement (one round trip, whatever their number). */
export async function enqueueMany(
  m: EntityManager,
  task: string,
  jobs: { payload: object; key?: string }[],
  maxAttempts = 12,
): Promise<void> {
  if (!jobs.length) return;
  // graphile-worker's bulk add_jobs: one insert for the lot (same job-key semantics as add_job).
  await sql(
    m,
    `SELECT graphile_worker.add_jobs(array_agg(ROW($1::text, j.payload, NULL, NULL, $3::int, j.key, NULL, NULL)::graphile_worker.job_spec))
       FROM json_to_recordset($2::json) AS j(payload json, key text)`,
    [task, JSON.stringify(jobs.map((j) => ({ payload: j.payload, key: j.key ?? null }))), maxAttempts],
  );
}

/**
 * Moves up to `batch` jobs from job_outbox into graphile-worker's queue in one statement (so in one
 * transaction: a row leaves the outbox exactly when its job exists), with one NOTIFY for the batch.
 * Workers draining at the same time take different rows (SKIP LOCKED). Returns how many it moved.
 */
export async function drainOutbox(m: EntityManager, batch = 1000): Promise<number> {
  const [r] = await sql<{ n: number }>(
    m,
    `WITH d AS (
       DELETE FROM job_outbox WHERE id IN (SELECT id FROM job_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING task, payload, job_key, max_attempts
     ), added AS (
       SELECT graphile_worker.add_jobs(array_agg(ROW(d.task, d.payload::json, NULL, NULL, d.max_attempts, d.job_key, NULL, NULL)::graphile_worker.job_spec))
         FROM d HAVING count(*) > 0
     )
     SELECT count(*)::int AS n FROM added`,
    [batch],
  );
  return r.n;
}

/**
 * A message to send (a MailJob of src/mail/jobs.ts; the queue stands below mail, so it takes any
 * kind); built from the database when the job runs, so it says what is true then.
 */
export function enqueueMail<J extends { kind: string }>(m: EntityManager, job: J, o: JobOptions = {}): Promise<void> {
  return enqueue(m, TASKS.mail, job, { maxAttempts: MAIL_ATTEMPTS, ...o });
}

/** The longest wait between two attempts of a job (graphile-worker's own back-off grows to 6 hours). */
export const MAX_BACKOFF_SECONDS = 300;
/** Mail is tried for about a day (then kept as failed for admins to retry): 300 attempts, 5 minutes apart at most. */
export const MAIL_ATTEMPTS = 300;

/**
 * graphile-worker's own schema, installed and upgraded by graphile-worker itself; then our cap on its
 * back-off. graphile-worker waits e^attempts seconds (capped at e^10 ≈ 6 h) and has no setting for it,
 * so a two-hour SMTP outage held mail back for up to 1.6 hours after it ended. A trigger on its job
 * table caps the wait that a failure sets at MAX_BACKOFF_SECONDS: after an outage, mail goes out
 * within five minutes. (A failure is the one update that unlocks a job and moves run_at later.)
 * Called only by `migrate()` (db/migrate.ts), under the start lock: none of this is safe to race.
 */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
  const c = new Client({ connectionString });
  await c.connect();
  try {
    await c.query(`
      CREATE OR REPLACE FUNCTION graphile_worker.brownbag_cap_backoff() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.locked_by IS NOT NULL AND NEW.locked_by IS NULL AND NEW.run_at > OLD.run_at THEN
          NEW.run_at := least(NEW.run_at, now() + make_interval(secs => ${MAX_BACKOFF_SECONDS}));
        END IF;
        RETURN NEW;
      END $$`);
    await c.query(`
      CREATE OR REPLACE TRIGGER brownbag_cap_backoff BEFORE UPDATE OF run_at ON graphile_worker._private_jobs
        FOR EACH ROW EXECUTE FUNCTION graphile_worker.brownbag_cap_backoff()`);
  } finally {
    await c.end();
  }
}

/** What graphile-worker says about its connections while PostgreSQL is away. */
const CONNECTION_TROUBLE =
  /postmaster|ECONNREFUSED|ECONNRESET|not yet accepting|starting up|shutting down|connection error|Connection terminated|terminating connection|notify listener|UNLISTEN/i;

/**
 * graphile-worker's log: errors only, one line each. While the database is out, its pool and
 * listener report every connection they lose and every reconnect they try: that is one line per
 * minute, saying what happens (jobs wait in PostgreSQL and resume by themselves).
 */
export function quietLogger(write: (line: string) => void = (l) => console.error(l), now = Date.now): Logger {
  let quietUntil = 0;
  return new Logger(() => (level: string, message: string) => {
    if (level !== 'error') return;
    // graphile-worker appends the stack, which an operator reading a log of an SMTP outage does not
    // need once per retry.
    const line = message.split('\n')[0].replace(/:$/, '');
    // A failed job keeps its line even when its error is a refused connection (an SMTP outage).
    if (!line.startsWith('Failed task') && CONNECTION_TROUBLE.test(line)) {
      if (now() < quietUntil) return;
      quietUntil = now() + 60_000;
      return write(`worker: database unavailable (${line}); jobs wait in the queue and resume when it is back`);
    }
    write(`worker: ${line}`);
  });
}
