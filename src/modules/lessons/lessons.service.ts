import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import type { LessonStatus, Resource } from './lesson.entity';
import { type ExportedLesson, lessonsMarkdown } from './lessons-markdown';
import { RuleBroken } from '../../core/errors';
import { decodeCursor, pageOf } from '../../core/cursor';
import { speakerNames, speakersOf } from '../../db/fragments';

export interface LessonInput {
  takeaways: string[];
  wentWell?: string;
  toChange?: string;
  resources?: Resource[];
  notes?: string;
  status: LessonStatus;
}

interface TalkFacts {
  community_id: string;
  title: string;
  slug: string;
  ends_at: Date | null;
  starts_at: Date | null;
  speaker: boolean;
  retrospective_visibility: 'organizers' | 'everyone';
}
interface Named {
  id: string;
  name: string;
}
export interface LessonRow {
  status: LessonStatus | null;
  takeaways: string[];
  went_well: string;
  to_change: string;
  resources: Resource[];
  notes: string;
  published_at: Date | null;
  writer: Named | null;
  retrospective: string | null;
  retrospective_author: Named | null;
  retrospective_at: Date | null;
  version: number;
  updated_at: Date;
}
export interface LessonView {
  proposalId: string;
  talk: TalkFacts;
  speakers: Named[];
  row: LessonRow | null;
  seesSummary: boolean;
  seesRetrospective: boolean;
}

const LESSON_COLUMNS = `l.status, l.takeaways, l.went_well, l.to_change, l.resources, l.notes, l.published_at, l.version, l.updated_at,
  l.retrospective, l.retrospective_at,
  (SELECT json_build_object('id', w.id, 'name', w.name) FROM person w WHERE w.id = l.written_by) AS writer,
  (SELECT json_build_object('id', r.id, 'name', r.name) FROM person r WHERE r.id = l.retrospective_by) AS retrospective_author`;

/**
 * "What did you learn?": the speakers' summary of a talk and the organizers' retrospective, one row
 * per talk. Summaries are written once the talk is over, by its speakers; a published summary is
 * for everyone (and the knowledge base), a draft for its speakers and the organizers. The
 * retrospective is the organizers', shown to everyone only when the community says so.
 */
