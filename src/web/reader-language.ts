/**
 * Whose language a page is in (core/i18n/locale.ts has the order): the signed-in person's choice
 * (carried by their credential, so no query), else the page switch's cookie, else Accept-Language,
 * else the default language of the community the page belongs to (a lookup kept for seconds, asked
 * only when nothing before it decided), else English. Settled once per request, before the handler.
 */
import type { FastifyRequest } from 'fastify';
import { chooseLanguage, LANGUAGE_COOKIE, settledLanguage } from '../core/i18n/locale';
import type { LanguageWhere } from '../modules/communities/communities.queries';
import { localeOf, type Locale } from './i18n';

declare module 'fastify' {
  interface FastifyRequest {
    /** the reader's locale, settled by the pages' onRequest hook (null before it, and outside pages) */
    locale: Locale | null;
  }
}

/** The language the reader or their browser settles, without asking the community (null: it decides). */
const settledOf = (req: FastifyRequest) =>
  settledLanguage({
    person: req.actor?.language,
    switched: req.cookies?.[LANGUAGE_COOKIE],
    acceptLanguage: req.headers['accept-language'],
  });

/** What a page route's community is found by: a slug parameter, or the id of an event, proposal, series or wish. */
const BY_SEGMENT: Record<string, LanguageWhere> = {
  events: 'event',
  proposals: 'proposal',
  talks: 'proposal',
  series: 'series',
  wishes: 'wish',
};
function communityOfRoute(req: FastifyRequest): { where: LanguageWhere; key: string } | null {
  const params = (req.params ?? {}) as Record<string, unknown>;
  if (typeof params.slug === 'string') return { where: 'slug', key: params.slug };
  const where = BY_SEGMENT[(req.routeOptions.url ?? '').split('/')[1] ?? ''];
  return where && typeof params.id === 'string' ? { where, key: params.id } : null;
}

/** The reader's locale for this request (asks the community's default only when nothing else decided). */
export async function readerLocale(req: FastifyRequest): Promise<Locale> {
  const settled = settledOf(req);
  if (settled) return localeOf(settled);
  const page = communityOfRoute(req);
  // An outage while asking leaves the page in English rather than failing it (the page says the rest).
  const community = page
    ? await req.server.services.communities.languageOf(page.where, page.key).catch(() => null)
    : null;
  return localeOf(chooseLanguage({ community }));
}

/** The locale of a request: the one the pages settled, else what the reader and their browser say. */
export const requestLocale = (req: FastifyRequest): Locale => req.locale ?? localeOf(settledOf(req) ?? 'en');
