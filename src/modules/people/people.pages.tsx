/** My calendar: personal feed addresses (the events I go to, the talks I give, my tasks); make, replace, stop. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { IdParams } from '../../http/types';
import { FormFields, readForm } from '../../web/form';
import { Page, PostForm, pageCtx, sendPage, type PageCtx } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { FeedToken } from './feed-token.entity';
import type { FeedTokensService } from './feed-tokens.service';
import type { PeopleService } from './people.service';
import { MePatch } from './people.schemas';

const ALARM_FIELDS = ['alarmMinutes'] as const;

/** Reminder choices, in minutes before (none: no VALARM). */
const ALARMS = [5, 10, 15, 30, 60, 120, 1440];
/** A reminder's lead time in minutes as its largest whole unit: 1440 is one day, 120 two hours. */
const leadTime = (n: number) =>
  n >= 1440 && n % 1440 === 0
    ? { unit: 'days' as const, n: n / 1440 }
    : n >= 60 && n % 60 === 0
      ? { unit: 'hours' as const, n: n / 60 }
      : { unit: 'minutes' as const, n };

function CalendarPage({
  ctx,
  tokens,
  made,
  alarm,
}: {
  ctx: PageCtx;
  tokens: FeedToken[];
  made: string | null;
  alarm: number | null;
}) {
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
      <section aria-labelledby="reminder" class="card">
        <h2 id="reminder">{m.reminderAlarm}</h2>
        <p class="muted">{m.reminderAlarmHint}</p>
        <PostForm ctx={ctx} action="/me/calendar/alarm" class="row">
          <div>
            <label for="alarm">{m.remindMe}</label>
            <select id="alarm" name="alarmMinutes">
              <option value="" selected={alarm === null}>
                {m.noReminder}
              </option>
              {[...new Set([...ALARMS, ...(alarm === null ? [] : [alarm])])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option value={String(n)} selected={alarm === n}>
                    {m.minutesBefore(leadTime(n))}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <button type="submit">{m.save}</button>
          </div>
        </PostForm>
      </section>
    </Page>
  );
}

export const peoplePages: FastifyPluginAsyncTypebox<{
  feedTokens: FeedTokensService;
  people: PeopleService;
  publicUrl: string;
}> = async (app, d) => {
  const page = { config: { page: true } } as const;
  const url = (secret: string) => `${d.publicUrl}/v1/feeds/${secret}/calendar.ics`;
  const render = async (req: FastifyRequest, actor: Actor, made: string | null) => (
    <CalendarPage
      ctx={pageCtx(req)}
      tokens={await d.feedTokens.list(actor)}
      made={made}
      alarm={(await d.people.get(actor.id)).alarmMinutes}
    />
  );

  app.get('/me/calendar', { ...page, schema: { hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, await render(req, actor, null));
  });

  // The secret is shown once, on this answer.
  app.post(
    '/me/calendar',
    { config: { page: true, form: null }, schema: { hide: true, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { secret } = await d.feedTokens.create(actor, 'my calendar');
      return sendPage(reply, await render(req, actor, url(secret)));
    },
  );

  app.post(
    '/me/calendar/:id/rotate',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { secret } = await d.feedTokens.rotate(actor, req.params.id);
      return sendPage(reply, await render(req, actor, url(secret)));
    },
  );

  app.post(
    '/me/calendar/alarm',
    {
      config: { page: true, form: MePatch, formFields: ALARM_FIELDS },
      schema: { hide: true, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // A refusal (not a whole number of minutes, or out of range) is the API's 400, on the error page.
      await d.people.updateMe(actor, readForm(MePatch, req.body, ALARM_FIELDS));
      return reply.redirect('/me/calendar', 303);
    },
  );

  app.post(
    '/me/calendar/:id/revoke',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      await d.feedTokens.revoke(actor, req.params.id);
      return reply.redirect('/me/calendar', 303);
    },
  );
};
