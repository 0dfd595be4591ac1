/** The event page's markup: when and where (in the event's zone, named), agenda, seats, RSVP, and for organizers the agenda builder. */
import { span, times } from '../../web/i18n';
import { control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { SlotCreate } from './events.schemas';
import type { BacklogRow } from './agenda.queries';
import type { EventView } from './events.queries';
import type { RsvpRow } from './rsvps.queries';
import { AddToCalendar, EventTools, SlotTools, StatusBadge } from './events-admin.views';

export interface EventPageProps {
  ctx: PageCtx;
  v: EventView;
  backlog: BacklogRow[] | null;
  canRsvp: boolean;
  /** the one event's .ics, Google Calendar and Outlook links (null: the reader may only subscribe) */
  add: { icsUrl: string; google: string; outlook: string; feedUrl: string } | null;
  /** organizers: publish, edit, move, cancel, move talks */
  organizer: boolean;
  problem?: string | null;
  startsAtValue?: string;
  moveValue?: string;
  /** a refused move of a talk: what was typed for which slot */
  slotTyped?: { slotId: string; value: string };
}

export function EventPage(p: EventPageProps) {
  const { ctx, v } = p;
  const m = ctx.l.m;
  const e = v.event;
  const left = e.capacity === null ? null : Math.max(0, e.capacity - v.counts.going);
  const where = [e.room_name, e.room_location].filter(Boolean).join(', ');
  return (
    <Page ctx={ctx} title={e.title}>
      <p class="muted">
        <a href={`/c/${e.slug}`}>{e.slug}</a>
      </p>
      <h1 dir="auto">
        {e.title} <StatusBadge ctx={ctx} e={e} />
      </h1>
      <Problem detail={p.problem} />
      {e.status === 'draft' ? <p class="muted">{m.eventAdmin.draftHint}</p> : null}
      {e.status === 'canceled' ? <p role="status">{m.eventAdmin.canceled}</p> : null}
      <dl class="facts">
        <dt>{m.when}</dt>
        <dd>{span(ctx.l, e.starts_at, e.ends_at, e.time_zone)}</dd>
        {where ? (
          <>
            <dt>{m.where}</dt>
            <dd dir="auto">{where}</dd>
          </>
        ) : null}
        {e.online_url ? (
          <>
            <dt>{m.online}</dt>
            <dd>
              <a href={e.online_url} dir="ltr">
                {e.online_url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {e.description ? (
        <p class="prose" dir="auto">
          {e.description}
        </p>
      ) : null}
      <section class="card" aria-label={m.going}>
        <p>
          {left === null ? null : left > 0 ? m.seatsLeft({ n: left }) : m.full({ waitlisted: v.counts.waitlisted })}
        </p>
        {v.myRsvp === 'going' ? <p role="status">{m.youAreGoing}</p> : null}
        {v.myRsvp === 'waitlisted' ? <p role="status">{m.youAreWaitlisted}</p> : null}
        {v.myRsvp === 'declined' ? <p role="status">{m.youDeclined}</p> : null}
        {p.canRsvp ? (
          <div class="actions">
            {v.myRsvp !== 'going' && v.myRsvp !== 'waitlisted' ? (
              <PostForm ctx={ctx} action={`/events/${e.id}/rsvp`}>
                <input type="hidden" name="status" value="going" />
                <button type="submit">{left === 0 ? m.joinWaitlist : m.going}</button>
              </PostForm>
            ) : null}
            {v.myRsvp !== 'declined' ? (
              <PostForm ctx={ctx} action={`/events/${e.id}/rsvp`}>
                <input type="hidden" name="status" value="declined" />
                <button type="submit" class="secondary">
                  {m.notGoing}
                </button>
              </PostForm>
            ) : null}
          </div>
        ) : null}
        {!p.add ? (
          <p>
            <a href={`/c/${e.slug}#subscribe`}>{m.addToCalendar}</a>
          </p>
        ) : null}
      </section>
      {p.add && e.status === 'published' ? (
        <AddToCalendar ctx={ctx} e={e} {...p.add} invitedAs={v.myRsvp === 'going' && ctx.who ? ctx.who.email : null} />
      ) : null}
      {p.organizer ? <EventTools ctx={ctx} v={v} moveValue={p.moveValue} /> : null}
      <section id="agenda">
        <h2>{m.agenda}</h2>
        {v.agenda.length ? (
          <ol class="list">
            {v.agenda.map((t, i) => (
              <li>
                <span class="muted">{times(ctx.l, t.starts_at, t.ends_at, e.time_zone)}</span>
                <br />
                <a href={`/talks/${t.proposal_id}`} dir="auto">
                  {t.title}
                </a>
                {t.speakers.length ? (
                  <span class="muted">
                    {' — '}
                    {t.speakers.map((s, i) => (
                      <>
                        {i ? ', ' : ''}
                        <bdi>{s.name}</bdi>
                      </>
                    ))}
                  </span>
                ) : null}
                {p.organizer && e.status !== 'canceled' ? (
                  <SlotTools
                    ctx={ctx}
                    e={e}
                    t={t}
                    first={i === 0}
                    last={i === v.agenda.length - 1}
                    typed={p.slotTyped?.slotId === t.slot_id ? p.slotTyped.value : undefined}
                  />
                ) : p.backlog ? (
                  <PostForm ctx={ctx} action={`/slots/${t.slot_id}/remove`} class="inline">
                    <button type="submit" class="secondary small">
                      {m.removeSlot}
                    </button>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">{m.noAgenda}</p>
        )}
      </section>
      {p.backlog ? (
        <p>
          <a class="button secondary" href={`/events/${e.id}/attendees`}>
            {m.attendees}
          </a>
        </p>
      ) : null}
      {p.backlog ? (
        <section class="card">
          <h2>{m.placeTalk}</h2>
          {p.backlog.length ? (
            <PostForm ctx={ctx} action={`/events/${e.id}/slots`} class="stack">
              <div>
                <label for="proposalId">{m.talk}</label>
                <select id="proposalId" {...control(SlotCreate, 'proposalId')}>
                  {p.backlog.map((b) => (
                    <option value={b.id}>
                      {m.composed.withMinutes({ name: b.title, minutes: b.duration_minutes })}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="startsAt">{`${m.startsAt} (${e.time_zone})`}</label>
                <input id="startsAt" name="startsAt" type="datetime-local" required value={p.startsAtValue} />
              </div>
              <button type="submit">{m.place}</button>
            </PostForm>
          ) : (
            <p class="empty">{m.backlogEmpty}</p>
          )}
        </section>
      ) : null}
    </Page>
  );
}

export function AttendeesPage(p: { ctx: PageCtx; v: EventView; items: RsvpRow[]; problem?: string | null }) {
  const { ctx, v } = p;
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.attendees}>
      <p class="muted">
        <a href={`/events/${v.event.id}`}>{v.event.title}</a>
      </p>
      <h1>{m.attendees}</h1>
      <Problem detail={p.problem} />
      <p>
        {m.rsvpStatus.going}: {v.counts.going} · {m.rsvpStatus.waitlisted}: {v.counts.waitlisted} · {m.checkedIn}:{' '}
        {v.counts.checked_in}
      </p>
      {p.items.length ? (
        <ul class="list tasks">
          {p.items.map((r) => (
            <li>
              <span>
                {r.name}
                {r.department ? <span class="muted"> · {r.department}</span> : null}
              </span>
              <span class="badge">{r.checked_in_at ? m.checkedIn : m.rsvpStatus[r.status]}</span>
              {r.status !== 'declined' ? (
                <PostForm ctx={ctx} action={`/events/${v.event.id}/attendees/${r.person_id}`} class="inline">
                  <input type="hidden" name="checkedIn" value={r.checked_in_at ? 'false' : 'true'} />
                  <button type="submit" class={r.checked_in_at ? 'secondary small' : 'small'}>
                    {r.checked_in_at ? m.undoCheckIn : m.checkIn}
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noAttendees}</p>
      )}
    </Page>
  );
}
