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

/** A language's name in the reader's language ("Hebrew", "hébreu"), from Intl: no catalogue entry per language. */
export const languageName = (l: Locale, tag: string) =>
  new Intl.DisplayNames([l.lang], { type: 'language' }).of(tag) ?? tag;

// Dates and times are formatted in core/when.ts (pages, mail and announcements share it); the
// pages keep importing them from here.
export { day, span, times, when } from '../core/when';

const numbers = new Map<string, Intl.NumberFormat>();
export const num = (l: Locale, n: number, digits = 0) => {
  const key = `${l.lang}|${digits}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(l.lang, { maximumFractionDigits: digits })));
  return f.format(n);
};
