/**
 * The pages' language: the message catalogue, the document's `lang` and `dir`, and dates, times and
 * numbers through Intl, so a translation touches no template.
 */
import { chooseLanguage, direction, messagesOf, type Messages, type ReaderLanguage } from '../core/i18n/locale';

export type { Messages };

export interface Locale {
  lang: ReaderLanguage;
  dir: 'ltr' | 'rtl';
  m: Messages;
}

/** The locale of a language: its messages and its writing direction. */
export const localeOf = (lang: ReaderLanguage): Locale => ({ lang, dir: direction(lang), m: messagesOf(lang) });

/** The best offered language for an Accept-Language header (see chooseLanguage for the whole order). */
export const localeFor = (acceptLanguage: string | undefined): Locale => localeOf(chooseLanguage({ acceptLanguage }));

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
