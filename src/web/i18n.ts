/**
 * The pages' language: the locale (core/i18n/locale.ts: messages, `lang`, `dir`), and dates, times and
 * numbers through Intl (core/when.ts), so a translation touches no template. Pages import them from here.
 */
import { chooseLanguage } from '../core/i18n/locale';
import { localeOf, type Locale } from '../core/i18n/locale';

export { languageName, localeOf, num, type Locale, type Messages } from '../core/i18n/locale';
export { clock, day, span, times, when } from '../core/when';

/** The best offered language for an Accept-Language header (see chooseLanguage for the whole order). */
export const localeFor = (acceptLanguage: string | undefined): Locale => localeOf(chooseLanguage({ acceptLanguage }));

/** A language's name in itself ("עברית", "suomi"), as a language switch lists it. */
export function ownName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
