/** The job queue's SQL, over graphile-worker's own tables and functions. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';

export const JOB_STATES = ['failed', 'pending', 'running', 'all'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRow {
  id: string;
  task_identifier: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  created_at: Date;
  updated_at: Date;
  locked_at: Date | null;
  key: string | null;
}

const STATE_SQL: Record<JobState, string> = {
  // attempts is counted when a job is taken, so a running last attempt is not failed yet
  failed: 'j.attempts >= j.max_attempts AND j.locked_at IS NULL',
  pending: 'j.attempts < j.max_attempts AND j.locked_at IS NULL',
  running: 'j.locked_at IS NOT NULL',
  all: 'true',
};

/** One page of jobs in a state, newest first. */
export const jobsPage = (m: EntityManager, state: JobState, beforeId: string | null, limit: number) =>
  sql<JobRow>(
    m,
    `SELECT j.id::text, j.task_identifier, p.payload, j.attempts, j.max_attempts, j.last_error, j.run_at, j.created_at, j.updated_at, j.locked_at, j.key
       FROM graphile_worker.jobs j JOIN graphile_worker._private_jobs p ON p.id = j.id
      WHERE ${STATE_SQL[state]} AND ${beforeId === null ? '$1::bigint IS NULL' : 'j.id < $1::bigint'} ORDER BY j.id DESC LIMIT $2`,
    [beforeId, limit],
  );

/**
 * graphile-worker's own SQL API: a fresh set of attempts, due now (a running job is left alone),
 * then a wake-up for the workers. The job as rescheduled, before a worker takes it; undefined when
 * there is no such job or it is running.
 */
export async function retryJob(m: EntityManager, id: string) {
  const [job] = await sql<JobRow>(
    m,
    `SELECT r.id::text, t.identifier AS task_identifier, r.payload, r.attempts, r.max_attempts, r.last_error, r.run_at, r.created_at,
            r.updated_at, r.locked_at, r.key
       FROM graphile_worker.reschedule_jobs(ARRAY[$1::bigint], run_at := now(), attempts := 0) r
       JOIN graphile_worker._private_tasks t ON t.id = r.task_id`,
    [id],
  );
  if (job) await sql(m, `SELECT pg_notify('jobs:insert', '')`);
  return job;
}

/** The queue in figures, for /metrics. */
export const queueFigures = async (m: EntityManager) => {
  const [r] = await sql<{ waiting: number; running: number; failed: number; oldest_seconds: number }>(
    m,
    `SELECT count(*) FILTER (WHERE ${STATE_SQL.pending})::int + (SELECT count(*) FROM job_outbox)::int AS waiting,
            count(*) FILTER (WHERE ${STATE_SQL.running})::int AS running,
            count(*) FILTER (WHERE ${STATE_SQL.failed})::int AS failed,
            coalesce(extract(epoch FROM now() - least(min(j.run_at) FILTER (WHERE ${STATE_SQL.pending} AND j.run_at <= now()),
                                                      (SELECT min(created_at) FROM job_outbox))), 0)::float AS oldest_seconds
       FROM graphile_worker.jobs j`,
  );
  return { waiting: r.waiting, running: r.running, failed: r.failed, oldestSeconds: r.oldest_seconds };
};
