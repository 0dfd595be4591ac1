import type { DataSource } from 'typeorm';
import { RuleBroken } from '../../core/errors';
import { decodeCursor, pageOf } from '../../core/cursor';
import { esc } from '../../core/html';
import { Batcher } from '../../db/batch';
import { contentStamps, hits } from './search.queries';

export interface SearchFilters {
  q: string;
  community?: string;
  track?: string;
  /** talks given in this language only (a BCP 47 tag Brownbag ships) */
  language?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

// ts_headline marks matches with these two control characters; user text cannot hold them (the API
// refuses control characters in titles, and they are stripped from the snippet source), so after
// HTML-escaping the snippet they become <mark> and nothing else can.
const START = '\u0002';
const STOP = '\u0003';
export const snippetHtml = (h: string) => esc(h).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');

/**
 * The knowledge base: talks (accepted or confirmed — what a community actually puts on stage) found
 * by their title, speakers, abstract and published lesson, through talk_document's GIN index and
 * `websearch_to_tsquery` (which accepts anything a person types: quotes, OR, -minus, stray
 * punctuation, never a syntax error). Ranked with ts_rank over the weighted document; a title that
 * equals the query comes first. Results are the same for every reader, so pages are cacheable.
 */
export class SearchService {
  /** Search keys asked for in one turn go out together (a cached search's only round trip); '': across all. */
  readonly stamps: Batcher<string, string>;

  constructor(private readonly ds: DataSource) {
    this.stamps = new Batcher((slugs) => contentStamps(ds.manager, slugs));
  }

  /** A key that changes whenever anything a search (in `community`, or in all) can show changes. */
  async stamp(community?: string): Promise<string> {
    return this.stamps.one(community ?? ''); // '' (no slug is empty): across all
  }

  async search(f: SearchFilters) {
    if (f.from && f.to && f.to <= f.from) throw new RuleBroken('bad-range', '`to` must be after `from`.');
    const after = decodeCursor(f.cursor, ['number', 'number', 'string']);
    const rows = await hits(this.ds.manager, f, after as [number, number, string] | null, f.limit + 1);
    return pageOf(
      rows,
      f.limit,
      (r) => [r.exact ? 1 : 0, r.rank, r.id],
      (r) => ({
        proposalId: r.id,
        title: r.title,
        language: r.language,
        community: { slug: r.community_slug, name: r.community_name },
        format: r.format,
        track: r.track,
        startsAt: r.starts_at?.toISOString() ?? null,
        speakers: r.speakers,
        hasLesson: r.has_lesson,
        exactTitleMatch: r.exact,
        rank: r.rank,
        snippet: snippetHtml(r.headline),
      }),
    );
  }
}
