/**
 * iTIP (RFC 5546) invitations: METHOD:REQUEST or CANCEL with one VEVENT carrying the same UID as
 * the feeds, ORGANIZER, and the recipient as ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE — what
 * Outlook, Gmail and Apple Mail need to show Accept/Decline and to update or remove the entry.
 */
import { zoned, type CalendarLocale } from './render';
import { localeOf } from '../core/i18n/locale';
import { vtimezone } from './vtimezone';
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

export interface InviteItem {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** the event's IANA zone: times are written in it with its VTIMEZONE (see vtimezone.ts) */
  timeZone: string;
  location: string | null;
  url: string;
  stamp: Date;
}

/**
 * A name as a parameter value (CN=…): RFC 5545 allows no double quote inside one, and a backslash
 * does not escape it there (ical-generator writes \" and strict parsers reject the line), so a
 * double quote becomes a single one.
 */
const paramText = (name: string) => name.replace(/"/g, "'");

export function renderInvite(o: {
  method: 'REQUEST' | 'CANCEL';
  item: InviteItem;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** RSVP=TRUE only when someone reads the replies (IMAP_URL); else the mail says where to answer. */
  rsvp: boolean;
  /** the attendee's reminder alarm, minutes before; null: none */
  alarmMinutes?: number | null;
  /** the attendee's language (English if absent) */
  l?: CalendarLocale;
}): string {
  const l = o.l ?? localeOf('en');
  const cal = ical({
    prodId: { company: 'Brownbag', product: 'brownbag', language: l.lang.toUpperCase() },
    method: ICalCalendarMethod[o.method],
    timezone: { name: null, generator: vtimezone },
  });
  const ev = cal.createEvent({
    id: o.item.uid,
    sequence: o.item.sequence,
    stamp: o.item.stamp,
    start: zoned(o.item.startsAt, o.item.timeZone).at,
    end: zoned(o.item.endsAt, o.item.timeZone).at,
    timezone: zoned(o.item.startsAt, o.item.timeZone).timezone,
    // A cancellation says so in its title too: clients that keep the entry show "Cancelled: …".
    summary: o.method === 'CANCEL' ? l.m.calendarText.cancelled({ title: o.item.title }) : o.item.title,
    description: o.item.description,
    location: o.item.location,
    url: o.item.url,
    status: o.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { ...o.organizer, name: paramText(o.organizer.name) },
    attendees: [
      {
        email: o.attendee.email,
        name: paramText(o.attendee.name),
        rsvp: o.rsvp,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      },
    ],
  });
  if (o.method === 'REQUEST' && o.alarmMinutes !== null && o.alarmMinutes !== undefined)
    ev.createAlarm({ type: ICalAlarmType.display, triggerBefore: o.alarmMinutes * 60, description: o.item.title });
  return cal.toString();
}
