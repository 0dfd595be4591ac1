import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DataSource } from 'typeorm';
import { pendingMigrations, ping } from '../../db/migrate';
import { RETRY_AFTER_SECONDS } from '../../db/outage';
import { sendProblem } from '../../http/problem';

const tags = ['health'];
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  detail: Type.Optional(Type.String()),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ ds: DataSource }> = async (app, { ds }) => {
  app.get(
    '/health/live',
    {
      config: { public: true, probe: true },
      schema: { tags, security: [], summary: 'The process is up', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { public: true, probe: true },
      schema: {
        tags,
        security: [],
        summary: 'The database answers, every migration is applied and the instance is not shutting down',
        description:
          'A load balancer sends traffic here while it answers 200. 503 (problem+json, with Retry-After) while the database is out, a migration is pending, or the instance drains before it stops.',
        response: { 200: Health },
      },
    },
    async (req, reply) => {
      const unavailable = (code: string, detail: string) => {
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(reply, req, { status: 503, code, detail });
      };
      if (req.server.lifecycle.draining) return unavailable('shutting-down', 'This instance is shutting down.');
      try {
        await ping(ds.manager);
      } catch (e) {
        req.server.database.report(e);
        return unavailable('database-unavailable', 'The database cannot be reached.');
      }
      const pending = await pendingMigrations(ds);
      if (pending.length) return unavailable('migrations-pending', `migrations pending: ${pending.join(', ')}`);
      return { status: 'ok' as const };
    },
  );
};
