/**
 * The sign-in pages (HTML, no client script): the sign-in page, "check your mail", the link's
 * landing, the provider round trip, sign-out, and a page that says who you are. Every failure is a
 * page that says what to do — never JSON, never a stack trace — and changes nothing.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CsrfRefused, DomainError } from '../../core/errors';
import { sessionCookie } from '../../http/auth';
import { sendPage } from '../../web/render';
import { safeNext } from './links';
import type { SessionsService } from './sessions.service';
import { SignInError, type SignInService } from './sign-in.service';
import {
  CheckMailPage,
  FailurePage,
  failureStatus,
  LandingPage,
  SignInPage,
  type FailureKind,
  type SignInOptions,
} from './sign-in.views';
import { requestLocale } from '../../web/reader-language';

const OIDC_COOKIE = 'bb_oidc';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const Next = Type.Optional(Type.String({ maxLength: 2000 }));
const hide = { hide: true } as const;

export const signInPages: FastifyPluginAsyncTypebox<{ signIn: SignInService; sessions: SessionsService }> = async (
  app,
  o,
) => {
  const { signIn, sessions } = o;
  const { publicUrl } = signIn;
  const cookieFor = (req: FastifyRequest) => sessionCookie(publicUrl, req.protocol);
  const origin = new URL(publicUrl).origin;
  const options = (req: FastifyRequest, next: unknown): SignInOptions => ({
    provider: signIn.oidc?.name ?? null,
    email: signIn.auth.emailSignIn,
    next: safeNext(next),
    l: requestLocale(req),
  });
  const fail = (req: FastifyRequest, reply: FastifyReply, kind: FailureKind, next?: unknown) =>
    sendPage(reply, <FailurePage kind={kind} o={options(req, next)} />, failureStatus(kind));

  // Whatever goes wrong on a page is a page: validation, rate limits, and our own mistakes.
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    if (err instanceof SignInError) return fail(req, reply, err.kind);
    if (err instanceof CsrfRefused) return fail(req, reply, 'bad-origin');
    if (err.statusCode === 429) return fail(req, reply, 'too-many');
    if (err instanceof DomainError || err.validation || (err.statusCode ?? 500) < 500)
      return fail(req, reply, 'bad-input');
    req.log.error({ err }, 'sign-in page failed');
    return fail(req, reply, 'broken');
  });

  /**
   * Forms that sign someone in must come from our own pages (no login CSRF). Browsers say where a
   * request comes from in Sec-Fetch-Site, older ones in Origin; clients that send neither are not
   * browsers, which cookies cannot be forced upon.
   */
  const fromHere = (req: FastifyRequest) => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin' || site === 'none';
    const o = req.headers.origin;
    return o === undefined || o === origin;
  };

  const startSession = (reply: FastifyReply, s: { secret: string; maxAgeSeconds: number }, next: string) => {
    const cookie = cookieFor(reply.request);
    reply.setCookie(cookie.name, s.secret, { ...cookie.options, maxAge: s.maxAgeSeconds });
    return reply.redirect(safeNext(next), 303);
  };

  app.get(
    '/sign-in',
    { config: { page: true, public: true }, schema: { ...hide, querystring: Type.Object({ next: Next }) } },
    async (req, reply) => {
      if (req.actor?.sessionId) return reply.redirect(safeNext(req.query.next), 303);
      return sendPage(reply, <SignInPage o={options(req, req.query.next)} />);
    },
  );

  app.post(
    '/sign-in/email',
    {
      config: { page: true, public: true, rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: { ...hide, body: Type.Object({ email: Type.String({ maxLength: 320 }), next: Next }) },
    },
    async (req, reply) => {
      if (!signIn.auth.emailSignIn) return reply.redirect('/sign-in', 303);
      if (!fromHere(req)) return fail(req, reply, 'bad-origin', req.body.next);
      const email = req.body.email.trim();
      if (!EMAIL.test(email))
        return sendPage(
          reply,
          <SignInPage o={options(req, req.body.next)} error={requestLocale(req).m.signIn.notAnAddress} />,
          400,
        );
      // The mail speaks the language of this page (unless the person chose one).
      await signIn.requestLink(email, req.body.next ?? '/', requestLocale(req).lang);
      return reply.redirect('/sign-in/sent', 303);
    },
  );

  app.get('/sign-in/sent', { config: { page: true, public: true }, schema: hide }, async (req, reply) =>
    sendPage(reply, <CheckMailPage l={requestLocale(req)} />),
  );

  // Opening the link shows a button; only pressing it uses the link up (mail scanners that open
  // links do not sign anyone in, nor spend the link).
  app.get(
    '/sign-in/link',
    {
      config: { page: true, public: true },
      schema: { ...hide, querystring: Type.Object({ token: Type.String({ maxLength: 200 }) }) },
    },
    async (req, reply) => {
      const link = await signIn.peekLink(req.query.token);
      if (!link) return fail(req, reply, 'link-expired');
      return sendPage(
        reply,
        <LandingPage l={requestLocale(req)} token={req.query.token} name={link.name} email={link.email} />,
      );
    },
  );

  app.post(
    '/sign-in/link',
    {
      config: { page: true, public: true, rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: { ...hide, body: Type.Object({ token: Type.String({ maxLength: 200 }) }) },
    },
    async (req, reply) => {
      if (!fromHere(req)) return fail(req, reply, 'bad-origin');
      const r = await signIn.consumeLink(req.body.token, req.headers['user-agent'] ?? '');
      return startSession(reply, r.session, r.next);
    },
  );

  app.get(
    '/sign-in/oidc',
    {
      config: { page: true, public: true, rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: { ...hide, querystring: Type.Object({ next: Next }) },
    },
    async (req, reply) => {
      if (!signIn.oidc) return reply.redirect('/sign-in', 303);
      const { url, key } = await signIn.startOidc(req.query.next ?? '/');
      reply.setCookie(OIDC_COOKIE, key, {
        path: '/sign-in/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieFor(req).options.secure,
        maxAge: 600,
      });
      return reply.redirect(url, 303);
    },
  );

  app.get(
    '/sign-in/oidc/callback',
    {
      config: { page: true, public: true },
      schema: { ...hide, querystring: Type.Record(Type.String(), Type.String({ maxLength: 4000 })) },
    },
    async (req, reply) => {
      reply.clearCookie(OIDC_COOKIE, { path: '/sign-in/oidc' });
      const r = await signIn.finishOidc(
        new URL(req.url, publicUrl),
        req.cookies[OIDC_COOKIE],
        req.headers['user-agent'] ?? '',
      );
      return startSession(reply, r.session, r.next);
    },
  );

  // Signing out ends this session everywhere (the row is revoked, not just the cookie dropped).
  // The CSRF check (http/auth.ts) runs first: a signed-in POST needs the page's _csrf field.
  app.post(
    '/sign-out',
    {
      config: { page: true, public: true },
      schema: { ...hide, body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) },
    },
    async (req, reply) => {
      if (req.actor?.sessionId) await sessions.end(req.actor, req.actor.sessionId);
      reply.clearCookie(cookieFor(req).name, { path: '/' });
      return reply.redirect('/sign-in', 303);
    },
  );
};
