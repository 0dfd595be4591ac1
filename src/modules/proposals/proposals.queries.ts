/** The proposals module's SQL: the proposal read (one statement with speakers, score and checklist), lists, history. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { overdueSql, speakerNames } from '../../db/fragments';
import { MAIL_ATTEMPTS, TASKS } from '../../queue/queue';
import type { Cursor } from '../../core/cursor';
import type { Language, Level } from './proposal.entity';
import type { ProposalState } from './state-machine';
import type { Sight } from './visibility';
import type { Role } from '../../core/policy';
import type { Community } from '../communities/community.entity';
import { COMMUNITY_COLUMNS, STAMP_SUMS, type Versions } from '../communities/communities.queries';
import type { ResolvedCallRow } from '../cfp/cfp.queries';

export interface SpeakerRow {
  id: string;
  name: string;
  email: string;
  department: string | null;
  is_primary: boolean;
}
export interface ProposalRow {
  id: string;
  community_id: string;
  slug: string;
  call_id: string;
  title: string;
  abstract: string;
  level: Level;
  language: Language;
  notes: string;
  state: ProposalState;
  version: number;
  review_count: number;
  review_mean: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  created_key: string;
  format_key: string;
  format_name: string;
  duration_minutes: number;
  track_key: string | null;
  track_name: string | null;
  mine: boolean;
  my_score: number | null;
  speakers: SpeakerRow[];
  /** Asked to co-speak, not answered yet. */
  invited: SpeakerRow[] | null;
  /** The reader is one of them. */
  invited_me: boolean;
  checklist: { done: number; total: number; overdue: number };
}
/** `speakers` is null when blind review hides them from the viewer. */
export interface ProposalView {
  row: ProposalRow;
  sight: Sight;
  speakers: SpeakerRow[] | null;
  /** Asked to co-speak and not answered yet; null when blind review hides speakers. */
  invited: SpeakerRow[] | null;
}

export const SORTS = ['-createdAt', 'createdAt', '-meanScore', 'meanScore', '-reviewCount', 'reviewCount'] as const;
export type Sort = (typeof SORTS)[number];

/** A proposal row's own columns, with its community's slug and its format and track (p, c, f, t). */
const COLUMNS = `p.id, p.community_id, c.slug, p.call_id, p.title, p.abstract, p.level, p.language, p.notes, p.state, p.version,
  p.review_count, p.review_mean, p.created_by, p.created_at, p.updated_at, p.submitted_at, p.created_at::text AS created_key,
  f.key AS format_key, f.name AS format_name, f.duration_minutes, t.key AS track_key, t.name AS track_name`;

/** `$1` is the reader (for "mine" and their own score). */
const SELECT = `
  SELECT ${COLUMNS},
         (p.created_by = $1 OR EXISTS (SELECT 1 FROM proposal_speaker ms WHERE ms.proposal_id = p.id AND ms.person_id = $1)) AS mine,
         r.score AS my_score,
         (SELECT json_agg(json_build_object('id', sp.id, 'name', sp.name, 'email', sp.email, 'department', sp.department, 'is_primary', s.is_primary) ORDER BY s.position)
            FROM proposal_speaker s JOIN person sp ON sp.id = s.person_id WHERE s.proposal_id = p.id) AS speakers,
         (SELECT json_agg(json_build_object('id', ip.id, 'name', ip.name, 'email', ip.email, 'department', ip.department, 'is_primary', false) ORDER BY i.position)
            FROM co_speaker_invitation i JOIN person ip ON ip.id = i.person_id WHERE i.proposal_id = p.id) AS invited,
         EXISTS (SELECT 1 FROM co_speaker_invitation mi WHERE mi.proposal_id = p.id AND mi.person_id = $1) AS invited_me,
         (SELECT json_build_object('done', count(*) FILTER (WHERE ct.status = 'done'), 'total', count(*) FILTER (WHERE ct.status <> 'skipped'),
                                   'overdue', count(*) FILTER (WHERE ${overdueSql('ct')}))
            FROM task ct WHERE ct.proposal_id = p.id) AS checklist
    FROM proposal p
    JOIN community c ON c.id = p.community_id
    JOIN call_format f ON f.id = p.format_id
    LEFT JOIN call_track t ON t.id = p.track_id
    LEFT JOIN review r ON r.proposal_id = p.id AND r.reviewer_id = $1`;

