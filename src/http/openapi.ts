/** OpenAPI 3.1 generated from the route schemas; served at /openapi.json, docs UI at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import pkg from '../../package.json';

/**
 * The operationId a route gets unless it names its own: the method and the path, camel-cased,
 * parameters as "By…" (GET /v1/proposals/{id}/reviews → getProposalsByIdReviews). Generated clients
 * name their methods by it, so it stays stable as long as the route does.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By-${seg.slice(1)}` : seg))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('');
}

export async function registerOpenApi(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide || route.method === 'HEAD' || Array.isArray(route.method)) return;
    const schema = (route.schema ??= {}) as { operationId?: string };
    schema.operationId ??= operationIdOf(String(route.method), route.url);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Brownbag API',
        version: pkg.version,
        license: { name: 'MIT', identifier: 'MIT' },
        description:
          'Internal talks and meetups: calls for proposals, reviews, speaker support, calendars, lessons learned. ' +
          'Errors are RFC 9457 application/problem+json. Lists use keyset pagination (limit, cursor → nextCursor).',
      },
      servers: [{ url: '/', description: 'this server (set PUBLIC_URL for links)' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'bb_session',
            description:
              'A browser session (sign in at /sign-in; `__Host-bb_session` behind https). Unsafe methods also need the X-CSRF-Token header, which every signed-in response carries.',
          },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true }, logLevel: 'warn' });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
