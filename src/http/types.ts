/** Schema building blocks shared by every module. */
import { Type } from 'typebox';
import { LANGUAGES } from '../core/i18n/languages';

/** One line of user text: no control characters (so no CRLF can reach a header), not blank. */
export const Line = (maxLength: number, extra: Record<string, unknown> = {}) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u001f\\u007f]*[^\\s][^\\u0000-\\u001f\\u007f]*$',
    ...extra,
  });

/** Free text: any characters but NUL, which PostgreSQL cannot store. */
export const Text = (maxLength: number, extra: Record<string, unknown> = {}) =>
  Type.String({ maxLength, pattern: '^[^\\u0000]*$', ...extra });

export const Email = Type.String({ format: 'email', maxLength: 320, description: 'compared case-insensitively' });
export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
/** A calendar day, YYYY-MM-DD (periods are read in the community's time zone). */
export const Day = (description = 'YYYY-MM-DD, in the community time zone') =>
  Type.String({ format: 'date', description });
export const Slug = Type.String({ pattern: '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$', minLength: 1, maxLength: 64 });
export const Key = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,39}$',
  description: 'lower-case letters, digits and dashes',
});
/** A language of pages and mail (BCP 47): one Brownbag speaks. */
export const LanguageTag = (description = 'a language Brownbag speaks (BCP 47)') =>
  Type.Enum(LANGUAGES, { description });
export const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid });
export const SlugParams = Type.Object({ slug: Slug });
export const NoContent = Type.Null({ description: 'No content' });
