/**
 * What an event change sets off — who hears what — decided from the event before and the change,
 * as data. Pure: EventsService.update reads the facts, calls this, and carries out what it says
 * (raise the calendar sequence, promote from the waitlist, keep the cancel reason, announce to the
 * community's chats, send invitations), all in the change's transaction.
 */
import { plainSpan } from '../../core/when';
import type { EventStatus } from './event.entity';
import type { EventRow } from './events.queries';
import type { EventPatch } from './events.schemas';
import type { Static } from 'typebox';
import type { EventChange } from '../../mail/jobs';

type Patch = Static<typeof EventPatch>;
export type EventBefore = Pick<
  EventRow,
  | 'id'
  | 'title'
  | 'description'
  | 'starts_at'
  | 'ends_at'
  | 'time_zone'
  | 'room_id'
  | 'online_url'
  | 'capacity'
  | 'status'
  | 'sequence'
>;
/** The event after the change, where the patch alone does not say it (window, room, status, capacity). */
export interface EventAfter {
  start: Date;
  end: Date;
  roomId: string | null;
  status: EventStatus;
  capacity: number | null;
}

export type Happening = 'event.published' | 'event.canceled' | 'event.moved';
export interface EventEffects {
  /** a calendar must see it: the event's and its talks' sequence rise */
  calendarChange: boolean;
  /** seats were added (or the limit lifted): fill them from the waitlist */
  promote: boolean;
  /** kept with a cancellation, told to everyone in it */
  cancelReason: string | null;
  /** what the community's chats and webhooks get, once per key */
  announce: { happening: Happening; key: string; title: string; text: string } | null;
  /**
   * The invitations: `talks` — each talk's speakers get a REQUEST (the event was published);
   * `cancel` — everyone invited gets a CANCEL; `update` — everyone invited gets a REQUEST saying
   * what changed (time, place, online link, title).
   */
  invite: 'talks' | 'cancel' | 'update' | null;
  /** with `update`: the room changed, so the update names the new place */
  placeChanged: boolean;
}

export function eventEffects(e: EventBefore, patch: Patch, now: EventAfter): EventEffects {
  const timeChanged = now.start.getTime() !== e.starts_at.getTime() || now.end.getTime() !== e.ends_at.getTime();
  const placeChanged = now.roomId !== e.room_id;
  const linkChanged = patch.onlineUrl !== undefined && patch.onlineUrl !== e.online_url;
  const titleChanged = patch.title !== undefined && patch.title !== e.title;
  // What attendees are told of: time, place, online link, title.
  const seen = timeChanged || placeChanged || linkChanged || titleChanged;
  const calendarChange =
    seen ||
    now.status !== e.status ||
    (patch.description !== undefined && patch.description !== e.description) ||
    (patch.timeZone !== undefined && patch.timeZone !== e.time_zone);
  const published = e.status === 'draft' && now.status === 'published';
  const canceled = e.status === 'published' && now.status === 'canceled';
  const title = patch.title ?? e.title;
  const at = plainSpan(now.start, now.end, patch.timeZone ?? e.time_zone);
  const reason = now.status === 'canceled' ? patch.cancelReason?.trim() || null : null;

  let announce: EventEffects['announce'] = null;
  if (published)
    announce = { happening: 'event.published', key: `event.published:${e.id}`, title: `New: ${title}`, text: at };
  else if (canceled)
    announce = {
      happening: 'event.canceled',
      key: `event.canceled:${e.id}`,
      title: `Cancelled: ${title}`,
      text: reason || `It was planned for ${plainSpan(e.starts_at, e.ends_at, e.time_zone)}.`,
    };
  else if (e.status === 'published' && (now.start.getTime() !== e.starts_at.getTime() || placeChanged))
    announce = {
      happening: 'event.moved',
      key: `event.moved:${e.id}:${e.sequence + 1}`,
      title: `Moved: ${title}`,
      text: `Now ${at}.`,
    };

  return {
    calendarChange,
    promote: now.capacity === null || (e.capacity !== null && now.capacity > e.capacity),
    cancelReason: reason,
    announce,
    invite: published ? 'talks' : canceled ? 'cancel' : e.status === 'published' && seen ? 'update' : null,
    placeChanged,
  };
}

/**
 * One thing that changed, as the "Updated" invitation tells it, before → after: data, so each
 * recipient's mail says it in their own language (src/mail/templates.ts). Times are ISO instants
 * with the zone they are said in.
 */
export type { EventChange };

/**
 * What changed: time, place, online link, title, each before → after. `place` is given only when
 * the room changed.
 */
export function whatChanged(
  e: {
    starts_at: Date;
    ends_at: Date;
    time_zone: string;
    room_name: string | null;
    room_location: string | null;
    online_url: string | null;
    title: string;
  },
  now: { start: Date; end: Date; timeZone: string; place?: string | null; onlineUrl: string | null; title: string },
): EventChange[] {
  const out: EventChange[] = [];
  if (e.starts_at.getTime() !== now.start.getTime() || e.ends_at.getTime() !== now.end.getTime())
    out.push({
      what: 'time',
      before: { start: e.starts_at.toISOString(), end: e.ends_at.toISOString(), timeZone: e.time_zone },
      after: { start: now.start.toISOString(), end: now.end.toISOString(), timeZone: now.timeZone },
    });
  if (now.place !== undefined) {
    const was = [e.room_name, e.room_location].filter(Boolean).join(', ');
    out.push({ what: 'place', before: was || null, after: now.place ?? null });
  }
  if (now.onlineUrl !== e.online_url) out.push({ what: 'online', before: e.online_url, after: now.onlineUrl });
  if (now.title !== e.title) out.push({ what: 'title', before: e.title, after: now.title });
  return out;
}