export const SORT_SQL: Record<
  Sort,
  { col: string; dir: 'ASC' | 'DESC'; key: (r: ProposalRow) => Cursor; type: 'string' | 'number' }
> = {
  '-createdAt': { col: 'p.created_at', dir: 'DESC', key: (r) => [r.created_key, r.id], type: 'string' },
  createdAt: { col: 'p.created_at', dir: 'ASC', key: (r) => [r.created_key, r.id], type: 'string' },
  '-meanScore': { col: 'p.review_mean', dir: 'DESC', key: (r) => [r.review_mean, r.id], type: 'number' },
  meanScore: { col: 'p.review_mean', dir: 'ASC', key: (r) => [r.review_mean, r.id], type: 'number' },
  '-reviewCount': { col: 'p.review_count', dir: 'DESC', key: (r) => [r.review_count, r.id], type: 'number' },
  reviewCount: { col: 'p.review_count', dir: 'ASC', key: (r) => [r.review_count, r.id], type: 'number' },
};

export type SubmissionContext = NonNullable<Awaited<ReturnType<typeof submissionContexts>>[number]>;

export interface ContextKey {
  slug: string;
  personId: string;
  callId: string;
  formatKey: string;
  trackKey: string | null;
}

/**
 * What submissions need to know before they write, for any number of them in one statement: the
 * community by slug with the author's role in it, and the call with the format and track named by
 * key (null when the call does not exist). Undefined where there is no such community.
 */
export async function submissionContexts(m: EntityManager, keys: ContextKey[]) {
  const rows = await sql<
    Community &
      Versions & { n: string; role: Role | null } & {
        [k in keyof ResolvedCallRow as `call_${k}`]: ResolvedCallRow[k] | null;
      }
  >(
    m,
    `SELECT k.n, ${COMMUNITY_COLUMNS}, mb.role, cf.id AS call_id, cf.community_id AS call_community_id,
            cf.opens_at AS call_opens_at, cf.closes_at AS call_closes_at, f.id AS call_format_id, t.id AS call_track_id
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
            WITH ORDINALITY AS k(slug, person_id, call_id, format_key, track_key, n)
       JOIN community c ON c.slug = k.slug
       LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = k.person_id
       LEFT JOIN call_for_proposals cf ON cf.id = k.call_id
       LEFT JOIN call_format f ON f.call_id = cf.id AND f.key = k.format_key
       LEFT JOIN call_track t ON t.call_id = cf.id AND t.key = k.track_key
       ${STAMP_SUMS}`,
    [
      keys.map((k) => k.slug),
      keys.map((k) => k.personId),
      keys.map((k) => k.callId),
      keys.map((k) => k.formatKey),
      keys.map((k) => k.trackKey),
    ],
  );
  const byN = new Map(rows.map((r) => [Number(r.n), r]));
  return keys.map((_, i) => {
    const row = byN.get(i + 1);
    if (!row) return undefined;
    const {
      n,
      role,
      call_id,
      call_community_id,
      call_opens_at,
      call_closes_at,
      call_format_id,
      call_track_id,
      ...community
    } = row;
    void n;
    const call: ResolvedCallRow | null = call_id
      ? {
          id: call_id,
          community_id: call_community_id!,
          opens_at: call_opens_at!,
          closes_at: call_closes_at,
          format_id: call_format_id,
          track_id: call_track_id,
        }
      : null;
    return { community, role, call };
  });
}

export const proposalRow = async (m: EntityManager, readerId: string, id: string) =>
  (await sql<ProposalRow>(m, `${SELECT} WHERE p.id = $2`, [readerId, id]))[0];

export interface PageFilters {
  state?: ProposalState[];
  callId?: string;
  format?: string;
  track?: string;
  q?: string;
  /** a person id or (normalised) e-mail */
  speaker?: { raw: string; email: string };
  sort: Sort;
  after: Cursor | null;
  limit: number;
}

