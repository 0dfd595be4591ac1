/**
 * Dates and times, one place for all: pages say them in the reader's language through Intl
 * (`when`, `span`, `times`, `day`, re-exported by web/i18n.ts), and mail and announcements write an
 * event's time in a fixed form (`plainSpan`). Stands on nothing but Intl and luxon.
 */
import { DateTime } from 'luxon';

/** Whose language: a reader's Locale (core/i18n/locale.ts) is one; `dir` rtl isolates Latin zone names. */
export interface Lang {
  lang: string;
  dir?: 'ltr' | 'rtl';
}

/** Bidi isolation (FSI … PDI) of a Latin piece inside right-to-left text, so it keeps its own order. */
const isolate = (l: Lang, text: string) => (l.dir === 'rtl' ? `\u2068${text}\u2069` : text);

/** The zone's own name beside the short offset Intl prints (GMT+1 alone does not say Berlin). */
const zoned = (l: Lang, text: string, timeZone: string) =>
  timeZone === 'UTC' ? text : `${text} ${isolate(l, `(${timeZone})`)}`;

type Shape = 'full' | 'day' | 'time';

/**
 * What ICU said for a moment in a language, zone and shape. Pages say the same few moments (an
 * event's start, a call's close) on every render, and one ICU format costs microseconds that a map
 * lookup does not: the home and event pages spent a tenth of a miss formatting (issue #30).
 */
const said = new Map<string, string>();
function say(lang: string, timeZone: string, shape: Shape, at: Date, rtl = false): string {
  const key = `${lang}|${timeZone}|${shape}|${rtl ? 'r' : ''}${at.getTime()}`;
  let text = said.get(key);
  if (text === undefined) {
    const f = format(lang, timeZone, shape);
    text = rtl
      ? f
          .formatToParts(at)
          .map((p) => (p.type === 'timeZoneName' ? `\u2068${p.value}\u2069` : p.value))
          .join('')
      : f.format(at);
    if (said.size >= 20000) said.clear();
    said.set(key, text);
  }
  return text;
}

/** A moment as the shape says, the zone's offset ("GMT+2") isolated in right-to-left text. */
const formatted = (l: Lang, at: Date, timeZone: string, shape: Shape) =>
  say(l.lang, timeZone, shape, at, l.dir === 'rtl');

/** Making a DateTimeFormat costs far more than using one: keep one per language, zone and shape. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: string, timeZone: string, shape: Shape): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${shape}`;
  let f = formats.get(key);
  if (!f) {
    const o: Intl.DateTimeFormatOptions =
      shape === 'full'
        ? {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            timeZoneName: 'short',
          }
        : shape === 'day'
          ? { day: 'numeric', month: 'short', year: 'numeric' }
          : { hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(lang, { ...o, timeZone });
    if (formats.size > 2000) formats.clear();
    formats.set(key, f);
  }
  return f;
}

/** "Thu, Jun 10, 2027, 12:00 PM GMT+2 (Europe/Berlin)": a moment in a time zone, the zone named. */
export const when = (l: Lang, at: Date, timeZone: string) => zoned(l, formatted(l, at, timeZone, 'full'), timeZone);

const sameDay = (l: Lang, a: Date, b: Date, timeZone: string) =>
  say(l.lang, timeZone, 'day', a) === say(l.lang, timeZone, 'day', b);

/**
 * A span of time in a zone, the zone named; the date once when it is one day. (Not formatRange:
 * ICU's range formatting costs ten times a plain format, and pages list many spans.)
 */
export const span = (l: Lang, start: Date, end: Date, timeZone: string) =>
  zoned(
    l,
    `${formatted(l, start, timeZone, 'full')} – ${
      sameDay(l, start, end, timeZone) ? formatted(l, end, timeZone, 'time') : formatted(l, end, timeZone, 'full')
    }`,
    timeZone,
  );

/** "11:00 – 11:30": times within a day whose date and zone are said nearby. */
/** "23:59": a time of day in a zone (the page says the date and the zone beside it). */
export const clock = (l: Lang, at: Date, timeZone: string) => say(l.lang, timeZone, 'time', at);

export const times = (l: Lang, start: Date, end: Date, timeZone: string) =>
  `${say(l.lang, timeZone, 'time', start)} – ${say(l.lang, timeZone, 'time', end)}`;

export const day = (l: Lang, at: Date, timeZone: string) => say(l.lang, timeZone, 'day', at);

/** An event's time as mail and announcements write it: "Thursday 10 June 2027, 12:00–13:30 (Europe/Berlin)". */
export function plainSpan(start: Date, end: Date, tz: string): string {
  const s = DateTime.fromJSDate(start, { zone: tz });
  const e = DateTime.fromJSDate(end, { zone: tz });
  return `${s.toFormat('cccc d LLLL yyyy, HH:mm')}–${e.toFormat('HH:mm')} (${tz})`;
}

/** Where a calendar period starts: the local date of its first day (a week starts on Monday, as in ISO). */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';
const periodStarts = new Map<string, { date: string; since: number; until: number }>();

/**
 * The local date on which the current day, week, month, quarter or year began in a time zone. Worked
 * out once per zone and period until the moment it changes (a zone's offsets cost Intl calls, which
 * were a tenth of an uncached metrics request).
 */
export function periodStart(tz: string, period: Period, now = Date.now()): string {
  const key = `${tz}|${period}`;
  const hit = periodStarts.get(key);
  if (hit && now >= hit.since && now < hit.until) return hit.date;
  const start = DateTime.fromMillis(now, { zone: tz }).startOf(period);
  const entry = {
    date: start.toISODate()!,
    since: start.toMillis(),
    until: start.plus({ [`${period}s`]: 1 }).toMillis(),
  };
  if (periodStarts.size >= 1000) periodStarts.clear();
  periodStarts.set(key, entry);
  return entry.date;
}

const inputs = new Map<string, string>();
/** A moment as a `datetime-local` field holds it in a zone ("2027-06-10T12:00"); remembered, as `say` is. */
export function localInput(at: Date, timeZone: string): string {
  const key = `${timeZone}|${at.getTime()}`;
  let text = inputs.get(key);
  if (text === undefined) {
    text = DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
    if (inputs.size >= 5000) inputs.clear();
    inputs.set(key, text);
  }
  return text;
}
