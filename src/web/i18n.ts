/**
 * The pages' language: the message catalogue, the document's `lang` and `dir`, and dates, times and
 * numbers through Intl, so a translation touches no template.
 */
import { chooseLanguage, direction, messagesOf, type Language, type Messages } from '../core/i18n/locale';

export type { Messages };

export interface Locale {
  lang: Language;
  dir: 'ltr' | 'rtl';
  m: Messages;
}

/** The locale of a language: its messages and its writing direction. */
export const localeOf = (lang: Language): Locale => ({ lang, dir: direction(lang), m: messagesOf(lang) });

/** The best offered language for an Accept-Language header (see chooseLanguage for the whole order). */
export const localeFor = (acceptLanguage: string | undefined): Locale => localeOf(chooseLanguage({ acceptLanguage }));

/** A language's name in itself ("עברית", "suomi"), as a language switch lists it. */
export function ownName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** A language's name in the reader's language ("Hebrew", "hébreu"), from Intl: no catalogue entry per language. */
export const languageName = (l: Locale, tag: string) =>
  new Intl.DisplayNames([l.lang], { type: 'language' }).of(tag) ?? tag;

/** Bidi isolation (FSI … PDI) of a Latin piece inside right-to-left text, so it keeps its own order. */
const isolate = (l: Locale, text: string) => (l.dir === 'rtl' ? `\u2068${text}\u2069` : text);

/** The zone's own name beside the short offset Intl prints (GMT+1 alone does not say Berlin). */
const zoned = (l: Locale, text: string, timeZone: string) =>
  timeZone === 'UTC' ? text : `${text} ${isolate(l, `(${timeZone})`)}`;

/** A moment as the shape says, the zone's offset ("GMT+2") isolated in right-to-left text. */
const formatted = (l: Locale, at: Date, timeZone: string, shape: 'full' | 'day' | 'time') => {
  const f = format(l.lang, timeZone, shape);
  if (l.dir === 'ltr') return f.format(at);
  return f
    .formatToParts(at)
    .map((p) => (p.type === 'timeZoneName' ? isolate(l, p.value) : p.value))
    .join('');
};

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
export const when = (l: Locale, at: Date, timeZone: string) => zoned(l, formatted(l, at, timeZone, 'full'), timeZone);

const sameDay = (l: Locale, a: Date, b: Date, timeZone: string) =>
  format(l.lang, timeZone, 'day').format(a) === format(l.lang, timeZone, 'day').format(b);

/**
 * A span of time in a zone, the zone named; the date once when it is one day. (Not formatRange:
 * ICU's range formatting costs ten times a plain format, and pages list many spans.)
 */
export const span = (l: Locale, start: Date, end: Date, timeZone: string) =>
  zoned(
    l,
    `${formatted(l, start, timeZone, 'full')} – ${
      sameDay(l, start, end, timeZone) ? formatted(l, end, timeZone, 'time') : formatted(l, end, timeZone, 'full')
    }`,
    timeZone,
  );

/** "11:00 – 11:30": times within a day whose date and zone are said nearby. */
export const times = (l: Locale, start: Date, end: Date, timeZone: string) =>
  `${format(l.lang, timeZone, 'time').format(start)} – ${format(l.lang, timeZone, 'time').format(end)}`;

export const day = (l: Locale, at: Date, timeZone: string) => format(l.lang, timeZone, 'day').format(at);

const numbers = new Map<string, Intl.NumberFormat>();
export const num = (l: Locale, n: number, digits = 0) => {
  const key = `${l.lang}|${digits}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(l.lang, { maximumFractionDigits: digits })));
  return f.format(n);
};
