import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { notify } from '../../mail/notify';
import { createChecklist, skipOpenTasks } from '../tasks/checklist';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf, type Cursor } from '../../core/cursor';
import { isOpen } from '../cfp/call.entity';
import type { CfpService } from '../cfp/cfp.service';
import type { CommunitiesService } from '../communities/communities.service';
import type { Access } from '../communities/access';
import type { PeopleService } from '../people/people.service';
import { normalizeEmail } from '../people/people.service';
import type { Level } from './proposal.entity';
import { EDITABLE_STATES, movesFrom, TRANSITIONS, type ProposalState } from './state-machine';
import { sightOf, visibleSql, type Sight } from './visibility';
import { lockRow } from '../../db/fragments';

export interface ProposalRow {
  id: string;
  community_id: string;
  slug: string;
  call_id: string;
  title: string;
  abstract: string;
  level: Level;
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
  speakers: Omit<SpeakerRow, 'proposal_id'>[];
  checklist: { done: number; total: number; overdue: number };
}
export interface SpeakerRow {
  id: string;
  name: string;
  email: string;
  department: string | null;
  is_primary: boolean;
}
/** `speakers` is null when blind review hides them from the viewer. */
export interface ProposalView {
  row: ProposalRow;
  sight: Sight;
  speakers: SpeakerRow[] | null;
}

export interface ProposalInput {
  callId: string;
  title: string;
  abstract?: string;
  format: string;
  track?: string | null;
  level?: Level;
  notes?: string;
  coSpeakers?: string[];
  speaker?: { email: string; name?: string };
  submit?: boolean;
}
export type ProposalPatch = Partial<
  Pick<ProposalInput, 'title' | 'abstract' | 'format' | 'track' | 'level' | 'notes' | 'coSpeakers'>
>;

export const SORTS = ['-createdAt', 'createdAt', '-meanScore', 'meanScore', '-reviewCount', 'reviewCount'] as const;
export type Sort = (typeof SORTS)[number];
export interface ListFilters {
  state?: ProposalState[];
  format?: string;
  track?: string;
  speaker?: string;
  q?: string;
  callId?: string;
  sort?: Sort;
  limit: number;
  cursor?: string;
}

const SELECT = `
  SELECT p.id, p.community_id, c.slug, p.call_id, p.title, p.abstract, p.level, p.notes, p.state, p.version,
         p.review_count, p.review_mean, p.created_by, p.created_at, p.updated_at, p.submitted_at, p.created_at::text AS created_key,
         f.key AS format_key, f.name AS format_name, f.duration_minutes, t.key AS track_key, t.name AS track_name,
         (p.created_by = $1 OR EXISTS (SELECT 1 FROM proposal_speaker ms WHERE ms.proposal_id = p.id AND ms.person_id = $1)) AS mine,
         r.score AS my_score,
         (SELECT json_agg(json_build_object('id', sp.id, 'name', sp.name, 'email', sp.email, 'department', sp.department, 'is_primary', s.is_primary) ORDER BY s.position)
            FROM proposal_speaker s JOIN person sp ON sp.id = s.person_id WHERE s.proposal_id = p.id) AS speakers,
         (SELECT json_build_object('done', count(*) FILTER (WHERE status = 'done'), 'total', count(*) FILTER (WHERE status <> 'skipped'),
                                   'overdue', count(*) FILTER (WHERE status = 'open' AND due_at < now()))
            FROM task WHERE proposal_id = p.id) AS checklist
    FROM proposal p
    JOIN community c ON c.id = p.community_id
    JOIN call_format f ON f.id = p.format_id
    LEFT JOIN call_track t ON t.id = p.track_id
    LEFT JOIN review r ON r.proposal_id = p.id AND r.reviewer_id = $1`;

const SORT_SQL: Record<
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

const DECISIONS: ProposalState[] = ['accepted', 'waitlisted', 'rejected'];

const view = (row: ProposalRow, sight: Sight): ProposalView => ({
  row,
  sight,
  speakers: sight.blind ? null : (row.speakers ?? []),
});

export class ProposalsService {
  constructor(
    private readonly ds: DataSource,
    private readonly people: PeopleService,
    private readonly communities: CommunitiesService,
    private readonly cfp: CfpService,
  ) {}

