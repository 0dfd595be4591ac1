/**
 * Local time in calendars: an event in Europe/Berlin is written DTSTART;TZID=Europe/Berlin:…T120000
 * with the zone's VTIMEZONE beside it, so a 12:00 meetup stays at 12:00 for every client across
 * daylight-saving changes (and a series expanded by a client keeps its wall-clock time).
 *
 * Most zones' rules are one RRULE pair ("last Sunday of March, last Sunday of October"), and for
 * those the block comes from timezones-ical-library — the shape Outlook and every other client know
 * best. Some zones cannot be said that way: Africa/Casablanca leaves +01 for Ramadan (a different
 * month each year), Asia/Gaza and America/Santiago move their dates by decree, Nuuk and Scoresbysund
 * changed base offset. So every block is checked against Node's own time-zone data (Intl) over the
 * feed's window — at every transition Intl knows and every week between them — and a zone whose
 * RRULE block disagrees anywhere is written instead with the observances it actually has: one
 * STANDARD/DAYLIGHT component per kind of change, DTSTART at its first onset and an RDATE for each
 * later one (RFC 5545 §3.6.5), found from Intl's offsets. A zone the library lacks gets the same.
 * UTC itself is written as UTC instants (…Z).
 */
import * as icalModule from 'ical.js';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

const UTC = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Zulu']);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let known: Set<string> | null = null;
const zones = new Map<string, { tzid: string; block: string } | null>();

/**
 * The window a VTIMEZONE is exact over: from the start of last year to the end of the year five
 * years on (feeds hold recent and coming events; a series looks five years ahead at most). Outside
 * it, clients carry on with the last rule written (dated blocks: the offset at the window's ends).
 */
export function zoneWindow(now = new Date()): { from: number; to: number } {
  const y = now.getUTCFullYear();
  return { from: Date.UTC(y - 1, 0, 1), to: Date.UTC(y + 6, 0, 1) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at an instant, in minutes, by Intl (Node's ICU time-zone data). */
export function offsetAt(zone: string, at: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  // "12/7/2026, GMT+05:30" ("GMT" alone at +00:00)
  const m = /GMT([+-])(\d\d):(\d\d)$/.exec(f.format(at));
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Every change of offset in [from, to): the instant it happens and the offsets before and after. */
export function transitions(zone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const out: { at: number; before: number; after: number }[] = [];
  // Offsets hold for weeks (the shortest gap in current rules is Casablanca's Ramadan month): samples
  // three days apart find every change, bisecting to the minute. The test checks every hour.
  const step = 3 * DAY;
  let t = from;
  let off = offsetAt(zone, t);
  while (t < to) {
    const next = Math.min(t + step, to);
    const o = offsetAt(zone, next);
    if (o !== off) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, before: off, after: o });
      off = o;
    }
    t = next;
  }
  return out;
}

const hhmm = (minutes: number) => {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
};
/** An instant as the local wall clock of the offset in force before it (a DTSTART/RDATE of an observance). */
const localStamp = (at: number, offset: number) =>
  new Date(at + offset * 60_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');

/** The VTIMEZONE of the observances the zone has in the window, from Intl's transitions. */
export function datedBlock(zone: string, window = zoneWindow()): string {
  const changes = transitions(zone, window.from, window.to);
  const first = offsetAt(zone, window.from);
  const standard = Math.min(first, ...changes.map((c) => c.after));
  const kind = (o: number) => (o > standard ? 'DAYLIGHT' : 'STANDARD');
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // The offset in force when the window opens, from long before it.
  lines.push(
    `BEGIN:${kind(first)}`,
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${hhmm(first)}`,
    `TZOFFSETTO:${hhmm(first)}`,
    `END:${kind(first)}`,
  );
  const groups = new Map<string, { before: number; after: number; starts: string[] }>();
  for (const c of changes) {
    const key = `${c.before}/${c.after}`;
    const g = groups.get(key) ?? { before: c.before, after: c.after, starts: [] };
    g.starts.push(localStamp(c.at, c.before));
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const k = kind(g.after);
    lines.push(`BEGIN:${k}`, `DTSTART:${g.starts[0]}`);
    // One RDATE a line: ical.js (and others) read only the first value of a multi-valued one.
    for (const start of g.starts.slice(1)) lines.push(`RDATE:${start}`);
    lines.push(`TZOFFSETFROM:${hhmm(g.before)}`, `TZOFFSETTO:${hhmm(g.after)}`, `END:${k}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * How a client reads local wall-clock times (given as UTC fields) in a parsed VTIMEZONE: the instant
 * ical.js makes of DTSTART;TZID=…. (This is the direction calendars use; ical.js's own UTC-to-local
 * conversion is an hour off around changes.)
 */
export function icalReader(tz: InstanceType<typeof ICAL.Timezone>): (wall: number) => number {
  const t = new ICAL.Time({ year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0, isDate: false }, tz);
  return (wall) => {
    const d = new Date(wall);
    t.year = d.getUTCFullYear();
    t.month = d.getUTCMonth() + 1;
    t.day = d.getUTCDate();
    t.hour = d.getUTCHours();
    t.minute = d.getUTCMinutes();
    return wall - tz.utcOffset(t) * 1000;
  };
}

/**
 * Does a client reading the block put the local time of `at` where Intl says it is? (At the
 * repeated hour of a change back, either of the two instants is right.)
 */
export function readsRight(zone: string, read: (wall: number) => number, at: number): boolean {
  const wall = at + offsetAt(zone, at) * 60_000;
  const instant = read(wall);
  return instant === at || instant + offsetAt(zone, instant) * 60_000 === wall;
}

/** Does a VTIMEZONE say what Intl says, at every transition and every day of the window? */
export function agrees(zone: string, block: string, window = zoneWindow()): boolean {
  let tz: InstanceType<typeof ICAL.Timezone>;
  try {
    tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(block)));
  } catch {
    return false;
  }
  const read = icalReader(tz);
  const check = (at: number) => readsRight(zone, read, at);
  for (const c of transitions(zone, window.from, window.to))
    if (!check(c.at - 60_000) || !check(c.at) || !check(c.at + HOUR)) return false;
  for (let at = window.from; at < window.to; at += 7 * DAY) if (!check(at)) return false;
  return true;
}

/**
 * The TZID to write a zone's times in and its VTIMEZONE, or null for UTC instants. An alias
 * (US/Eastern) is written as the zone the library names for it (America/New_York).
 */
export function calendarZone(zone: string): { tzid: string; block: string } | null {
  // Kept per zone and year: the window moves on with the calendar.
  const key = `${zone} ${new Date().getUTCFullYear()}`;
  let found = zones.get(key);
  if (found === undefined) {
    found = null;
    if (!UTC.has(zone) && isZone(zone)) {
      known ??= new Set(tzlib_get_timezones() as string[]);
      // Asking for a zone the library lacks prints an error, so only known zones are asked.
      if (known.has(zone)) {
        const [block, tzid] = tzlib_get_ical_block(zone) as string[];
        if (block?.startsWith('BEGIN:VTIMEZONE') && tzid?.startsWith('TZID=') && agrees(zone, block))
          found = { tzid: tzid.slice(5), block };
      }
      found ??= { tzid: zone, block: datedBlock(zone) };
    }
    zones.set(key, found);
  }
  return found;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** ical-generator's VTIMEZONE generator: called with each TZID the calendar's events use. */
export const vtimezone = (tzid: string): string | null => calendarZone(tzid)?.block ?? null;
