/**
 * The organizers' event markup: the events list (drafts labelled, each with Publish), the create and
 * edit form (times in the event's zone, named), and the tools on an event page — publish, edit, move,
 * cancel, move a talk in place — plus "Add to calendar" for everyone who may read the event.
 */
import { DateTime } from 'luxon';
import { localInput, span } from '../../web/i18n';
import { control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { EventCreate, EventPatch } from './events.schemas';
import type { AgendaItem, EventRow, EventView, RoomRow } from './events.queries';

/** A datetime-local value read in `zone` as the API's UTC instant; what cannot be read is passed on as typed. */
export function utcOf(typed: unknown, zone: string): unknown {
  if (typeof typed !== 'string' || !typed) return typed;
  const local = DateTime.fromISO(typed, { zone });
  return local.isValid ? local.toUTC().toISO() : typed;
}

/** The fields of the event form: the API's EventCreate/EventPatch, as typed. */
export const EVENT_FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'roomId', 'onlineUrl', 'capacity'] as const;
export type EventFormValues = Partial<Record<(typeof EVENT_FIELDS)[number] | 'version', string>>;

export const formValues = (e: EventRow): EventFormValues => ({
  title: e.title,
  description: e.description,
  startsAt: localInput(e.starts_at, e.time_zone),
  endsAt: localInput(e.ends_at, e.time_zone),
  roomId: e.room_id ?? '',
  onlineUrl: e.online_url ?? '',
  capacity: e.capacity === null ? '' : String(e.capacity),
  version: String(e.version),
});

