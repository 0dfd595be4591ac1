import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DataSource } from 'typeorm';
import { pendingMigrations, ping } from '../../db/migrate';

const tags = ['health'];
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  detail: Type.Optional(Type.String()),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ ds: DataSource }> = async (app, { ds }) => {
  app.get(
    '/health/live',
    {
      config: { public: true },
      schema: { tags, security: [], summary: 'The process is up', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'The database answers and every migration is applied',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      try {
        await ping(ds.manager);
        const pending = await pendingMigrations(ds);
        if (pending.length)
          return reply.code(503).send({ status: 'unavailable', detail: `migrations pending: ${pending.join(', ')}` });
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable', detail: 'database unreachable' });
      }
    },
  );
};
