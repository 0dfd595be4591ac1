/**
 * The languages Brownbag speaks and how a reader's language is chosen: the person's own choice, else
 * the browser's Accept-Language, else the community's default language, else English.
 */
import { compile, type Catalogue, type Messages as MessagesOf } from './catalogue';
import { en } from './messages/en';
import { he } from './messages/he';
import { ru } from './messages/ru';
import { pl } from './messages/pl';
import { fi } from './messages/fi';

import { LANGUAGES, isLanguage, type Language } from './languages';
import { PSEUDO, pseudoAsked, pseudoCatalogue, type Pseudo } from './pseudo';

export { LANGUAGES, isLanguage, type Language };

export type English = typeof en;
export type Messages = MessagesOf<English>;

/** Translations by language; English is the source. A language appears here once its catalogue exists. */
export const TRANSLATIONS: Partial<Record<Language, Catalogue<English>>> = { he, ru, pl, fi };

const RTL = new Set<string>(['he', 'ar', 'fa', 'ur']);
export const direction = (lang: string): 'ltr' | 'rtl' => (RTL.has(lang) ? 'rtl' : 'ltr');

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

/**
 * Whose language: the person's chosen one, else the first offered language the browser asks for,
 * else the community's default, else English. (In tests with BROWNBAG_PSEUDO_LOCALE=1, a browser
 * asking for xx-pseudo gets the pseudo-locale before anything else.)
 */
export function chooseLanguage(choice: {
  person?: string | null;
  acceptLanguage?: string;
  community?: string | null;
}): ReaderLanguage {
  if (pseudoAsked(choice.acceptLanguage)) return PSEUDO;
  const have = offered();
  const ok = (l: string | null | undefined): l is Language => isLanguage(l) && have.includes(l);
  if (ok(choice.person)) return choice.person;
  const asked = acceptedLanguages(choice.acceptLanguage).find(ok);
  if (asked) return asked as Language;
  if (ok(choice.community)) return choice.community;
  return 'en';
}
