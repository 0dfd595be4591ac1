/**
 * Who is asking. An API token (`Authorization: Bearer …`) for scripts, or a session cookie for
 * browsers; both resolve to an Actor in one indexed lookup. Every /v1 route needs one or the other
 * unless it says `config: { public: true }`; a credential that is sent must be valid, even on public
 * routes (so a client learns it is wrong).
 *
 * A cookie rides along on requests a browser makes for any site, so unsafe requests (POST, PUT,
 * PATCH, DELETE) that authenticate by cookie must echo the session's CSRF token (X-CSRF-Token header
 * or a `_csrf` form field); bearer requests cannot be forged that way and need none. A browser that
 * opens a /v1 link without a session is sent to sign in, and back.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../core/actor';
import { CsrfRefused, Unauthorized } from '../core/errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /** pages answer a missing session themselves (a sign-in page, not a 401) */
    page?: boolean;
  }
}

export type Authenticate = (secret: string) => Promise<Actor | null>;

/**
 * The session cookie: `__Host-` and Secure when the site is https (PUBLIC_URL) or this request came
 * over https (its own TLS, or a trusted proxy's X-Forwarded-Proto: see TRUST_PROXY); HttpOnly and
 * SameSite=Lax always.
 */
export function sessionCookie(publicUrl: string, protocol?: string) {
  const secure = publicUrl.startsWith('https:') || protocol === 'https';
  return {
    name: secure ? '__Host-bb_session' : 'bb_session',
    options: { path: '/', httpOnly: true, sameSite: 'lax' as const, secure },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Compares secrets in constant time. */
export const sameToken = (a: unknown, b: string | undefined | null) =>
  typeof a === 'string' && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The secret of an `Authorization: Bearer …` header; null for none, undefined for a malformed one. */
export function bearerOf(header: string | undefined): string | null | undefined {
  if (!header) return null;
  return /^Bearer\s+(\S{1,200})\s*$/i.exec(header)?.[1];
}

/** Where a browser goes to sign in, coming back to `url` after. */
export const signInPath = (url: string) => `/sign-in?next=${encodeURIComponent(url)}`;

const wantsHtml = (req: FastifyRequest) => req.method === 'GET' && /\btext\/html\b/.test(req.headers.accept ?? '');

export default fp(async function authPlugin(
  app: FastifyInstance,
  opts: { authenticate: Authenticate; session: Authenticate; publicUrl: string },
) {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // Health probes answer for the instance, whoever asks (and must not depend on a lookup).
    if (req.routeOptions.config?.probe) return;
    const header = req.headers.authorization;
    if (header) {
      const secret = bearerOf(header);
      if (!secret) throw new Unauthorized('The Authorization header must be: Bearer <token>.');
      req.actor = await opts.authenticate(secret);
      if (!req.actor) throw new Unauthorized('The token is unknown or revoked.');
      return;
    }
    const cookie = sessionCookie(opts.publicUrl, req.protocol);
    const secret = req.cookies?.[cookie.name];
    if (secret) {
      req.actor = secret.length <= 200 ? await opts.session(secret) : null;
      // An ended or expired session: forget the cookie, and go on as someone not signed in.
      if (!req.actor) reply.clearCookie(cookie.name, { path: '/' });
    }
    if (req.actor || req.routeOptions.config?.public || req.routeOptions.config?.page) return;
    if (!req.routeOptions.url?.startsWith('/v1/')) return;
    if (wantsHtml(req)) return reply.redirect(signInPath(req.url), 303);
    throw new Unauthorized(
      secret
        ? 'Your session has ended; sign in again.'
        : 'Send a valid API token (Authorization: Bearer <token>) or sign in.',
    );
  });

  // A signed-in browser's scripts read the CSRF token from any response (same-origin only).
  app.addHook('onSend', async (req, reply) => {
    if (req.actor?.csrfToken) reply.header('x-csrf-token', req.actor.csrfToken);
  });

  app.addHook('preHandler', async (req) => {
    if (!req.actor?.sessionId || !UNSAFE.has(req.method)) return;
    const sent = req.headers['x-csrf-token'] ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
    if (!sameToken(sent, req.actor.csrfToken)) throw new CsrfRefused();
  });
});

/** For routes that require a credential: the hook above guarantees an actor there. */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}