export class LessonsService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async get(actor: Actor, proposalId: string): Promise<LessonView> {
    const view = await this.view(actor, proposalId, this.ds.manager);
    const hasSummary = !!view.row?.status && view.seesSummary;
    const hasRetro = !!view.row?.retrospective && view.seesRetrospective;
    if (!hasSummary && !hasRetro) throw new NotFound('A lesson for this talk');
    return view;
  }

  async write(
    actor: Actor,
    proposalId: string,
    input: LessonInput,
    expected?: number,
  ): Promise<{ view: LessonView; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(m, proposalId, actor.id);
      authorize({ actor, own: t.speaker }, 'lesson.write');
      this.over(t);
      const rows = await sql<{ inserted: boolean }>(
        m,
        `INSERT INTO lesson AS l (proposal_id, community_id, takeaways, went_well, to_change, resources, notes, status, published_at, written_by)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8::lesson_status, CASE WHEN $8 = 'published' THEN now() END, $9)
         ON CONFLICT (proposal_id) DO UPDATE SET takeaways = EXCLUDED.takeaways, went_well = EXCLUDED.went_well, to_change = EXCLUDED.to_change,
           resources = EXCLUDED.resources, notes = EXCLUDED.notes, status = EXCLUDED.status, written_by = EXCLUDED.written_by,
           published_at = CASE WHEN EXCLUDED.status = 'published' THEN coalesce(l.published_at, now()) END,
           version = l.version + 1, updated_at = now()
         WHERE $10::int IS NULL OR l.version = $10
         RETURNING (xmax = 0) AS inserted`,
        [
          proposalId,
          t.community_id,
          JSON.stringify(input.takeaways),
          input.wentWell ?? '',
          input.toChange ?? '',
          JSON.stringify(input.resources ?? []),
          input.notes ?? '',
          input.status,
          actor.id,
          expected ?? null,
        ],
      );
      if (!rows.length) throw new PreconditionFailed();
      return { view: await this.view(actor, proposalId, m), created: rows[0].inserted };
    });
  }

  /** The organizers' retrospective; an empty text removes it. */
  async retrospective(actor: Actor, proposalId: string, text: string, expected?: number): Promise<LessonView> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(m, proposalId, actor.id);
      const a = await this.communities.accessById(actor, t.community_id, m);
      authorize(a, 'retrospective.write');
      this.over(t);
      const value = text.trim() ? text : null;
      const rows = await sql<{ version: number }>(
        m,
        `INSERT INTO lesson AS l (proposal_id, community_id, retrospective, retrospective_by, retrospective_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $3::text IS NOT NULL THEN now() END)
         ON CONFLICT (proposal_id) DO UPDATE SET retrospective = EXCLUDED.retrospective, retrospective_by = EXCLUDED.retrospective_by,
           retrospective_at = EXCLUDED.retrospective_at, version = l.version + 1, updated_at = now()
         WHERE $5::int IS NULL OR l.version = $5
         RETURNING version`,
        [proposalId, t.community_id, value, value ? actor.id : null, expected ?? null],
      );
      if (!rows.length) throw new PreconditionFailed();
      return this.view(actor, proposalId, m);
    });
  }

  /** A community's published lessons, the most recent talk first (browsing the knowledge base without a query). */
  async list(actor: Actor, slug: string, limit: number, cursor?: string) {
    const a = await this.communities.access(actor, slug);
    const after = decodeCursor(cursor, ['string', 'string']);
    const rows = await sql<{
      proposal_id: string;
      title: string;
      starts_at: Date;
      speakers: string[];
      takeaways: string[];
      resources: Resource[];
      published_at: Date;
    }>(
      this.ds.manager,
      `SELECT l.proposal_id, p.title, s.starts_at, l.takeaways, l.resources, l.published_at,
              ${speakerNames('p.id')} AS speakers
         FROM lesson l JOIN proposal p ON p.id = l.proposal_id JOIN slot s ON s.proposal_id = p.id
        WHERE l.community_id = $1 AND l.status = 'published' AND p.state IN ('accepted', 'confirmed')
          AND ($2::timestamptz IS NULL OR (s.starts_at, l.proposal_id) < ($2::timestamptz, $3::uuid))
        ORDER BY s.starts_at DESC, l.proposal_id DESC LIMIT $4`,
      [a.community.id, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return pageOf(
      rows,
      limit,
      (r) => [r.starts_at.toISOString(), r.proposal_id],
      (r) => ({
        proposalId: r.proposal_id,
        title: r.title,
        speakers: r.speakers,
        startsAt: r.starts_at.toISOString(),
        takeaways: r.takeaways,
        resources: r.resources,
        publishedAt: r.published_at.toISOString(),
      }),
    );
  }

  /** Published lessons of talks given in [from, to) (dates in the community's time zone), as Markdown. */
  async markdown(actor: Actor, slug: string, from: string, to: string): Promise<string> {
    if (to <= from) throw new RuleBroken('bad-range', '`to` must be after `from`.');
    const a = await this.communities.access(actor, slug);
    const tz = a.community.timeZone;
    const retro = can(a, 'retrospective.read');
    const rows = await sql<ExportedLesson>(
      this.ds.manager,
      `SELECT p.title, s.starts_at, e.title AS event, l.takeaways, l.went_well, l.to_change, l.resources, l.notes,
              CASE WHEN $5 THEN l.retrospective END AS retrospective,
              ${speakerNames('p.id')} AS speakers
         FROM lesson l JOIN proposal p ON p.id = l.proposal_id JOIN slot s ON s.proposal_id = p.id JOIN event e ON e.id = s.event_id
        WHERE l.community_id = $1 AND l.status = 'published' AND p.state IN ('accepted', 'confirmed')
          AND s.starts_at >= ($2::date::timestamp AT TIME ZONE $4) AND s.starts_at < ($3::date::timestamp AT TIME ZONE $4)
        ORDER BY s.starts_at, p.id`,
      [a.community.id, from, to, tz, retro],
    );
    return lessonsMarkdown(a.community.name, tz, from, to, rows);
  }

  private over(t: TalkFacts) {
    if (!t.ends_at || t.ends_at.getTime() > Date.now())
      throw new Conflict('talk-not-over', 'Lessons are written once the talk is over.');
  }

  private async view(actor: Actor, proposalId: string, m: EntityManager): Promise<LessonView> {
    const t = await this.facts(m, proposalId, actor.id);
    const a = await this.communities.accessById(actor, t.community_id, m);
    const subject = { ...a, own: t.speaker };
    const [row] = await sql<LessonRow>(m, `SELECT ${LESSON_COLUMNS} FROM lesson l WHERE l.proposal_id = $1`, [
      proposalId,
    ]);
    const speakers = await speakersOf(m, proposalId);
    return {
      proposalId,
      talk: t,
      speakers,
      row: row ?? null,
      seesSummary: row?.status === 'published' || can(subject, 'lesson.read-draft'),
      seesRetrospective: can(subject, 'retrospective.read'),
    };
  }

  private async facts(m: EntityManager, proposalId: string, personId: string): Promise<TalkFacts> {
    const [t] = await sql<TalkFacts>(
      m,
      `SELECT p.community_id, p.title, c.slug, c.retrospective_visibility, s.starts_at, s.ends_at,
              EXISTS (SELECT 1 FROM proposal_speaker ps WHERE ps.proposal_id = p.id AND ps.person_id = $2) AS speaker
         FROM proposal p JOIN community c ON c.id = p.community_id LEFT JOIN slot s ON s.proposal_id = p.id
        WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [proposalId, personId],
    );
    if (!t) throw new NotFound('The talk');
    return t;
  }
}
