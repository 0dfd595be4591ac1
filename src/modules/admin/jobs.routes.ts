import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { Page, PageQuery, pageSize } from '../../http/pagination';
import { DateTime, Nullable } from '../../http/types';
import type { JobsService } from './jobs.service';
import { JOB_STATES, type JobRow } from './jobs.queries';

const tags = ['admin'];
const JobOut = Type.Object({
  id: Type.String(),
  task: Type.String(),
  payload: Type.Unknown(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  runAt: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  running: Type.Boolean(),
  key: Nullable(Type.String()),
  failed: Type.Boolean({ description: 'out of attempts: stays until retried' }),
});
const jobOut = (j: JobRow) => ({
  id: j.id,
  task: j.task_identifier,
  payload: j.payload,
  attempts: j.attempts,
  maxAttempts: j.max_attempts,
  lastError: j.last_error,
  runAt: j.run_at.toISOString(),
  createdAt: j.created_at.toISOString(),
  updatedAt: j.updated_at.toISOString(),
  running: j.locked_at !== null,
  key: j.key,
  failed: j.attempts >= j.max_attempts && j.locked_at === null,
});

export const jobsRoutes: FastifyPluginAsyncTypebox<{ jobs: JobsService }> = async (app, { jobs }) => {
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Queued, running and failed jobs (admin); ?state=failed shows those out of attempts',
        querystring: Type.Object(
          { ...PageQuery, state: Type.Optional(Type.Enum(JOB_STATES, { default: 'all' })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(JobOut) },
      },
    },
    async (req) => {
      const page = await jobs.list(actorOf(req), req.query.state ?? 'all', pageSize(req.query), req.query.cursor);
      return { items: page.items.map(jobOut), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/admin/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Retry a job now with a fresh set of attempts (admin)',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
        response: { 200: JobOut },
      },
    },
    async (req) => jobOut(await jobs.retry(actorOf(req), req.params.id)),
  );
};
