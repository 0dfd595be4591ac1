/**
 * Bearer-token authentication. Every /v1 route needs a token unless it says `config: { public: true }`
 * (health, OpenAPI and docs live outside /v1 and are public);
 * a token that is sent must be valid, even on public routes (so a client learns it is wrong).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../core/actor';
import { Unauthorized } from '../core/errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export type Authenticate = (secret: string) => Promise<Actor | null>;

export default fp(async function authPlugin(app: FastifyInstance, opts: { authenticate: Authenticate }) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
      if (!m) throw new Unauthorized('The Authorization header must be: Bearer <token>.');
      req.actor = await opts.authenticate(m[1]);
      if (!req.actor) throw new Unauthorized('The token is unknown or revoked.');
      return;
    }
    if (!req.routeOptions.config?.public && req.routeOptions.url?.startsWith('/v1/')) throw new Unauthorized();
  });
});

/** For routes that require a token: the hook above guarantees an actor there. */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}
