/**
 * The pages' language: the message catalogue, the document's `lang` and `dir`, and dates, times and
 * numbers through Intl, so a translation touches no template.
 */
import { en, type Messages } from './messages/en';

export interface Locale {
  lang: string;
  dir: 'ltr' | 'rtl';
  m: Messages;
}

const CATALOGUES: Record<string, Messages> = { en };
const RTL = new Set(['he', 'ar', 'fa', 'ur']);

/** The best catalogue for an Accept-Language header (English until others exist). */
export function localeFor(acceptLanguage: string | undefined): Locale {
  const wanted = (acceptLanguage ?? '').split(',').map((p) => p.split(';')[0].trim().toLowerCase().split('-')[0]);
  const lang = wanted.find((l) => CATALOGUES[l]) ?? 'en';
  return { lang, dir: RTL.has(lang) ? 'rtl' : 'ltr', m: CATALOGUES[lang] };
}

/** The zone's own name beside the short offset Intl prints (GMT+1 alone does not say Berlin). */
const zoned = (text: string, timeZone: string) => (timeZone === 'UTC' ? text : `${text} (${timeZone})`);

/** "Thu, Jun 10, 2027, 12:00 PM GMT+2 (Europe/Berlin)": a moment in a time zone, the zone named. */
export function when(l: Locale, at: Date, timeZone: string): string {
  return zoned(
    new Intl.DateTimeFormat(l.lang, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(at),
    timeZone,
  );
}

/** "12:00–13:00 CEST" or the full range when it spans days. */
export function span(l: Locale, start: Date, end: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat(l.lang, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  return zoned(f.formatRange(start, end), timeZone);
}

/** "11:00 – 11:30 AM": times within a day whose date and zone are said nearby. */
export const times = (l: Locale, start: Date, end: Date, timeZone: string) =>
  new Intl.DateTimeFormat(l.lang, { hour: '2-digit', minute: '2-digit', timeZone }).formatRange(start, end);

export const day = (l: Locale, at: Date, timeZone: string) =>
  new Intl.DateTimeFormat(l.lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(at);

export const num = (l: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(l.lang, { maximumFractionDigits: digits }).format(n);
