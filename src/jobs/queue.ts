/**
 * Enqueueing jobs. graphile-worker keeps its queue in PostgreSQL and exposes `add_job` as SQL, so a
 * job is added with the very EntityManager of the change that causes it: a rolled-back change
 * enqueues nothing, a committed one always has its job.
 */
import { Logger, runMigrations } from 'graphile-worker';
import type { EntityManager } from 'typeorm';
import type { MailJob } from '../mail/messages';
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
} as const;

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

/** A message to send; built from the database when the job runs, so it says what is true then. */
export function enqueueMail(m: EntityManager, job: MailJob, o: JobOptions = {}): Promise<void> {
  return enqueue(m, TASKS.mail, job, o);
}

/** graphile-worker's own schema, installed and upgraded by graphile-worker itself. */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
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