export function EventFormPage(p: {
  ctx: PageCtx;
  slug: string;
  heading: string;
  action: string;
  zone: string;
  rooms: RoomRow[];
  v: EventFormValues;
  submit: string;
  problem?: string | null;
  back: string;
}) {
  const { ctx, v } = p;
  const m = ctx.l.m;
  const a = m.eventAdmin;
  const schema = v.version ? EventPatch : EventCreate;
  return (
    <Page ctx={ctx} title={p.heading}>
      <p class="muted">
        <a href={p.back}>{p.slug}</a>
      </p>
      <h1>{p.heading}</h1>
      <Problem detail={p.problem} />
      <PostForm ctx={ctx} action={p.action} class="stack card">
        {v.version ? <input type="hidden" name="version" value={v.version} /> : null}
        <div>
          <label for="title">{m.title}</label>
          <input id="title" {...control(EventCreate, 'title')} value={v.title ?? ''} />
        </div>
        <div>
          <label for="description">{a.description}</label>
          <textarea id="description" {...control(schema, 'description')} rows={4}>
            {v.description ?? ''}
          </textarea>
        </div>
        <div class="row">
          <div>
            <label for="startsAt">{a.startsAt({ zone: p.zone })}</label>
            <input id="startsAt" name="startsAt" type="datetime-local" required value={v.startsAt ?? ''} />
          </div>
          <div>
            <label for="endsAt">{a.endsAt({ zone: p.zone })}</label>
            <input id="endsAt" name="endsAt" type="datetime-local" required value={v.endsAt ?? ''} />
          </div>
        </div>
        <div class="row">
          <div>
            <label for="roomId">{a.room}</label>
            <select id="roomId" name="roomId">
              <option value="">{a.noRoom}</option>
              {p.rooms.map((r) => (
                <option value={r.id} selected={r.id === v.roomId}>
                  {r.location ? `${r.name} — ${r.location}` : r.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="capacity">{v.version ? a.capacityEdit : a.capacity}</label>
            <input id="capacity" type="number" {...control(EventCreate, 'capacity')} value={v.capacity ?? ''} />
          </div>
        </div>
        <div>
          <label for="onlineUrl">{a.onlineUrl}</label>
          <input id="onlineUrl" type="url" {...control(EventCreate, 'onlineUrl')} value={v.onlineUrl ?? ''} />
        </div>
        <button type="submit">{p.submit}</button>
      </PostForm>
    </Page>
  );
}

export function EventsListPage(p: {
  ctx: PageCtx;
  slug: string;
  events: EventRow[];
  organizer: boolean;
  notice?: string | null;
  problem?: string | null;
}) {
  const { ctx } = p;
  const m = ctx.l.m;
  const a = m.eventAdmin;
  return (
    <Page ctx={ctx} title={a.events}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{a.events}</h1>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.organizer ? (
        <p>
          <a class="button" href={`/c/${p.slug}/events/new`}>
            {a.newEvent}
          </a>
        </p>
      ) : null}
      <h2>{p.organizer ? a.upcomingAndDrafts : m.upcoming}</h2>
      {p.events.length ? (
        <ul class="list">
          {p.events.map((e) => (
            <li>
              <a href={`/events/${e.id}`}>{e.title}</a> <StatusBadge ctx={ctx} e={e} />
              <br />
              <span class="muted">{span(ctx.l, e.starts_at, e.ends_at, e.time_zone)}</span>
              {p.organizer && e.status === 'draft' ? (
                <PublishButton
                  ctx={ctx}
                  e={e}
                  next={`/c/${p.slug}/events`}
                  label={a.publishLabel({ title: e.title })}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{a.noEvents}</p>
      )}
    </Page>
  );
}

/** "Draft" (or "canceled") beside an event's title; nothing for a published event. */
export function StatusBadge({ ctx, e }: { ctx: PageCtx; e: Pick<EventRow, 'status'> }) {
  if (e.status === 'published') return null;
  return (
    <span class={`badge ${e.status}`}>
      {e.status === 'draft' ? ctx.l.m.eventAdmin.draft : ctx.l.m.eventStatus[e.status]}
    </span>
  );
}

export function PublishButton(p: {
  ctx: PageCtx;
  e: Pick<EventRow, 'id'>;
  next: string;
  label?: string;
  /** a full-size button (the event page) rather than a small one in a list */
  main?: boolean;
}) {
  return (
    <PostForm ctx={p.ctx} action={`/events/${p.e.id}/status`} class={p.main ? undefined : 'inline'}>
      <input type="hidden" name="status" value="published" />
      <input type="hidden" name="next" value={p.next} />
      <button type="submit" class={p.main ? undefined : 'small'} aria-label={p.label}>
        {p.ctx.l.m.eventAdmin.publish}
      </button>
    </PostForm>
  );
}

/** What an organizer does with the event itself: publish a draft, edit, move, cancel. */
export function EventTools(p: { ctx: PageCtx; v: EventView; moveValue?: string }) {
  const { ctx } = p;
  const e = p.v.event;
  const a = ctx.l.m.eventAdmin;
  if (e.status === 'canceled') return null;
  return (
    <section class="card" aria-labelledby="event-tools">
      <h2 id="event-tools">{a.tools}</h2>
      <div class="actions">
        {e.status === 'draft' ? <PublishButton ctx={ctx} e={e} next={`/events/${e.id}`} main /> : null}
        <a class="button secondary" href={`/events/${e.id}/edit`}>
          {a.edit}
        </a>
      </div>
      <PostForm ctx={ctx} action={`/events/${e.id}/move`} class="row">
        <input type="hidden" name="version" value={String(e.version)} />
        <div class="grow">
          <label for="move-start">{a.newStart({ zone: e.time_zone })}</label>
          <input
            id="move-start"
            name="startsAt"
            type="datetime-local"
            required
            value={p.moveValue ?? localInput(e.starts_at, e.time_zone)}
            aria-describedby="move-hint"
          />
        </div>
        <button type="submit" class="secondary">
          {a.move}
        </button>
      </PostForm>
      <p id="move-hint" class="muted">
        {a.moveHint}
      </p>
      <PostForm ctx={ctx} action={`/events/${e.id}/status`} class="row">
        <input type="hidden" name="status" value="canceled" />
        <input type="hidden" name="next" value={`/events/${e.id}`} />
        <div class="grow">
          <label for="cancelReason">{a.cancelReason}</label>
          <input id="cancelReason" {...control(EventPatch, 'cancelReason')} />
        </div>
        <button type="submit" class="secondary">
          {a.cancel}
        </button>
      </PostForm>
    </section>
  );
}

/** A talk moved in place: a new start, or one place earlier or later on the agenda; or taken off it. */
export function SlotTools(p: {
  ctx: PageCtx;
  e: EventRow;
  t: AgendaItem;
  first: boolean;
  last: boolean;
  /** what was typed, when the move was refused */
  typed?: string;
}) {
  const { ctx, e, t } = p;
  const m = ctx.l.m;
  const a = m.eventAdmin;
  const id = `slot-${t.slot_id}`;
  return (
    <div class="slot-tools">
      <PostForm ctx={ctx} action={`/slots/${t.slot_id}/move`}>
        <label for={id}>{a.slotStart({ title: t.title })}</label>
        <span class="slot-move">
          <input
            id={id}
            name="startsAt"
            type="datetime-local"
            required
            value={p.typed ?? localInput(t.starts_at, e.time_zone)}
          />
          <button type="submit" class="secondary small" aria-label={a.moveSlotLabel({ title: t.title })}>
            {a.moveSlot}
          </button>
        </span>
      </PostForm>
      {!p.first ? (
        <PostForm ctx={ctx} action={`/slots/${t.slot_id}/reorder`}>
          <input type="hidden" name="direction" value="earlier" />
          <button type="submit" class="secondary small" aria-label={a.earlierLabel({ title: t.title })}>
            {a.earlier}
          </button>
        </PostForm>
      ) : null}
      {!p.last ? (
        <PostForm ctx={ctx} action={`/slots/${t.slot_id}/reorder`}>
          <input type="hidden" name="direction" value="later" />
          <button type="submit" class="secondary small" aria-label={a.laterLabel({ title: t.title })}>
            {a.later}
          </button>
        </PostForm>
      ) : null}
      <PostForm ctx={ctx} action={`/slots/${t.slot_id}/remove`}>
        <button type="submit" class="secondary small">
          {m.removeSlot}
        </button>
      </PostForm>
    </div>
  );
}

/** The one event for a calendar: the .ics, Google Calendar and Outlook, and the community's feed. */
export function AddToCalendar(p: {
  ctx: PageCtx;
  e: EventRow;
  icsUrl: string;
  google: string;
  outlook: string;
  feedUrl: string;
  invitedAs: string | null;
}) {
  const a = p.ctx.l.m.eventAdmin;
  return (
    <section aria-labelledby="add-to-calendar">
      <h2 id="add-to-calendar">{a.addOne}</h2>
      {p.invitedAs ? <p class="notice">{a.invitationMailed({ email: p.invitedAs })}</p> : null}
      <ul class="list">
        <li>
          <a href={p.icsUrl} download>
            {a.downloadIcs}
          </a>
        </li>
        <li>
          <a href={p.google} rel="noopener" target="_blank">
            {a.googleCalendar}
          </a>
        </li>
        <li>
          <a href={p.outlook} rel="noopener" target="_blank">
            {a.outlook}
          </a>
        </li>
        <li>
          <a href={p.feedUrl}>{a.subscribeAll}</a>
        </li>
      </ul>
    </section>
  );
}
