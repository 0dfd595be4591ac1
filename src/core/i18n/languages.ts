/** The languages Brownbag speaks (BCP 47): its catalogues, a person's or a community's language, a talk's. */
export const LANGUAGES = ['en', 'he', 'ru', 'pl', 'fi'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

const RTL = new Set<string>(['he', 'ar', 'fa', 'ur']);
/** The writing direction of a language. */
export const direction = (lang: string): 'ltr' | 'rtl' => (RTL.has(lang) ? 'rtl' : 'ltr');
