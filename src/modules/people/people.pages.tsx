/** My calendar: personal feed addresses (the events I go to, the talks I give, my tasks); make, replace, stop. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { IdParams } from '../../http/types';
import { FormBody, Page, PostForm, pageCtx, sendPage, signedIn, type PageCtx } from '../../web/render';
import type { FeedToken } from './feed-token.entity';
import type { FeedTokensService } from './feed-tokens.service';

function CalendarPage({ ctx, tokens, made }: { ctx: PageCtx; tokens: FeedToken[]; made: string | null }) {
  const m = ctx.l.m;
  const live = tokens.filter((t) => !t.revokedAt);
  return (
    <Page ctx={ctx} title={m.myCalendar}>
      <h1>{m.myCalendar}</h1>
      <p class="muted">{m.myCalendarHint}</p>
      {made ? (
        <div class="card stack">
          <label for="feed-url">{m.calendarMade}</label>
          <input id="feed-url" type="text" readonly value={made} class="copy" />
          <p>
            <a class="button secondary" href={made.replace(/^https?:/, 'webcal:')}>
              {m.subscribeButton}
            </a>
          </p>
        </div>
      ) : null}
      {live.length ? (
        <ul class="list tasks">
          {live.map((t) => (
            <li>
              <span>
                {t.name} <span class="muted">{t.prefix}…</span>
              </span>
              <PostForm ctx={ctx} action={`/me/calendar/${t.id}/rotate`} class="inline">
                <button type="submit" class="secondary small">
                  {m.rotate}
                </button>
              </PostForm>
              <PostForm ctx={ctx} action={`/me/calendar/${t.id}/revoke`} class="inline">
                <button type="submit" class="secondary small">
                  {m.revoke}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noCalendarAddresses}</p>
      )}
      <PostForm ctx={ctx} action="/me/calendar">
        <button type="submit">{m.newCalendarAddress}</button>
      </PostForm>
    </Page>
  );
}

export const peoplePages: FastifyPluginAsyncTypebox<{ feedTokens: FeedTokensService; publicUrl: string }> = async (
  app,
  d,
) => {
  const page = { config: { page: true } } as const;
  const url = (secret: string) => `${d.publicUrl}/v1/feeds/${secret}/calendar.ics`;
  const render = async (req: FastifyRequest, actor: Actor, made: string | null) => (
    <CalendarPage ctx={pageCtx(req)} tokens={await d.feedTokens.list(actor)} made={made} />
  );

  app.get('/me/calendar', { ...page, schema: { hide: true } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    return sendPage(reply, await render(req, actor, null));
  });

  // The secret is shown once, on this answer.
  app.post('/me/calendar', { ...page, schema: { hide: true, body: FormBody({}) } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    const { secret } = await d.feedTokens.create(actor, 'my calendar');
    return sendPage(reply, await render(req, actor, url(secret)));
  });

  app.post(
    '/me/calendar/:id/rotate',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      const { secret } = await d.feedTokens.rotate(actor, req.params.id);
      return sendPage(reply, await render(req, actor, url(secret)));
    },
  );

  app.post(
    '/me/calendar/:id/revoke',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      await d.feedTokens.revoke(actor, req.params.id);
      return reply.redirect('/me/calendar', 303);
    },
  );
};
