/** The community pages' markup: home (my communities) and a community's own page. */
import type { EventRow } from '../events/events.queries';
import type { CallView } from '../cfp/cfp.queries';
import type { Access } from './access';
import { day, span } from '../../web/i18n';
import { Page, PostForm, type PageCtx } from '../../web/render';

export function HomePage({ ctx, communities }: { ctx: PageCtx; communities: Access[] }) {
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.homeTitle}>
      <h1 dir="auto">{m.hello(ctx.who?.name ?? '')}</h1>
      <p class="muted">
        {m.signedInWith}{' '}
        <strong>
          <bdi>{ctx.who?.email}</bdi>
        </strong>
        .
      </p>
      <h2>{m.myCommunities}</h2>
      {communities.length ? (
        <ul class="list">
          {communities.map((a) => (
            <li>
              <a href={`/c/${a.community.slug}`} dir="auto">
                {a.community.name}
              </a>{' '}
              <span class="muted">({m.role[a.role ?? 'none']})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noCommunities}</p>
      )}
    </Page>
  );
}

export interface CommunityHomeProps {
  ctx: PageCtx;
  a: Access;
  upcoming: EventRow[];
  past: EventRow[];
  calls: CallView[];
  feedUrl: string | null;
  personalFeedUrl?: string | null;
  may: { propose: boolean; review: boolean; organize: boolean; join: boolean; figures: boolean };
}

export function CommunityHome(p: CommunityHomeProps) {
  const { ctx, a } = p;
  const m = ctx.l.m;
  const tz = a.community.timeZone;
  const open = p.calls[0];
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
        {open ? (
          <>
            <p>
              <strong>
                <bdi>{open.call.title}</bdi>
              </strong>{' '}
              — {open.call.closesAt ? m.callOpenUntil(day(ctx.l, open.call.closesAt, tz)) : m.callRolling}
            </p>
            {p.may.propose ? (
              <a class="button" href={`/c/${a.community.slug}/propose`}>
                {m.proposeTalk}
              </a>
            ) : null}
          </>
        ) : (
          <p class="empty">{m.noOpenCall}</p>
        )}
        {p.may.organize ? (
          <p>
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
