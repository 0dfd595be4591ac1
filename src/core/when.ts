/**
 * Dates and times, one place for all: pages say them in the reader's language through Intl
 * (`when`, `span`, `times`, `day`, re-exported by web/i18n.ts), and mail and announcements write an
 * event's time in a fixed form (`plainSpan`). Stands on nothing but Intl and luxon.
 */
import { DateTime } from 'luxon';

/** Whose language: a page's Locale (web/i18n.ts) is one. */
export interface Lang {
  lang: string;
}

/** The zone's own name beside the short offset Intl prints (GMT+1 alone does not say Berlin). */
const zoned = (text: string, timeZone: string) => (timeZone === 'UTC' ? text : `${text} (${timeZone})`);

/** Making a DateTimeFormat costs far more than using one: keep one per language, zone and shape. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: string, timeZone: string, shape: 'full' | 'day' | 'time'): Intl.DateTimeFormat {
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
export const when = (l: Lang, at: Date, timeZone: string) =>
  zoned(format(l.lang, timeZone, 'full').format(at), timeZone);

const sameDay = (l: Lang, a: Date, b: Date, timeZone: string) =>
  format(l.lang, timeZone, 'day').format(a) === format(l.lang, timeZone, 'day').format(b);

/**
 * A span of time in a zone, the zone named; the date once when it is one day. (Not formatRange:
 * ICU's range formatting costs ten times a plain format, and pages list many spans.)
 */
export const span = (l: Lang, start: Date, end: Date, timeZone: string) =>
  zoned(
    `${format(l.lang, timeZone, 'full').format(start)} – ${
      sameDay(l, start, end, timeZone)
        ? format(l.lang, timeZone, 'time').format(end)
        : format(l.lang, timeZone, 'full').format(end)
    }`,
    timeZone,
  );

/** "11:00 – 11:30": times within a day whose date and zone are said nearby. */
/** "23:59": a time of day in a zone (the page says the date and the zone beside it). */
export const clock = (l: Lang, at: Date, timeZone: string) => format(l.lang, timeZone, 'time').format(at);

export const times = (l: Lang, start: Date, end: Date, timeZone: string) =>
  `${format(l.lang, timeZone, 'time').format(start)} – ${format(l.lang, timeZone, 'time').format(end)}`;

export const day = (l: Lang, at: Date, timeZone: string) => format(l.lang, timeZone, 'day').format(at);

/** An event's time as mail and announcements write it: "Thursday 10 June 2027, 12:00–13:30 (Europe/Berlin)". */
export function plainSpan(start: Date, end: Date, tz: string): string {
  const s = DateTime.fromJSDate(start, { zone: tz });
  const e = DateTime.fromJSDate(end, { zone: tz });
  return `${s.toFormat('cccc d LLLL yyyy, HH:mm')}–${e.toFormat('HH:mm')} (${tz})`;
}