  /** `outer`: run inside a caller's transaction (accepting a nomination creates its draft atomically). */
  async create(actor: Actor, slug: string, input: ProposalInput, outer?: EntityManager): Promise<ProposalView> {
    const run = async (m: EntityManager) => {
      const a = await this.communities.access(actor, slug, m);
      const organizer = can(a, 'proposal.file-for-speaker');
      const call = await this.cfp.resolveCall(m, input.callId, input.format, input.track);
      if (!call || call.communityId !== a.community.id)
        throw new RuleBroken('unknown-call', `Community ${slug} has no call for proposals ${input.callId}.`);
      if (input.speaker) authorize(a, 'proposal.file-for-speaker');
      if (input.submit && !organizer && !isOpen(call)) throw this.closed(call.opensAt, call.closesAt);
      const primary = input.speaker
        ? await this.people.findOrCreate(m, input.speaker.email, input.speaker.name)
        : { id: actor.id, email: actor.email };
      const state: ProposalState = input.submit ? 'submitted' : 'draft';
      // The proposal, its primary speaker, the first history entry and the speaker's membership
      // (speaking in a community makes you a member) in one statement.
      const [{ id }] = await sql<{ id: string }>(
        m,
        `WITH p AS (
           INSERT INTO proposal (community_id, call_id, format_id, track_id, title, abstract, level, notes, state, created_by, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::proposal_state, $10, CASE WHEN $9::proposal_state = 'submitted' THEN now() END)
           RETURNING id
         ), s AS (
           INSERT INTO proposal_speaker (proposal_id, person_id, is_primary, position) SELECT id, $11, true, 0 FROM p
         ), h AS (
           INSERT INTO proposal_transition (proposal_id, actor_id, from_state, to_state) SELECT id, $10, NULL, $9::proposal_state FROM p
         ), mb AS (
           INSERT INTO membership (community_id, person_id, role) VALUES ($1, $11, 'member') ON CONFLICT DO NOTHING
         )
         SELECT id FROM p`,
        [
          a.community.id,
          call.id,
          call.formatId,
          call.trackId,
          input.title,
          input.abstract ?? '',
          input.level ?? 'intermediate',
          input.notes ?? '',
          state,
          actor.id,
          primary.id,
        ],
      );
      const added = await this.setCoSpeakers(m, id, primary.email, input.coSpeakers ?? []);
      await notify.coSpeakersAdded(m, id, added, actor.id);
      if (state === 'submitted') await notify.proposalSubmitted(m, id);
      return this.read(m, actor, id, false, a);
    };
    return outer ? run(outer) : this.ds.transaction(run);
  }

  async get(actor: Actor, id: string): Promise<ProposalView> {
    return this.read(this.ds.manager, actor, id);
  }

