/**
 * Server-rendered pages: TSX compiled by our own tsc, rendered to a string by
 * preact-render-to-string, which escapes every text and attribute value (a title or a name can never
 * become markup). Every page is a whole document that works without JavaScript; htmx (served from
 * our own /assets, never a CDN) boosts links and forms into in-place updates where it loads.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Actor } from '../core/actor';
import { can } from '../core/policy';
import { signInPath } from '../http/auth';
import { localeOf, ownName, type Locale } from './i18n';
import { offered } from '../core/i18n/locale';
import { requestLocale } from './reader-language';

/** What every page knows about its request: the language, who is asking, the CSRF token for forms. */
export interface PageCtx {
  l: Locale;
  who: Actor | null;
  csrf: string;
  path: string;
}

export const pageCtx = (req: FastifyRequest): PageCtx => ({
  l: requestLocale(req),
  who: req.actor,
  csrf: req.actor?.csrfToken ?? '',
  path: req.url,
});

/** Someone who is not signed in, reading what is public: a person no community knows. */
export const GUEST: Actor = { id: '00000000-0000-0000-0000-000000000000', email: '', name: 'Guest', isAdmin: false };

/** The signed-in person, or null after sending the browser to sign in (and back here). */
export function signedIn(req: FastifyRequest, reply: FastifyReply): Actor | null {
  if (req.actor) return req.actor;
  void reply.redirect(signInPath(req.url), 303);
  return null;
}

export const renderPage = (page: VNode) => `<!doctype html>${render(page)}`;

/** Sends a rendered page (a string, or bytes kept by a render cache). */
export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'Cookie, Accept-Language')
    .send(html);
}

export const sendPage = (reply: FastifyReply, page: VNode, status = 200) => sendHtml(reply, renderPage(page), status);

export interface LayoutProps {
  title: string;
  /** the signed-in person, when there is one */
  who?: { name: string; email: string } | null;
  /** the person may open the admin area (policy: person.list) */
  admin?: boolean;
  csrf?: string;
  l?: Locale;
  /** this page's address: the language switch comes back to it (else to the page its Referer names) */
  path?: string;
  children: ComponentChildren;
}

/**
 * The language switch on every page: the offered languages, each named in itself. A plain form, so
 * it works without JavaScript; signed in, it saves the person's choice, otherwise a cookie keeps it.
 */
export function LanguageSwitch({ l, csrf, path }: { l: Locale; csrf?: string; path?: string }) {
  const langs = offered();
  if (langs.length < 2) return null;
  return (
    <form method="post" action="/language" class="lang" hx-boost="false">
      {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
      {path ? <input type="hidden" name="next" value={path} /> : null}
      <label for="page-language" class="visually-hidden">
        {l.m.readerLanguage.label}
      </label>
      <select id="page-language" name="language">
        {langs.map((tag) => (
          <option value={tag} lang={tag} selected={tag === l.lang}>
            {ownName(tag)}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary small">
        {l.m.readerLanguage.change}
      </button>
    </form>
  );
}

export function Layout({ title, who, admin, csrf, l = localeOf('en'), path, children }: LayoutProps) {
  const m = l.m;
  return (
    <html lang={l.lang} dir={l.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Boosted forms swap 4xx pages in too: a refusal is a page that says what to do. */}
        <meta
          name="htmx-config"
          content='{"includeIndicatorStyles":false,"allowEval":false,"responseHandling":[{"code":"204","swap":false},{"code":"...","swap":true}]}'
        />
        <title>{`${title} — ${m.brand}`}</title>
        <link rel="stylesheet" href="/assets/brownbag.css" />
        <script src="/assets/htmx.min.js" defer></script>
        <script src="/assets/brownbag.js" defer></script>
      </head>
      <body hx-boost="true">
        <a class="skip" href="#main">
          {m.skipToContent}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {m.brand}
          </a>
          {who ? (
            <nav aria-label={m.myCommunities} class="nav">
              <a href="/">{m.home}</a>
              <a href="/lessons">{m.lessons}</a>
              <a href="/nominations">{m.nominations}</a>
              <a href="/me/calendar">{m.calendar}</a>
              {admin ? <a href="/admin">{m.admin.link}</a> : null}
              <form method="post" action="/sign-out" class="who" hx-boost="false">
                <a href="/me" title={m.readerLanguage.profile}>
                  <bdi>{who.name}</bdi>
                </a>
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" class="link">
                  {m.signOut}
                </button>
              </form>
            </nav>
          ) : null}
          <LanguageSwitch l={l} csrf={csrf} path={path} />
        </header>
        <main id="main">
          <div id="notice" aria-live="polite"></div>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A page's frame from its context. */
export function Page({ ctx, title, children }: { ctx: PageCtx; title: string; children: ComponentChildren }) {
  return (
    <Layout
      title={title}
      who={ctx.who}
      admin={!!ctx.who && can({ actor: ctx.who }, 'person.list')}
      csrf={ctx.csrf}
      l={ctx.l}
      path={ctx.path}
    >
      {children}
    </Layout>
  );
}

/** A POST form with the CSRF token in it. */
export function PostForm(p: { ctx: PageCtx; action: string; class?: string; children: ComponentChildren }) {
  return (
    <form method="post" action={p.action} class={p.class}>
      <input type="hidden" name="_csrf" value={p.ctx.csrf} />
      {p.children}
    </form>
  );
}

/** What the API would have said, at the top of a form. */
export function Problem({ detail }: { detail?: string | null }) {
  return detail ? (
    <p class="error" role="alert">
      {detail}
    </p>
  ) : null;
}
