/**
 * The pages' language: the locale (core/i18n/locale.ts: messages, `lang`, `dir`), and dates, times and
 * numbers through Intl (core/when.ts), so a translation touches no template. Pages import them from here.
 */
import { chooseLanguage } from '../core/i18n/locale';
import { localeOf, type Locale } from '../core/i18n/locale';

export { languageName, localeOf, num, type Locale, type Messages } from '../core/i18n/locale';
export { clock, day, localInput, span, times, when } from '../core/when';

/** The best offered language for an Accept-Language header (see chooseLanguage for the whole order). */
export const localeFor = (acceptLanguage: string | undefined): Locale => localeOf(chooseLanguage({ acceptLanguage }));

/** Making an Intl.DisplayNames on every page was a twentieth of a page's miss (issue #30). */
const ownNames = new Map<string, string>();

/** A language's name in itself ("עברית", "suomi"), as a language switch lists it. */
export function ownName(tag: string): string {
  let own = ownNames.get(tag);
  if (own === undefined) {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    own = name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
    if (ownNames.size < 100) ownNames.set(tag, own); // the offered languages, and few others
  }
  return own;
}
