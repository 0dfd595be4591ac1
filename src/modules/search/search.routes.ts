import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { stamp } from '../../core/stamp';
import { Page, PageQuery, pageSize } from '../../http/pagination';
import { sendCachedJson, type RenderCaches } from '../../http/render-cache';
import { DateTime, Day, Key, Line, Nullable, Slug, Uuid } from '../../http/types';
import { LANGUAGES } from '../proposals/proposal.entity';
import type { SearchService } from './search.service';

/** Search pages are shorter than lists: a person reads the first few hits. */
const SEARCH_PAGE = 20;

const SearchQuery = Type.Object(
  {
    q: Line(300, { description: 'words, "a phrase", or, -not: web-search syntax' }),
    community: Type.Optional(Slug),
    track: Type.Optional(Key),
    language: Type.Optional(Type.Enum(LANGUAGES, { description: 'talks given in this language only' })),
    from: Type.Optional(Day()),
    to: Type.Optional(Day('YYYY-MM-DD, exclusive')),
    ...PageQuery,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: SEARCH_PAGE })),
  },
  { additionalProperties: false },
);
const Hit = Type.Object({
  proposalId: Uuid,
  title: Type.String(),
  language: Type.Enum(LANGUAGES),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  format: Type.String(),
  track: Nullable(Type.String()),
  startsAt: Nullable(DateTime),
  speakers: Type.Array(Type.String()),
  hasLesson: Type.Boolean({ description: 'a published lesson: GET /v1/proposals/{id}/lesson' }),
  exactTitleMatch: Type.Boolean(),
  rank: Type.Number(),
  snippet: Type.String({ description: 'HTML: the text is escaped, matches are wrapped in <mark>' }),
});

export const searchRoutes: FastifyPluginAsyncTypebox<{ search: SearchService; caches: RenderCaches }> = async (
  app,
  { search, caches },
) => {
  const cache = caches.cache('search');
  app.get(
    '/search',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Search talks and their published lessons: ranked, with highlighted snippets',
        querystring: SearchQuery,
        response: { 200: Page(Hit) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const key = stamp({
        content: await search.stamp(q.community),
        request: [q.q, q.community, q.track, q.language, q.from, q.to, pageSize(q, SEARCH_PAGE), q.cursor],
      });
      return sendCachedJson(reply, cache, key, () => search.search({ ...q, limit: pageSize(q, SEARCH_PAGE) }));
    },
  );
};
