/** The community pages' markup: a community's own page. */
import type { EventRow } from '../events/events.queries';
import type { CallView } from '../cfp/cfp.queries';
import type { Access } from './access';
import { span } from '../../web/i18n';
import { isOpen } from '../cfp/call.entity';
import { callWindow } from '../cfp/cfp.views';
import { Page, PostForm, type PageCtx } from '../../web/render';

export interface CommunityHomeProps {
  ctx: PageCtx;
  a: Access;
  upcoming: EventRow[];
  past: EventRow[];
  calls: CallView[];
  feedUrl: string | null;
  personalFeedUrl?: string | null;
  may: { propose: boolean; review: boolean; organize: boolean; join: boolean; figures: boolean; members: boolean };
}

export function CommunityHome(p: CommunityHomeProps) {
  const { ctx, a } = p;
  const m = ctx.l.m;
  const tz = a.community.timeZone;
  return (
    <Page ctx={ctx} title={a.community.name}>
      <h1 dir="auto">{a.community.name}</h1>
      {a.community.description ? (
        <p class="muted" dir="auto">
          {a.community.description}
        </p>
      ) : null}
      <nav class="actions" aria-label={a.community.name}>
        {p.may.organize || p.may.review || p.may.propose ? (
          <a class="button secondary" href={`/c/${a.community.slug}/proposals`}>
            {p.may.organize ? m.proposals : m.myProposals}
          </a>
        ) : null}
        {p.may.review ? (
          <a class="button secondary" href={`/c/${a.community.slug}/review`}>
            {m.reviewQueue}
          </a>
        ) : null}
        {p.may.members ? (
          <a class="button secondary" href={`/c/${a.community.slug}/members`}>
            {m.members.title}
          </a>
        ) : null}
        {p.may.organize ? (
          <a class="button secondary" href={`/c/${a.community.slug}/tasks`}>
            {m.taskBoard}
          </a>
        ) : null}
        {p.may.figures ? (
          <a class="button secondary" href={`/c/${a.community.slug}/figures`}>
            {m.figures}
          </a>
        ) : null}
        {p.may.join ? (
          <PostForm ctx={ctx} action={`/c/${a.community.slug}/join`}>
            <button type="submit" class="secondary">
              {m.join}
            </button>
          </PostForm>
        ) : null}
      </nav>

      <section class="card" aria-labelledby="call">
        <h2 id="call">{m.openCall}</h2>
        {p.calls.length ? (
          <ul class="calls">
            {p.calls.map((c) => (
              <li>
                <strong>
                  <bdi>{c.call.title}</bdi>
                </strong>
                <br />
                <span class="muted">{callWindow(ctx, c, tz)}</span>
                <div class="actions">
                  {p.may.propose && isOpen(c.call) ? (
                    <a
                      class="button"
                      href={`/c/${a.community.slug}/propose?call=${c.call.id}`}
                      // with several calls, the link says which (the words start with what it shows)
                      aria-label={p.calls.length > 1 ? m.calls.proposeTo({ title: c.call.title }) : undefined}
                    >
                      {m.proposeTalk}
                    </a>
                  ) : null}
                  {p.may.organize ? (
                    <a href={`/calls/${c.call.id}/edit`} aria-label={m.calls.editOf({ title: c.call.title })}>
                      {m.calls.edit}
                    </a>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{m.noOpenCall}</p>
        )}
        {p.may.organize ? (
          <p>
            <a href={`/c/${a.community.slug}/events`}>{m.eventAdmin.events}</a> ·{' '}
            <a href={`/c/${a.community.slug}/calls/new`}>{m.newCall}</a> ·{' '}
            <a href={`/c/${a.community.slug}/announcements`}>{m.announcements}</a> ·{' '}
            <a href={`/c/${a.community.slug}/health`}>{m.health.title}</a> ·{' '}
            <a href={`/c/${a.community.slug}/settings`}>{m.readerLanguage.settings}</a>
          </p>
        ) : null}
        {ctx.who ? (
          <p>
            <a href={`/c/${a.community.slug}/nominate`}>{m.nominate}</a> ·{' '}
            <a href={`/c/${a.community.slug}/wishes`}>{m.wishes}</a> ·{' '}
            <a href={`/c/${a.community.slug}/series`}>{m.series}</a> ·{' '}
            <a href={`/c/${a.community.slug}/team`}>{m.team}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{m.upcoming}</h2>
        {p.upcoming.length ? <Events ctx={ctx} events={p.upcoming} /> : <p class="empty">{m.nothingUpcoming}</p>}
      </section>

      <section aria-labelledby="past">
        <h2 id="past">{m.pastTalks}</h2>
        {p.past.length ? <Events ctx={ctx} events={p.past} /> : <p class="empty">{m.noPastTalks}</p>}
      </section>

      <section class="card" aria-labelledby="subscribe">
        <h2 id="subscribe">{m.subscribe}</h2>
        <p class="muted">{m.subscribeHint}</p>
        {p.personalFeedUrl ? <Feed ctx={ctx} url={p.personalFeedUrl} internal /> : null}
        {!p.personalFeedUrl && p.feedUrl ? <Feed ctx={ctx} url={p.feedUrl} internal={false} /> : null}
        {!p.personalFeedUrl && !p.feedUrl && ctx.who ? (
          <PostForm ctx={ctx} action={`/c/${a.community.slug}/feed`}>
            <p>{m.internalFeed}</p>
            <button type="submit" class="secondary">
              {m.makePersonalFeed}
            </button>
          </PostForm>
        ) : null}
      </section>
    </Page>
  );
}

function Events({ ctx, events }: { ctx: PageCtx; events: EventRow[] }) {
  return (
    <ul class="list">
      {events.map((e) => (
        <li>
          <a href={`/events/${e.id}`} dir="auto">
            {e.title}
          </a>
          <br />
          <span class="muted">{span(ctx.l, e.starts_at, e.ends_at, e.time_zone)}</span>
        </li>
      ))}
    </ul>
  );
}

function Feed({ ctx, url, internal }: { ctx: PageCtx; url: string; internal: boolean }) {
  const m = ctx.l.m;
  return (
    <div class="stack">
      {internal ? <p>{m.internalFeed}</p> : null}
      <p class="actions">
        <a class="button secondary" href={url.replace(/^https?:/, 'webcal:')}>
          {m.subscribeButton}
        </a>
        <a
          href={`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(url.replace(/^https?:/, 'webcal:'))}`}
          hx-boost="false"
        >
          {m.googleCalendar}
        </a>
        <a href={`https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(url)}`} hx-boost="false">
          {m.outlookCalendar}
        </a>
      </p>
      <label for="feed-url">{m.copyUrl}</label>
      <input id="feed-url" type="text" readonly value={url} class="copy" />
    </div>
  );
}
