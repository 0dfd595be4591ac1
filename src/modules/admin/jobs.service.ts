import type { DataSource } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';

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

/** The job queue as admins see it: jobs that failed for good stay, with their last error, until retried. */
export class JobsService {
  constructor(private readonly ds: DataSource) {}

  async list(actor: Actor, state: JobState, limit: number, cursor?: string) {
    authorize({ actor }, 'job.list');
    const after = decodeCursor(cursor, ['string']);
    const rows = await sql<JobRow>(
      this.ds.manager,
      `SELECT j.id::text, j.task_identifier, p.payload, j.attempts, j.max_attempts, j.last_error, j.run_at, j.created_at, j.updated_at, j.locked_at, j.key
         FROM graphile_worker.jobs j JOIN graphile_worker._private_jobs p ON p.id = j.id
        WHERE ${STATE_SQL[state]} AND ($1::bigint IS NULL OR j.id < $1::bigint) ORDER BY j.id DESC LIMIT $2`,
      [after?.[0] ?? null, limit + 1],
    );
    return pageOf(
      rows,
      limit,
      (r) => [r.id],
      (r) => r,
    );
  }

  /** Back to the queue with a fresh set of attempts, to run now. */
  async retry(actor: Actor, id: string): Promise<JobRow> {
    authorize({ actor }, 'job.retry');
    // graphile-worker's own SQL API: a fresh set of attempts, due now (a running job is left alone).
    // The answer is the job as rescheduled, before a worker (woken just after) takes it.
    const [job] = await sql<JobRow>(
      this.ds.manager,
      `SELECT r.id::text, t.identifier AS task_identifier, r.payload, r.attempts, r.max_attempts, r.last_error, r.run_at, r.created_at,
              r.updated_at, r.locked_at, r.key
         FROM graphile_worker.reschedule_jobs(ARRAY[$1::bigint], run_at := now(), attempts := 0) r
         JOIN graphile_worker._private_tasks t ON t.id = r.task_id`,
      [id],
    );
    if (!job) throw new NotFound('A job that is not running with that id');
    await this.ds.query(`SELECT pg_notify('jobs:insert', '')`);
    return job;
  }
}