/** One page of a community's proposals that `visible` (SQL over `$1`, the reader) lets the reader see. */
export function proposalsPage(
  m: EntityManager,
  readerId: string,
  communityId: string,
  visible: string,
  f: PageFilters,
) {
  const sort = SORT_SQL[f.sort];
  const params: unknown[] = [readerId, communityId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['p.community_id = $2', visible];
  if (f.state?.length) where.push(`p.state = ANY(${p(f.state)}::proposal_state[])`);
  if (f.callId) where.push(`p.call_id = ${p(f.callId)}`);
  if (f.format) where.push(`f.key = ${p(f.format)}`);
  if (f.track) where.push(`t.key = ${p(f.track)}`);
  if (f.q) {
    const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(p.title ILIKE ${like} OR p.abstract ILIKE ${like})`);
  }
  if (f.speaker) {
    where.push(`EXISTS (SELECT 1 FROM proposal_speaker fs JOIN person fp ON fp.id = fs.person_id
                        WHERE fs.proposal_id = p.id AND (fp.id::text = ${p(f.speaker.raw)} OR fp.email = ${p(f.speaker.email)}))`);
  }
  if (f.after) {
    const cast = sort.type === 'string' ? '::timestamptz' : '';
    where.push(
      `(${sort.col}, p.id) ${sort.dir === 'DESC' ? '<' : '>'} (${p(f.after[0])}${cast}, ${p(f.after[1])}::uuid)`,
    );
  }
  return sql<ProposalRow>(
    m,
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${sort.col} ${sort.dir}, p.id ${sort.dir} LIMIT ${p(f.limit)}`,
    params,
  );
}

export interface NewProposal {
  communityId: string;
  callId: string;
  formatId: string;
  trackId: string | null;
  title: string;
  abstract: string;
  level: Level;
  language: Language;
  notes: string;
  state: ProposalState;
  createdBy: string;
  primarySpeakerId: string;
  /** Queue the primary speaker's receipt ("we got your proposal") in the same statement, through job_outbox. */
  receipt?: boolean;
}

/**
 * The proposal, its primary speaker, the first history entry and the speaker's membership
 * (speaking in a community makes you a member) in one statement; the new id.
 */
/** The proposal columns an insert sets, by NewProposal field (the others take their defaults). */
const INSERT_COLUMNS = {
  id: 'id',
  communityId: 'community_id',
  callId: 'call_id',
  formatId: 'format_id',
  trackId: 'track_id',
  title: 'title',
  abstract: 'abstract',
  level: 'level',
  language: 'language',
  notes: 'notes',
  state: 'state',
  createdBy: 'created_by',
} as const satisfies Partial<Record<keyof NewProposal | 'id', string>>;

/**
 * Inserts proposals, each with its primary speaker, first history entry, the speaker's membership and
 * (`receipt`) the receipt mail in the outbox: one statement for any number of them, so a plain
 * submission needs no transaction and concurrent ones can share a statement and a commit (see
 * src/db/batch.ts). Ids are made here, so each caller finds its own row. Rows are written in
 * (community, speaker) order, the order every batch takes its locks in.
 *
 * Returns the new proposals as `proposalRow` reads them for their authors, built from what the
 * statement inserted (a statement does not see its own writes): no read-back round trip. Co-speakers
 * added afterwards are not in them.
 */
export async function insertProposals(m: EntityManager, list: NewProposal[]): Promise<ProposalRow[]> {
  const ids = list.map(() => randomUUID());
  const rows = list
    .map((n, k) => ({ id: ids[k], ...n }))
    .sort((x, y) =>
      x.communityId === y.communityId
        ? x.primarySpeakerId.localeCompare(y.primarySpeakerId)
        : x.communityId.localeCompare(y.communityId),
    );
  // Each row as JSON named by column; the statement reads it into proposal's own row type, so a new
  // column is one entry in INSERT_COLUMNS and nothing is renumbered.
  const json = rows.map((r) => ({
    ...Object.fromEntries(Object.entries(INSERT_COLUMNS).map(([k, col]) => [col, r[k as keyof typeof r]])),
    speaker_id: r.primarySpeakerId,
    receipt: r.receipt ?? false,
  }));
  const cols = Object.values(INSERT_COLUMNS).join(', ');
  const out = await sql<ProposalRow>(
    m,
    `WITH i AS (
       SELECT r.*, (a.x->>'speaker_id')::uuid AS speaker_id, (a.x->>'receipt')::boolean AS receipt, a.n
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(x, n), jsonb_populate_record(NULL::proposal, a.x) AS r
     ), p AS (
       INSERT INTO proposal (${cols}, submitted_at)
       SELECT ${cols}, CASE WHEN state = 'submitted' THEN now() END
         FROM i ORDER BY n
       RETURNING *
     ), s AS (
       INSERT INTO proposal_speaker (proposal_id, person_id, is_primary, position) SELECT id, speaker_id, true, 0 FROM i ORDER BY n
     ), h AS (
       INSERT INTO proposal_transition (proposal_id, actor_id, from_state, to_state) SELECT id, created_by, NULL, state FROM i ORDER BY n
     ), mb AS (
       INSERT INTO membership (community_id, person_id, role)
       SELECT DISTINCT community_id, speaker_id, 'member'::membership_role FROM i ORDER BY 1, 2
       ON CONFLICT DO NOTHING
     ), j AS (
       INSERT INTO job_outbox (task, payload, job_key, max_attempts)
       SELECT $2, jsonb_build_object('kind', 'proposal-received', 'proposalId', id, 'personId', speaker_id),
              'received:' || id || ':' || speaker_id, $3
         FROM i WHERE receipt ORDER BY n
     )
     SELECT ${COLUMNS},
            true AS mine, NULL::int AS my_score,
            json_build_array(json_build_object('id', sp.id, 'name', sp.name, 'email', sp.email, 'department', sp.department, 'is_primary', true)) AS speakers,
            NULL::json AS invited, false AS invited_me, json_build_object('done', 0, 'total', 0, 'overdue', 0) AS checklist
       FROM p
       JOIN i ON i.id = p.id
       JOIN community c ON c.id = p.community_id
       JOIN call_format f ON f.id = p.format_id
       LEFT JOIN call_track t ON t.id = p.track_id
       JOIN person sp ON sp.id = i.speaker_id`,
    [JSON.stringify(json), TASKS.mail, MAIL_ATTEMPTS],
  );
  const byId = new Map(out.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

export const insertCoSpeaker = (m: EntityManager, proposalId: string, personId: string, position: number) =>
  sql(m, 'INSERT INTO proposal_speaker (proposal_id, person_id, is_primary, position) VALUES ($1, $2, false, $3)', [
    proposalId,
    personId,
    position,
  ]);

export const deleteCoSpeakers = (m: EntityManager, proposalId: string) =>
  sql(m, 'DELETE FROM proposal_speaker WHERE proposal_id = $1 AND NOT is_primary', [proposalId]);

/** Asks a person to co-speak (or moves their open invitation to `position`). */
export const upsertInvitation = (
  m: EntityManager,
  proposalId: string,
  personId: string,
  position: number,
  invitedBy: string,
) =>
  sql(
    m,
    `INSERT INTO co_speaker_invitation (proposal_id, person_id, position, invited_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (proposal_id, person_id) DO UPDATE SET position = EXCLUDED.position`,
    [proposalId, personId, position, invitedBy],
  );

/** Withdraws the open invitations of everyone not in `keep`. */
export const dropInvitations = (m: EntityManager, proposalId: string, keep: string[]) =>
  sql(m, 'DELETE FROM co_speaker_invitation WHERE proposal_id = $1 AND NOT (person_id = ANY($2::uuid[]))', [
    proposalId,
    keep,
  ]);

/** Takes a person's open invitation away (to accept or decline it); undefined when there is none. */
export const takeInvitation = async (m: EntityManager, proposalId: string, personId: string) =>
  (
    await sql<{ position: number; invited_by: string }>(
      m,
      'DELETE FROM co_speaker_invitation WHERE proposal_id = $1 AND person_id = $2 RETURNING position, invited_by',
      [proposalId, personId],
    )
  )[0];

export interface ProposalFields {
  formatId: string;
  trackId: string | null;
  title: string;
  abstract: string;
  level: Level;
  language: Language;
  notes: string;
}
const COLUMN: Record<keyof ProposalFields, string> = {
  formatId: 'format_id',
  trackId: 'track_id',
  title: 'title',
  abstract: 'abstract',
  level: 'level',
  language: 'language',
  notes: 'notes',
};

/** Sets the given fields and bumps the version (the caller holds the row lock). */
export function updateProposal(m: EntityManager, id: string, fields: Partial<ProposalFields>) {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${COLUMN[k as keyof ProposalFields]} = $${params.length}`);
  }
  return sql(
    m,
    `UPDATE proposal SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
    params,
  );
}

export const callWindow = async (m: EntityManager, callId: string) =>
  (
    await sql<{ opensAt: Date; closesAt: Date | null; timeZone: string }>(
      m,
      `SELECT k.opens_at AS "opensAt", k.closes_at AS "closesAt", c.time_zone AS "timeZone"
         FROM call_for_proposals k JOIN community c ON c.id = k.community_id WHERE k.id = $1`,
      [callId],
    )
  )[0];

/** Compare-and-set on the state: false when the proposal is no longer in `from`. */
export const moveState = async (m: EntityManager, id: string, from: ProposalState, to: ProposalState) =>
  (
    await sql(
      m,
      `UPDATE proposal SET state = $2::proposal_state, version = version + 1, updated_at = now(),
              submitted_at = CASE WHEN $2::proposal_state = 'submitted' THEN coalesce(submitted_at, now()) ELSE submitted_at END
        WHERE id = $1 AND state = $3 RETURNING id`,
      [id, to, from],
    )
  ).length === 1;

export const insertTransition = async (
  m: EntityManager,
  proposalId: string,
  actorId: string,
  from: ProposalState | null,
  to: ProposalState,
  reason: string | null,
) =>
  (
    await sql<{ id: string }>(
      m,
      'INSERT INTO proposal_transition (proposal_id, actor_id, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [proposalId, actorId, from, to, reason],
    )
  )[0].id;

/** Takes the talk off its agenda; its event's calendar sequence moves on. What the slot was, if any. */
export const unslot = async (m: EntityManager, proposalId: string) =>
  (
    await sql<{ event_id: string; starts_at: Date; ends_at: Date; status: string }>(
      m,
      `WITH gone AS (DELETE FROM slot WHERE proposal_id = $1 RETURNING event_id, starts_at, ends_at)
       UPDATE event e SET sequence = sequence + 1, version = version + 1, updated_at = now() FROM gone WHERE e.id = gone.event_id
       RETURNING gone.event_id, gone.starts_at, gone.ends_at, e.status`,
      [proposalId],
    )
  )[0];

export const historyOf = (m: EntityManager, proposalId: string) =>
  sql<{
    from_state: ProposalState | null;
    to_state: ProposalState;
    at: Date;
    reason: string | null;
    actor_id: string;
    actor_name: string;
  }>(
    m,
    `SELECT t.from_state, t.to_state, t.at, t.reason, t.actor_id, p.name AS actor_name
       FROM proposal_transition t JOIN person p ON p.id = t.actor_id
      WHERE t.proposal_id = $1 ORDER BY t.at, t.id`,
    [proposalId],
  );

/** The latest unsent decision of each proposal still in the decided state. */
export const stagedDecisions = (m: EntityManager, communityId: string, decisions: ProposalState[]) =>
  sql<{ id: string; proposal_id: string }>(
    m,
    `SELECT DISTINCT ON (t.proposal_id) t.id, t.proposal_id
       FROM proposal_transition t JOIN proposal p ON p.id = t.proposal_id
      WHERE p.community_id = $1 AND t.notified_at IS NULL AND t.to_state = ANY($2::proposal_state[]) AND p.state = t.to_state
      ORDER BY t.proposal_id, t.at DESC`,
    [communityId, decisions],
  );

export interface TalkRow {
  id: string;
  title: string;
  abstract: string;
  format_name: string;
  slug: string;
  community_name: string;
  event_visibility: 'public' | 'internal';
  event_id: string | null;
  event_title: string | null;
  time_zone: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  speakers: string[];
  lesson: {
    takeaways: string[];
    went_well: string;
    to_change: string;
    resources: { label: string; url: string }[];
  } | null;
}

/**
 * A talk as its audience sees it: accepted or confirmed (on the agenda of a published event, or not
 * yet scheduled); its speakers, and its lesson once published. Undefined for anything else (a
 * proposal under review is not a talk).
 */
export const talkRow = async (m: EntityManager, id: string) =>
  (
    await sql<TalkRow>(
      m,
      `SELECT p.id, p.title, p.abstract, f.name AS format_name, c.slug, c.name AS community_name, c.event_visibility,
              e.id AS event_id, e.title AS event_title, e.time_zone, s.starts_at, s.ends_at,
              ${speakerNames('p.id')} AS speakers,
              (SELECT json_build_object('takeaways', l.takeaways, 'went_well', l.went_well, 'to_change', l.to_change, 'resources', l.resources)
                 FROM lesson l WHERE l.proposal_id = p.id AND l.status = 'published') AS lesson
         FROM proposal p JOIN community c ON c.id = p.community_id JOIN call_format f ON f.id = p.format_id
         LEFT JOIN slot s ON s.proposal_id = p.id LEFT JOIN event e ON e.id = s.event_id AND e.status = 'published'
        WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [id],
    )
  )[0];