  async update(actor: Actor, id: string, patch: ProposalPatch, expected?: number): Promise<ProposalView> {
    return this.ds.transaction(async (m) => {
      const v = await this.read(m, actor, id, true);
      authorize(v.sight.subject, 'proposal.edit');
      if (!EDITABLE_STATES.includes(v.row.state)) {
        throw new Conflict(
          'not-editable',
          `A ${v.row.state} proposal can no longer be edited; it is editable while ${EDITABLE_STATES.join(' or ')}.`,
        );
      }
      if (expected !== undefined && expected !== v.row.version) throw new PreconditionFailed();
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, val: unknown) => {
        params.push(val);
        sets.push(`${col} = $${params.length}`);
      };
      if (patch.format !== undefined || patch.track !== undefined) {
        const { format, track } = await this.cfp.resolveOptions(
          m,
          v.row.call_id,
          patch.format ?? v.row.format_key,
          patch.track === undefined ? v.row.track_key : patch.track,
        );
        set('format_id', format.id);
        set('track_id', track?.id ?? null);
      }
      if (patch.title !== undefined) set('title', patch.title);
      if (patch.abstract !== undefined) set('abstract', patch.abstract);
      if (patch.level !== undefined) set('level', patch.level);
      if (patch.notes !== undefined) set('notes', patch.notes);
      if (patch.coSpeakers !== undefined) {
        const primary = (v.speakers ?? []).find((s) => s.is_primary);
        const before = new Set((v.speakers ?? []).map((s) => s.id));
        await m.query('DELETE FROM proposal_speaker WHERE proposal_id = $1 AND NOT is_primary', [id]);
        const now = await this.setCoSpeakers(m, id, primary?.email ?? '', patch.coSpeakers);
        await notify.coSpeakersAdded(
          m,
          id,
          now.filter((p) => !before.has(p)),
          actor.id,
        );
      }
      await m.query(
        `UPDATE proposal SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
        params,
      );
      return this.read(m, actor, id);
    });
  }

  async transition(
    actor: Actor,
    id: string,
    to: ProposalState,
    reason: string | undefined,
    expected?: number,
    tell = true,
  ): Promise<ProposalView> {
    return this.ds.transaction(async (m) => {
      const v = await this.read(m, actor, id, true);
      const from = v.row.state;
      const by = TRANSITIONS[from][to];
      if (!by) {
        throw new Conflict('invalid-transition', `A ${from} proposal cannot become ${to}.`, {
          from,
          to,
          allowed: movesFrom(from),
        });
      }
      authorize(v.sight.subject, by === 'author' ? 'proposal.move-as-speaker' : 'proposal.decide');
      if (expected !== undefined && expected !== v.row.version) throw new PreconditionFailed();
      if (to === 'submitted' && !can(v.sight.subject, 'proposal.file-for-speaker')) {
        const [call]: { opens_at: Date; closes_at: Date | null }[] = await m.query(
          'SELECT opens_at, closes_at FROM call_for_proposals WHERE id = $1',
          [v.row.call_id],
        );
        if (!isOpen({ opensAt: call.opens_at, closesAt: call.closes_at }))
          throw this.closed(call.opens_at, call.closes_at);
      }
      // Compare-and-set on the state as well as the row lock: the database never sees two moves from one state.
      const [, n]: [unknown, number] = await m.query(
        `UPDATE proposal SET state = $2::proposal_state, version = version + 1, updated_at = now(),
                submitted_at = CASE WHEN $2::proposal_state = 'submitted' THEN coalesce(submitted_at, now()) ELSE submitted_at END
          WHERE id = $1 AND state = $3`,
        [id, to, from],
      );
      if (n !== 1) throw new Conflict('concurrent-change', 'The proposal moved meanwhile; read it again.');
      const transitionId = await this.record(m, id, actor.id, from, to, reason);
      if (to === 'submitted') await notify.proposalSubmitted(m, id);
      // Decisions are told at once, or staged (tell=false) and sent as one batch later.
      if (DECISIONS.includes(to) && tell) await notify.decision(m, id, transitionId);
      if (to === 'accepted') await createChecklist(m, id);
      if (to === 'withdrawn' || to === 'canceled') await skipOpenTasks(m, id, actor.id, `talk ${to}`);
      if (to === 'withdrawn' || to === 'canceled') {
        // A talk that will not happen leaves the agenda; its event changes on calendars, and its
        // speakers' calendars drop it.
        const [gone] = await sql<{ event_id: string; starts_at: Date; ends_at: Date; status: string }>(
          m,
          `WITH gone AS (DELETE FROM slot WHERE proposal_id = $1 RETURNING event_id, starts_at, ends_at)
           UPDATE event e SET sequence = sequence + 1, version = version + 1, updated_at = now() FROM gone WHERE e.id = gone.event_id
           RETURNING gone.event_id, gone.starts_at, gone.ends_at, e.status`,
          [id],
        );
        if (gone && gone.status === 'published')
          await notify.talk(m, id, 'CANCEL', {
            was: { eventId: gone.event_id, startsAt: gone.starts_at, endsAt: gone.ends_at },
          });
      }
      return this.read(m, actor, id);
    });
  }

  async history(actor: Actor, id: string) {
    const v = await this.read(this.ds.manager, actor, id);
    const rows: {
      from_state: ProposalState | null;
      to_state: ProposalState;
      at: Date;
      reason: string | null;
      actor_id: string;
      actor_name: string;
    }[] = await this.ds.query(
      `SELECT t.from_state, t.to_state, t.at, t.reason, t.actor_id, p.name AS actor_name
         FROM proposal_transition t JOIN person p ON p.id = t.actor_id
        WHERE t.proposal_id = $1 ORDER BY t.at, t.id`,
      [id],
    );
    return rows.map((r) => ({
      from: r.from_state,
      to: r.to_state,
      at: r.at.toISOString(),
      reason: r.reason,
      actor: v.sight.blind ? null : { id: r.actor_id, name: r.actor_name },
    }));
  }

  /**
   * Sends the decisions organizers staged (moves made with `notify: false`) whose proposals are
   * still in the decided state: one mail per speaker, all in this transaction.
   */
  async sendStagedDecisions(actor: Actor, slug: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'proposal.send-decisions');
      const staged = await sql<{ id: string; proposal_id: string }>(
        m,
        `SELECT DISTINCT ON (t.proposal_id) t.id, t.proposal_id
           FROM proposal_transition t JOIN proposal p ON p.id = t.proposal_id
          WHERE p.community_id = $1 AND t.notified_at IS NULL AND t.to_state = ANY($2::proposal_state[]) AND p.state = t.to_state
          ORDER BY t.proposal_id, t.at DESC`,
        [a.community.id, DECISIONS],
      );
      for (const s of staged) await notify.decision(m, s.proposal_id, s.id);
      return staged.length;
    });
  }

  /**
   * What a list page depends on besides its query: the viewer, their role, the community's settings
   * and its list version (raised by triggers on every change a list shows). Pages are cached by it.
   */
  async listStamp(actor: Actor, slug: string): Promise<{ access: Access; stamp: string }> {
    const a = await this.communities.access(actor, slug);
    // the minute too: overdue counts in checklist progress move with time
    return {
      access: a,
      stamp: `${actor.id}/${actor.isAdmin}/${a.role}/${a.community.id}/${a.community.version}/${a.community.listVersion}/${Math.floor(Date.now() / 60000)}`,
    };
  }

  async list(actor: Actor, slug: string, f: ListFilters, known?: Access) {
    const a = known ?? (await this.communities.access(actor, slug));
    const sort = SORT_SQL[f.sort ?? '-createdAt'];
    if (f.sort && /Score|Count/.test(f.sort)) authorize(a, 'proposal.sort-by-score');
    const params: unknown[] = [actor.id, a.community.id];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['p.community_id = $2', visibleSql(a, '$1')];
    if (f.state?.length) where.push(`p.state = ANY(${p(f.state)}::proposal_state[])`);
    if (f.callId) where.push(`p.call_id = ${p(f.callId)}`);
    if (f.format) where.push(`f.key = ${p(f.format)}`);
    if (f.track) where.push(`t.key = ${p(f.track)}`);
    if (f.q) {
      const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(p.title ILIKE ${like} OR p.abstract ILIKE ${like})`);
    }
    if (f.speaker) {
      const self = f.speaker === actor.id || normalizeEmail(f.speaker) === actor.email;
      authorize({ ...a, own: self }, 'proposal.filter-by-speaker');
      where.push(`EXISTS (SELECT 1 FROM proposal_speaker fs JOIN person fp ON fp.id = fs.person_id
                          WHERE fs.proposal_id = p.id AND (fp.id::text = ${p(f.speaker)} OR fp.email = ${p(normalizeEmail(f.speaker))}))`);
    }
    const after = decodeCursor(f.cursor, [sort.type, 'string']);
    if (after) {
      const cast = sort.type === 'string' ? '::timestamptz' : '';
      where.push(
        `(${sort.col}, p.id) ${sort.dir === 'DESC' ? '<' : '>'} (${p(after[0])}${cast}, ${p(after[1])}::uuid)`,
      );
    }
    const rows = await sql<ProposalRow>(
      this.ds.manager,
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${sort.col} ${sort.dir}, p.id ${sort.dir} LIMIT ${p(f.limit + 1)}`,
      params,
    );
    return pageOf(rows, f.limit, sort.key, (row) => view(row, sightOf(a, row.state, row.mine)));
  }

  /** Reads one proposal as the actor may see it; 404 when they may not. `lock` takes a row lock first. */
  async read(m: EntityManager, actor: Actor, id: string, lock = false, known?: Access): Promise<ProposalView> {
    if (lock) await lockRow(m, 'proposal', id);
    const [row] = await sql<ProposalRow>(m, `${SELECT} WHERE p.id = $2`, [actor.id, id]);
    if (!row) throw new NotFound('The proposal');
    const a =
      known?.community.id === row.community_id ? known : await this.communities.accessById(actor, row.community_id, m);
    const sight = sightOf(a, row.state, row.mine);
    if (!sight.visible) throw new NotFound('The proposal');
    return view(row, sight);
  }

  /** Sets the co-speakers; returns their person ids. */
  private async setCoSpeakers(
    m: EntityManager,
    proposalId: string,
    primaryEmail: string,
    emails: string[],
  ): Promise<string[]> {
    const unique = [...new Set(emails.map(normalizeEmail))].filter((e) => e !== primaryEmail);
    const ids: string[] = [];
    for (const [i, email] of unique.entries()) {
      const person = await this.people.findOrCreate(m, email);
      await m.query(
        'INSERT INTO proposal_speaker (proposal_id, person_id, is_primary, position) VALUES ($1, $2, false, $3)',
        [proposalId, person.id, i + 1],
      );
      ids.push(person.id);
    }
    return ids;
  }

  private async record(
    m: EntityManager,
    proposalId: string,
    actorId: string,
    from: ProposalState | null,
    to: ProposalState,
    reason?: string,
  ): Promise<string> {
    const [row] = await sql<{ id: string }>(
      m,
      'INSERT INTO proposal_transition (proposal_id, actor_id, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [proposalId, actorId, from, to, reason ?? null],
    );
    return row.id;
  }

  private closed(opensAt: Date, closesAt: Date | null) {
    const when =
      Date.now() < opensAt.getTime() ? `opens at ${opensAt.toISOString()}` : `closed at ${closesAt?.toISOString()}`;
    return new RuleBroken(
      'cfp-closed',
      `This call for proposals is not open: it ${when}. Save a draft, or ask an organizer.`,
      {
        opensAt: opensAt.toISOString(),
        closesAt: closesAt?.toISOString() ?? null,
      },
    );
  }
}
