/**
 * The languages Brownbag speaks and how a reader's language is chosen: the person's own choice, else
 * the language picked with the page switch (a cookie, for readers not signed in), else the browser's
 * Accept-Language, else the community's default language, else English.
 */
import { compile, type Catalogue, type Messages as MessagesOf } from './catalogue';
import { en, type English } from './messages/en';
import { he } from './messages/he';
import { ru } from './messages/ru';
import { pl } from './messages/pl';
import { fi } from './messages/fi';

import { LANGUAGES, direction, isLanguage, type Language } from './languages';
import { PSEUDO, pseudoAsked, pseudoCatalogue, type Pseudo } from './pseudo';

export { LANGUAGES, direction, isLanguage, type Language };

export type { English };
export type Messages = MessagesOf<English>;

/** Translations by language; English is the source. A language appears here once its catalogue exists. */
export const TRANSLATIONS: Partial<Record<Language, Catalogue<English>>> = { he, ru, pl, fi };

/** The languages a reader can pick today (those with a catalogue). */
export const offered = (): Language[] => LANGUAGES.filter((l) => l === 'en' || TRANSLATIONS[l]);

/** A reader's language: one Brownbag speaks, or the test-only pseudo-locale (./pseudo.ts). */
export type ReaderLanguage = Language | Pseudo;

const compiled = new Map<ReaderLanguage, Messages>();
/** The compiled messages of a language (compiled once, on first use). */
export function messagesOf(lang: ReaderLanguage): Messages {
  let m = compiled.get(lang);
  if (!m)
    compiled.set(
      lang,
      (m = lang === PSEUDO ? compile(en, pseudoCatalogue(en), 'en') : compile(en, TRANSLATIONS[lang], lang)),
    );
  return m;
}

/** The languages an Accept-Language header asks for, best first (quality values honoured). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/** The cookie that keeps the language a reader not signed in picked with the page switch. */
export const LANGUAGE_COOKIE = 'lang';

/** What decides a reader's language, strongest first (a language not offered counts as none). */
export interface LanguageChoice {
  /** the signed-in person's own choice (person.language) */
  person?: string | null;
  /** the page switch's choice of a reader not signed in (the `lang` cookie) */
  switched?: string | null;
  acceptLanguage?: string;
  /** the default language of the community the page belongs to */
  community?: string | null;
}

const offeredOne = (l: string | null | undefined): l is Language => isLanguage(l) && offered().includes(l);

/**
 * The language a choice settles before the community's default is asked; null when that decides.
 * (In tests with BROWNBAG_PSEUDO_LOCALE=1, a browser asking for xx-pseudo gets the pseudo-locale first.)
 */
export function settledLanguage(choice: Omit<LanguageChoice, 'community'>): ReaderLanguage | null {
  if (pseudoAsked(choice.acceptLanguage)) return PSEUDO;
  if (offeredOne(choice.person)) return choice.person;
  if (offeredOne(choice.switched)) return choice.switched;
  return (acceptedLanguages(choice.acceptLanguage).find(offeredOne) as Language | undefined) ?? null;
}

/**
 * Whose language: the person's chosen one, else the page switch's (cookie), else the first offered
 * language the browser asks for, else the community's default, else English.
 */
export function chooseLanguage(choice: LanguageChoice): ReaderLanguage {
  return settledLanguage(choice) ?? (offeredOne(choice.community) ? choice.community : 'en');
}

/** A reader's language, its writing direction and its messages: what pages, mail and calendars render with. */
export interface Locale {
  lang: ReaderLanguage;
  dir: 'ltr' | 'rtl';
  m: Messages;
}

/** The locale of a language: its messages and its writing direction. */
export const localeOf = (lang: ReaderLanguage): Locale => ({ lang, dir: direction(lang), m: messagesOf(lang) });

/** A language's name in the reader's language ("Hebrew", "hébreu"), from Intl: no catalogue entry per language. */
export const languageName = (l: Locale, tag: string) =>
  new Intl.DisplayNames([l.lang], { type: 'language' }).of(tag) ?? tag;

const numbers = new Map<string, Intl.NumberFormat>();
/** A number in the reader's locale. */
export const num = (l: Locale, n: number, digits = 0) => {
  const key = `${l.lang}|${digits}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(l.lang, { maximumFractionDigits: digits })));
  return f.format(n);
};
