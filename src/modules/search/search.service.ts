import type { DataSource } from 'typeorm';
import { sql } from '../../db/sql';
import { RuleBroken } from '../../http/errors';
import { decodeCursor, pageOf } from '../../http/pagination';

export interface SearchFilters { q: string; community?: string; track?: string; from?: string; to?: string; limit: number; cursor?: string }
interface Hit {
  id: string; title: string; community_slug: string; community_name: string; format: string; track: string | null; starts_at: Date | null;
  speakers: string[]; has_lesson: boolean; exact: boolean; rank: number; headline: string;
}

// ts_headline marks matches with these two control characters; user text cannot hold them (the API
// refuses control characters in titles, and they are stripped from the snippet source), so after
// HTML-escaping the snippet they become <mark> and nothing else can.
const START = '\u0002';
const STOP = '\u0003';
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const snippetHtml = (h: string) => esc(h).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');

/**
 * The knowledge base: talks (accepted or confirmed — what a community actually puts on stage) found
 * by their title, speakers, abstract and published lesson, through talk_document's GIN index and
 * `websearch_to_tsquery` (which accepts anything a person types: quotes, OR, -minus, stray
 * punctuation, never a syntax error). Ranked with ts_rank over the weighted document; a title that
 * equals the query comes first. Results are the same for every reader, so pages are cacheable.
 */
export class SearchService {
  constructor(private readonly ds: DataSource) {}

  /** A key that changes whenever anything search shows changes: the sum of the communities' content versions. */
  async stamp(): Promise<string> {
    const [r] = await sql<{ v: string }>(this.ds.manager, `SELECT coalesce(sum(list_version), 0)::text || '.' || count(*) AS v FROM community`, []);
    return r.v;
  }

  async search(f: SearchFilters) {
    if (f.from && f.to && f.to <= f.from) throw new RuleBroken('bad-range', '`to` must be after `from`.');
    const after = decodeCursor(f.cursor, ['number', 'number', 'string']);
    const rows = await sql<Hit>(this.ds.manager, `
      WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
      hits AS (
        SELECT p.id, p.title, c.slug AS community_slug, c.name AS community_name, c.time_zone, fo.key AS format, tr.key AS track, s.starts_at,
               lower(btrim(p.title)) = lower(btrim($1)) AS exact, ts_rank(d.document, q.query) AS rank, p.abstract
          FROM q, talk_document d JOIN proposal p ON p.id = d.proposal_id JOIN community c ON c.id = p.community_id
          JOIN call_format fo ON fo.id = p.format_id LEFT JOIN call_track tr ON tr.id = p.track_id LEFT JOIN slot s ON s.proposal_id = p.id
         WHERE d.document @@ q.query AND p.state IN ('accepted', 'confirmed')
           AND ($2::text IS NULL OR c.slug = $2) AND ($3::text IS NULL OR tr.key = $3)
           AND ($4::date IS NULL OR s.starts_at >= ($4::date::timestamp AT TIME ZONE c.time_zone))
           AND ($5::date IS NULL OR s.starts_at < ($5::date::timestamp AT TIME ZONE c.time_zone))
      ), page AS (
        SELECT * FROM hits
         WHERE $6::int IS NULL OR (exact::int, rank, id) < ($6::int, $7::real, $8::uuid)
         ORDER BY exact DESC, rank DESC, id DESC LIMIT $9
      )
      SELECT page.id, page.title, page.community_slug, page.community_name, page.format, page.track, page.starts_at, page.exact, page.rank,
             ARRAY(SELECT pe.name FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE ps.proposal_id = page.id ORDER BY ps.position) AS speakers,
             l.proposal_id IS NOT NULL AS has_lesson,
             ts_headline('english', translate(concat_ws(E'\\n', page.abstract, array_to_string(ARRAY(SELECT jsonb_array_elements_text(l.takeaways)), E'\\n'),
                                                      l.went_well, l.to_change, l.notes), E'\\u0002\\u0003', ''),
                         q.query, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS headline
        FROM page CROSS JOIN q LEFT JOIN lesson l ON l.proposal_id = page.id AND l.status = 'published'
       ORDER BY page.exact DESC, page.rank DESC, page.id DESC`,
    [f.q, f.community ?? null, f.track ?? null, f.from ?? null, f.to ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, f.limit + 1]);
    return pageOf(rows, f.limit, (r) => [r.exact ? 1 : 0, r.rank, r.id], (r) => ({
      proposalId: r.id, title: r.title, community: { slug: r.community_slug, name: r.community_name }, format: r.format, track: r.track,
      startsAt: r.starts_at?.toISOString() ?? null, speakers: r.speakers, hasLesson: r.has_lesson, exactTitleMatch: r.exact, rank: r.rank,
      snippet: snippetHtml(r.headline),
    }));
  }
}
