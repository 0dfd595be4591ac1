/**
 * GET /metrics in Prometheus' text format, for whoever holds METRICS_TOKEN (`Authorization: Bearer
 * …`) or an admin's API token; nobody else. It answers while the database is out (the pool figures
 * matter most then). Every response is timed into the request histogram, labelled by route pattern
 * (`/v1/proposals/:id`, never the id itself) so the number of series stays small.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../core/actor';
import { can } from '../core/policy';

const GUEST_ACTOR: Actor = { id: '', email: '', name: '', isAdmin: false };
import type { Metrics } from '../metrics';
import { bearerOf, sameToken } from './auth';
import { sendProblem } from './problem';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export default fp(async function metricsPlugin(
  app: FastifyInstance,
  o: { metrics: Metrics; token: string | null; authenticate: (secret: string) => Promise<Actor | null> },
) {
  app.decorate('metrics', o.metrics);
  app.addHook('onResponse', async (req, reply) => {
    o.metrics.requests.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { config: { public: true, probe: true }, schema: { hide: true } }, async (req, reply) => {
    const secret = bearerOf(req.headers.authorization);
    if (!secret)
      return sendProblem(reply, req, {
        status: 401,
        code: 'unauthorized',
        detail: 'Send METRICS_TOKEN or an admin API token: Authorization: Bearer <token>.',
      });
    const allowed =
      sameToken(secret, o.token) ||
      can({ actor: (await o.authenticate(secret).catch(() => null)) ?? GUEST_ACTOR }, 'service.metrics');
    if (!allowed) return sendProblem(reply, req, { status: 403, code: 'forbidden', detail: 'Not a metrics token.' });
    return reply.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
});
