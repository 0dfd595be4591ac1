import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { jobsPage, retryJob, type JobRow, type JobState } from './jobs.queries';

/** The job queue as admins see it: jobs that failed for good stay, with their last error, until retried. */
export class JobsService {
  constructor(private readonly ds: DataSource) {}

  async list(actor: Actor, state: JobState, limit: number, cursor?: string) {
    authorize({ actor }, 'job.list');
    const after = decodeCursor(cursor, ['string']);
    const rows = await jobsPage(this.ds.manager, state, (after?.[0] as string) ?? null, limit + 1);
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
    const job = await retryJob(this.ds.manager, id);
    if (!job) throw new NotFound('A job that is not running with that id');
    return job;
  }
}
