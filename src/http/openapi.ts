/** OpenAPI 3.1 generated from the route schemas; served at /openapi.json, docs UI at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import pkg from '../../package.json';

export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Brownbag API',
        version: pkg.version,
        description:
          'Internal talks and meetups: calls for proposals, reviews, speaker support, calendars, lessons learned. ' +
          'Errors are RFC 9457 application/problem+json. Lists use keyset pagination (limit, cursor → nextCursor).',
      },
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
