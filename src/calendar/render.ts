/**
 * RFC 5545 rendering with ical-generator: one place for every calendar Brownbag emits. Times are
 * in the event's own time zone (DTSTART;TZID=Europe/Berlin:…) with a VTIMEZONE per zone used
 * (vtimezone.ts), so local times hold across DST; UTC and zones without data stay UTC instants.
 * UIDs never change; SEQUENCE is the item's stored sequence.
 */
import ical, {
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEvent,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { calendarZone, vtimezone } from './vtimezone';
import { languageName, localeOf, type Locale } from '../core/i18n/locale';
import { span, times, when } from '../core/when';

/** The calendar's reader: their language's words (`calendarText`), dates and times. */
export type CalendarLocale = Pick<Locale, 'lang' | 'dir' | 'm'>;

export interface FeedTalk {
  proposalId: string;
  title: string;
  abstract: string;
  /** the language the talk is given in, a BCP 47 tag */
  language: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  updatedAt: Date;
  speakers: string[];
}
export interface FeedEvent {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  roomName: string | null;
  roomLocation: string | null;
  onlineUrl: string | null;
  status: 'draft' | 'published' | 'canceled';
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  agenda: FeedTalk[];
}
/** A speaker-support task, shown as an all-day entry on its due date (in the event's time zone). */
export interface FeedTask {
  id: string;
  title: string;
  talk: string;
  /** the talk's proposal, whose page holds the checklist */
  proposalId: string;
  dueAt: Date;
  timeZone: string;
  status: 'open' | 'done' | 'skipped';
  version: number;
  updatedAt: Date;
}

export interface CalendarOptions {
  tasks?: FeedTask[];
  name: string;
  publicUrl: string;
  /** The domain of every UID (see db/uid-domain.ts): fixed once per installation, unlike publicUrl. */
  uidDomain: string;
  events: FeedEvent[];
  /** Each talk as its own VEVENT besides its event. */
  talks?: boolean | ((e: FeedEvent, t: FeedTalk) => boolean);
  /** Include the event VEVENTs themselves (a personal feed may show only talks of some events). */
  includeEvent?: (e: FeedEvent) => boolean;
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** A personal feed's reminder alarm (VALARM), minutes before each event and talk; null: none. */
  alarmMinutes?: number | null;
  /** The reader's language (a community feed: its default; a personal one: the person's); English if absent. */
  l?: CalendarLocale;
}

export const eventUid = (id: string, domain: string) => `event-${id}@${domain}`;
export const talkUid = (proposalId: string, domain: string) => `talk-${proposalId}@${domain}`;
export const taskUid = (taskId: string, domain: string) => `task-${taskId}@${domain}`;

export function location(e: Pick<FeedEvent, 'roomName' | 'roomLocation' | 'onlineUrl'>): string | null {
  const room = [e.roomName, e.roomLocation].filter(Boolean).join(', ');
  return [room, e.onlineUrl].filter(Boolean).join(' · ') || null;
}

/**
 * An instant as ical-generator writes it in a zone: a Luxon time set to the zone plus the event's
 * TZID (a plain Date with a TZID would be written in the server's own zone), or the Date itself
 * (UTC, …Z) when the zone has no VTIMEZONE.
 */
export function zoned(d: Date, zone: string): { at: Date | DateTime; timezone: string | null } {
  const z = calendarZone(zone);
  return z ? { at: DateTime.fromJSDate(d).setZone(z.tzid), timezone: z.tzid } : { at: d, timezone: null };
}

/** The event's description and its agenda, in the reader's language and the event's own time zone (named). */
export function agendaText(l: CalendarLocale, e: FeedEvent): string {
  const c = l.m.calendarText;
  const lines = [e.description.trim(), ''];
  lines.push(span(l, e.startsAt, e.endsAt, e.timeZone));
  if (e.agenda.length) {
    lines.push('', c.agenda);
    for (const t of e.agenda) {
      const at = times(l, t.startsAt, t.endsAt, e.timeZone);
      lines.push(
        t.speakers.length
          ? c.agendaTalkBy({ times: at, title: t.title, speakers: t.speakers.join(', ') })
          : c.agendaTalk({ times: at, title: t.title }),
      );
    }
  }
  if (e.onlineUrl) lines.push('', c.joinOnline({ url: e.onlineUrl }));
  return lines.join('\n').trim();
}

/** The person's reminder, on entries that are not canceled. */
function alarm(o: CalendarOptions, e: FeedEvent, entry: ICalEvent) {
  if (o.alarmMinutes === null || o.alarmMinutes === undefined || e.status === 'canceled') return;
  entry.createAlarm({ type: ICalAlarmType.display, triggerBefore: o.alarmMinutes * 60, description: entry.summary() });
}

/**
 * A canceled event (a skipped series occurrence is one) says so in its title as well as in
 * STATUS:CANCELLED, as cancellation invitations do: calcurse and other clients ignore the status
 * and would show it as happening. It stays in the feed rather than being dropped later: a client
 * that once had the entry (from this feed or from an invitation) learns it is off only from an entry
 * with the same UID and a higher SEQUENCE, and a past one costs a feed a few lines.
 */
const titled = (l: CalendarLocale, e: FeedEvent, title: string) =>
  e.status === 'canceled' ? l.m.calendarText.cancelled({ title }) : title;

export function renderCalendar(o: CalendarOptions): string {
  const l = o.l ?? localeOf('en');
  const c = l.m.calendarText;
  const cal: ICalCalendar = ical({
    name: o.name,
    prodId: { company: 'Brownbag', product: 'brownbag', language: l.lang.toUpperCase() },
    ttl: 3600,
    timezone: { name: null, generator: vtimezone },
    ...(o.method ? { method: ICalCalendarMethod[o.method] } : {}),
  });
  for (const e of o.events) {
    const status = e.status === 'canceled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
    const url = `${o.publicUrl}/events/${e.id}`;
    if (!o.includeEvent || o.includeEvent(e)) {
      alarm(
        o,
        e,
        cal.createEvent({
          id: eventUid(e.id, o.uidDomain),
          sequence: e.sequence,
          stamp: e.updatedAt,
          lastModified: e.updatedAt,
          created: e.createdAt,
          start: zoned(e.startsAt, e.timeZone).at,
          end: zoned(e.endsAt, e.timeZone).at,
          timezone: zoned(e.startsAt, e.timeZone).timezone,
          summary: titled(l, e, e.title),
          description: agendaText(l, e),
          location: location(e),
          url,
          status,
        }),
      );
    }
    for (const t of e.agenda) {
      const wanted = typeof o.talks === 'function' ? o.talks(e, t) : !!o.talks;
      if (!wanted) continue;
      alarm(
        o,
        e,
        cal.createEvent({
          id: talkUid(t.proposalId, o.uidDomain),
          sequence: t.sequence,
          stamp: t.updatedAt,
          lastModified: t.updatedAt,
          start: zoned(t.startsAt, e.timeZone).at,
          end: zoned(t.endsAt, e.timeZone).at,
          timezone: zoned(t.startsAt, e.timeZone).timezone,
          summary: titled(l, e, t.title),
          description: [
            t.speakers.join(', '),
            t.abstract,
            c.talkLanguage({ language: languageName(l, t.language) }),
            c.partOf({ event: e.title, when: span(l, e.startsAt, e.endsAt, e.timeZone) }),
          ]
            .filter(Boolean)
            .join('\n\n'),
          location: location(e),
          url,
          status,
          // RFC 5545 has LANGUAGE only as a parameter; the tag itself, for programs reading the feed.
          x: { 'X-BROWNBAG-LANGUAGE': t.language },
        }),
      );
    }
  }
  for (const t of o.tasks ?? []) {
    const day = DateTime.fromJSDate(t.dueAt, { zone: t.timeZone });
    cal.createEvent({
      id: taskUid(t.id, o.uidDomain),
      sequence: t.version,
      stamp: t.updatedAt,
      lastModified: t.updatedAt,
      allDay: true,
      start: new Date(Date.UTC(day.year, day.month - 1, day.day)),
      summary: (t.status === 'done' ? c.taskDone : c.task)({ title: t.title, talk: t.talk }),
      description: c.taskDue({ talk: t.talk, due: when(l, t.dueAt, t.timeZone) }),
      status: t.status === 'skipped' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: `${o.publicUrl}/proposals/${t.proposalId}`,
    });
  }
  return cal.toString();
}
