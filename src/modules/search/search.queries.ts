import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { speakerNames } from '../../db/fragments';
import { STAMP_SUMS } from '../communities/communities.queries';

/**
 * The knowledge-base query. Each talk is indexed in its own language's text-search configuration
 * (`talk_search_config`: english, russian, finnish; `brownbag_simple` with unaccent for Hebrew and
 * Polish), so the text is parsed once per language the knowledge base holds and each talk is matched
 * by the query of its language. $1 the text as typed, $2 community slug, $3 track key, $4/$5 from/to
 * dates (talk start, community time zone), $6–$8 the cursor (exact, rank, id), $9 page size + 1, $10 the talk language.
 * Ranks every match reading talk_document alone (it carries copies of the filter columns), then
 * joins the rest and makes snippets for the page alone: with a common word matching half the
 * knowledge base, the wide joins and ts_headline were most of the time.
 */
export const SEARCH_SQL = `
  WITH q AS MATERIALIZED (
    SELECT l.language, websearch_to_tsquery(talk_search_config(l.language), $1) AS query
      FROM unnest(enum_range(NULL::talk_language)) AS l(language)
     WHERE ($10::talk_language IS NULL OR l.language = $10)
       AND EXISTS (SELECT 1 FROM talk_document d WHERE d.language = l.language)
  ),
  hits AS (
    SELECT d.proposal_id AS id, d.language, d.title_key = lower(btrim($1)) AS exact, ts_rank(d.document, q.query) AS rank
      FROM q JOIN talk_document d ON d.document @@ q.query AND d.language = q.language
     WHERE ($2::text IS NULL OR d.community_id = (SELECT id FROM community WHERE slug = $2))
       AND ($3::text IS NULL OR d.track_id IN (SELECT id FROM call_track WHERE key = $3))
       AND (($4::date IS NULL AND $5::date IS NULL) OR EXISTS (
             SELECT 1 FROM slot s JOIN community c ON c.id = d.community_id
              WHERE s.proposal_id = d.proposal_id
                AND ($4::date IS NULL OR s.starts_at >= ($4::date::timestamp AT TIME ZONE c.time_zone))
                AND ($5::date IS NULL OR s.starts_at < ($5::date::timestamp AT TIME ZONE c.time_zone))))
  ), page AS (
    SELECT * FROM hits
     WHERE $6::int IS NULL OR (exact::int, rank, id) < ($6::int, $7::real, $8::uuid)
     ORDER BY exact DESC, rank DESC, id DESC LIMIT $9
  )
  SELECT page.id, p.title, p.language, c.slug AS community_slug, c.name AS community_name, fo.key AS format, tr.key AS track, s.starts_at, page.exact, page.rank,
         ${speakerNames('page.id')} AS speakers,
         l.proposal_id IS NOT NULL AS has_lesson,
         ts_headline(talk_search_config(page.language), translate(concat_ws(E'\\n', p.abstract, array_to_string(ARRAY(SELECT jsonb_array_elements_text(l.takeaways)), E'\\n'),
                                                  l.went_well, l.to_change, l.notes), E'\\u0002\\u0003', ''),
                     q.query, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS headline
    FROM page JOIN q ON q.language = page.language JOIN proposal p ON p.id = page.id JOIN community c ON c.id = p.community_id JOIN call_format fo ON fo.id = p.format_id
    LEFT JOIN call_track tr ON tr.id = p.track_id LEFT JOIN slot s ON s.proposal_id = p.id
    LEFT JOIN lesson l ON l.proposal_id = page.id AND l.status = 'published'
   ORDER BY page.exact DESC, page.rank DESC, page.id DESC`;

export interface Hit {
  id: string;
  title: string;
  language: string;
  community_slug: string;
  community_name: string;
  format: string;
  track: string | null;
  starts_at: Date | null;
  speakers: string[];
  has_lesson: boolean;
  exact: boolean;
  rank: number;
  headline: string;
}

/** One page of hits for the text and filters, after the cursor (exact, rank, id). */
export const hits = (
  m: EntityManager,
  f: { q: string; community?: string; track?: string; from?: string; to?: string; language?: string },
  after: [number, number, string] | null,
  limit: number,
) =>
  sql<Hit>(m, SEARCH_SQL, [
    f.q,
    f.community ?? null,
    f.track ?? null,
    f.from ?? null,
    f.to ?? null,
    after?.[0] ?? null,
    after?.[1] ?? null,
    after?.[2] ?? null,
    limit,
    f.language ?? null,
  ]);

/**
 * A key that changes whenever anything a search can show changes: talks that are or were accepted,
 * their speakers and lessons, and communities' names — the public version (CommunityStamp) and the
 * settings version. Within one community (`slug`): that community's alone (a write elsewhere cannot
 * change its answers); across all of them: the sums over every community, and which they are. A
 * submission, a review or a task moves neither, so it empties no search. For any number of searches
 * at once ('': across all communities): one statement for those within communities, one across (db/batch.ts).
 */
export async function contentStamps(m: EntityManager, slugs: string[]): Promise<string[]> {
  const some = [...new Set(slugs.filter((s) => s !== ''))];
  const [within, across] = await Promise.all([
    some.length
      ? sql<{ slug: string; v: string }>(
          m,
          `SELECT k.slug, coalesce('c' || c.id || '.' || c.version || '.' || st.public_n, 'none') AS v
             FROM unnest($1::text[]) AS k(slug) LEFT JOIN community c ON c.slug = k.slug
             ${STAMP_SUMS}`,
          [some],
        )
      : [],
    slugs.includes('')
      ? sql<{ v: string }>(
          m,
          // The ids too: a sum can come back to a value it had after a community is deleted (its stamps go with it).
          `SELECT (SELECT coalesce(sum(public_n), 0) FROM community_stamp)::text || '.' ||
                  (SELECT count(*) || '.' || coalesce(sum(version), 0) || '.' || md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) FROM community) AS v`,
        )
      : [],
  ]);
  const bySlug = new Map(within.map((r) => [r.slug, r.v]));
  return slugs.map((s) => (s === '' ? across[0].v : bySlug.get(s)!));
}
