/**
 * A person's language: the switch every page carries (POST /language: signed in, it saves the
 * person's choice; otherwise a cookie keeps it) and the profile page, where the choice can also be
 * cleared (back to the browser's language). Both read the API's own schema (MePatch).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { LANGUAGE_COOKIE, offered } from '../../core/i18n/locale';
import { sessionCookie } from '../../http/auth';
import { actorOf } from '../../http/auth';
import { FormFields, readForm } from '../../web/form';
import { ownName } from '../../web/i18n';
import { Page, PostForm, pageCtx, sendPage, type PageCtx } from '../../web/render';
import type { PeopleService } from './people.service';
import { MePatch } from './people.schemas';

const LANGUAGE_FIELDS = ['language'] as const;
const YEAR_SECONDS = 365 * 86_400;

/** Where the switch goes back to: a path of this site, never another site ("//host", "/\host"). */
const backTo = (next: unknown) =>
  typeof next === 'string' && next.length <= 2000 && /^\/(?![/\\])/.test(next) ? next : '/';

/** The page a form was sent from, when the browser says and it is this site's (a page that names no `next`). */
function referredFrom(req: FastifyRequest): string | undefined {
  try {
    const from = new URL(req.headers.referer ?? '');
    return from.host === req.headers.host ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}

function ProfilePage({ ctx, language, saved }: { ctx: PageCtx; language: string | null; saved: boolean }) {
  const m = ctx.l.m.readerLanguage;
  const langs = [...new Set([...offered(), ...(language ? [language] : [])])];
  return (
    <Page ctx={ctx} title={m.profile}>
      <h1>{m.profile}</h1>
      <p class="muted">{m.profileHint}</p>
      {saved ? (
        <p class="notice" role="status">
          {m.saved}
        </p>
      ) : null}
      <p>
        <bdi>{ctx.who?.name}</bdi> · <bdi>{ctx.who?.email}</bdi>
      </p>
      <PostForm ctx={ctx} action="/me" class="card row">
        <div class="grow">
          <label for="my-language">{m.yours}</label>
          <select id="my-language" name="language">
            <option value="" selected={language === null}>
              {m.automatic}
            </option>
            {langs.map((tag) => (
              <option value={tag} lang={tag} selected={language === tag}>
                {ownName(tag)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{m.save}</button>
        </div>
      </PostForm>
      <p>
        <a href="/me/calendar">{ctx.l.m.myCalendar}</a>
      </p>
    </Page>
  );
}

export const profilePages: FastifyPluginAsyncTypebox<{ people: PeopleService; publicUrl: string }> = async (app, d) => {
  app.get(
    '/me',
    {
      config: { page: true },
      schema: { hide: true, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) },
    },
    async (req, reply) => {
      const me = await d.people.get(actorOf(req).id);
      return sendPage(reply, <ProfilePage ctx={pageCtx(req)} language={me.language} saved={req.query.saved === '1'} />);
    },
  );

  app.post(
    '/me',
    {
      config: { page: true, form: MePatch, formFields: LANGUAGE_FIELDS },
      schema: { hide: true, body: FormFields },
    },
    async (req, reply) => {
      // A language Brownbag does not speak is the API's 400, on the error page; nothing changes.
      await d.people.updateMe(actorOf(req), readForm(MePatch, req.body, LANGUAGE_FIELDS));
      return reply.redirect('/me?saved=1', 303);
    },
  );

  // The switch on every page. Signed in (the CSRF token checked by http/auth.ts), it is the person's
  // choice, as PATCH /v1/me would save it; for anyone else a cookie keeps it. Either way, back to the page.
  app.post(
    '/language',
    { config: { page: true, public: true }, schema: { hide: true, body: FormFields } },
    async (req, reply) => {
      const { language } = readForm(MePatch, req.body, LANGUAGE_FIELDS);
      if (language === undefined) return reply.redirect(backTo(req.body.next ?? referredFrom(req)), 303);
      if (req.actor) await d.people.updateMe(req.actor, { language });
      else if (language === null) reply.clearCookie(LANGUAGE_COOKIE, { path: '/' });
      else
        reply.setCookie(LANGUAGE_COOKIE, language, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: sessionCookie(d.publicUrl, req.protocol).options.secure,
          maxAge: YEAR_SECONDS,
        });
      return reply.redirect(backTo(req.body.next ?? referredFrom(req)), 303);
    },
  );
};
