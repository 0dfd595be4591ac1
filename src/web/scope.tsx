/**
 * What every page route shares, registered once in the pages' own scope (the JSON API is left as
 * it was): form bodies, security headers with a strict Content-Security-Policy, rate limits where a
 * route asks for one, the stylesheet and htmx from our own /assets, and errors as pages.
 */
import fs from 'node:fs';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors';
import { signInPath } from '../http/auth';
import { sendUnavailable } from '../http/problem';
import { refusalText } from './action';
import { pageRefusal, recordForm } from './form';
import { STYLESHEET } from './assets';
import { CLIENT_SCRIPT } from './client-script';
import { readerLocale, requestLocale } from './reader-language';
import { render } from 'preact-render-to-string';
import { Layout, sendHtml, sendPage } from './render';

const HTMX = fs.readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));

export async function registerWeb(app: FastifyInstance, publicUrl: string) {
  await app.register(formbody, { bodyLimit: 65536 });
  await app.register(rateLimit, { global: false });
  await app.register(helmet, {
    // same-origin: our own forms still carry Origin (Chrome sends "null" under no-referrer), and a
    // sign-in link's token never leaves in a Referer to another site.
    referrerPolicy: { policy: 'same-origin' },
    hsts: publicUrl.startsWith('https:') ? { maxAge: 15552000, includeSubDomains: false } : false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
      },
    },
  });

  const asset = (path: string, type: string, body: string | Buffer) =>
    app.get(path, { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(body),
    );
  asset('/assets/brownbag.css', 'text/css; charset=utf-8', STYLESHEET);
  asset('/assets/htmx.min.js', 'text/javascript; charset=utf-8', HTMX);
  asset('/assets/brownbag.js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT);

  // Every form says which schema reads it (the parity test posts that schema's invalid cases).
  app.addHook('onRoute', (route) => recordForm({ ...route, config: route.config as never }));

  // Pages need someone signed in, unless a route says `config: { public: true }`: a stranger is sent
  // to sign in and back (the session was read by http/auth.ts before this scope's hooks).
  app.addHook('onRequest', async (req, reply) => {
    if (req.actor || req.routeOptions.config?.public || !req.routeOptions.url) return;
    return reply.redirect(signInPath(req.url), 303);
  });

  // Every page is in the reader's language, settled once here (web/reader-language.ts says how).
  app.decorateRequest('locale', null);
  app.addHook('onRequest', async (req) => {
    req.locale = await readerLocale(req);
  });

  // A page that failed says so as a page: exactly what the API would have said (http/problem.ts
  // maps it for both doors), never JSON or a stack trace.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (!(err instanceof DomainError) && !err.validation && req.server.database.report(err))
      return sendUnavailable(req, reply, sendUnavailablePage);
    const l = requestLocale(req);
    const refusal = pageRefusal(err);
    const status = refusal?.status ?? 500;
    if (!refusal) req.log.error({ err }, 'page failed');
    const title = status === 404 ? l.m.notFoundTitle : l.m.refused;
    const detail = status === 404 ? l.m.notFound : refusal ? refusalText(l, refusal) : l.m.broken;
    return sendPage(
      reply,
      <Layout title={title} l={l} who={req.actor} csrf={req.actor?.csrfToken} path={req.url}>
        <div class="card">
          <h1>{title}</h1>
          <p class="error" role="alert">
            {detail}
          </p>
        </div>
      </Layout>,
      status,
    );
  });
}

/** The page for a path that is no page (the JSON API keeps its problem+json 404). */
export function sendNotFoundPage(req: FastifyRequest, reply: FastifyReply) {
  const l = requestLocale(req);
  return sendPage(
    reply,
    <Layout title={l.m.notFoundTitle} l={l} path={req.url}>
      <div class="card">
        <h1>{l.m.notFoundTitle}</h1>
        <p>{l.m.notFound}</p>
        <p>
          <a href="/">{l.m.home}</a>
        </p>
      </div>
    </Layout>,
    404,
  );
}

/**
 * The page while the database is out (503, Retry-After). A boosted form that was sent keeps what
 * the person typed: the notice goes into the page's status region instead of replacing the form.
 */
export function sendUnavailablePage(req: FastifyRequest, reply: FastifyReply) {
  const l = requestLocale(req);
  if (req.headers['hx-request'] === 'true') {
    return sendHtml(
      reply.header('hx-retarget', '#notice').header('hx-reswap', 'innerHTML'),
      render(
        <p class="error" role="alert">
          {l.m.unavailable}
        </p>,
      ),
      503,
    );
  }
  return sendPage(
    reply,
    <Layout title={l.m.unavailableTitle} l={l}>
      <div class="card">
        <h1>{l.m.unavailableTitle}</h1>
        <p>{l.m.unavailable}</p>
      </div>
    </Layout>,
    503,
  );
}
