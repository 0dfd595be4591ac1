import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import { decodeCursor, encodeCursor } from '../../core/cursor';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import type { ProposalsService } from '../proposals/proposals.service';
import type { TaskCategory, TaskOwner, TaskStatus } from './task.entity';

export interface TemplateRow {
  id: string;
  community_id: string;
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  offset_days: number;
  default_assignee_id: string | null;
  position: number;
  active: boolean;
  created_at: Date;
}
export interface TaskRow {
  id: string;
  community_id: string;
  proposal_id: string;
  proposal_title: string;
  template_id: string | null;
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  assignee_id: string | null;
  assignee_name: string | null;
  offset_days: number | null;
  due_at: Date | null;
  due_overridden: boolean;
  status: TaskStatus;
  status_by: string | null;
  status_at: Date | null;
  status_reason: string | null;
  notes: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  event_id: string | null;
  time_zone: string | null;
  overdue: boolean;
}
export interface TemplateInput {
  title: string;
  description?: string;
  category: TaskCategory;
  owner: TaskOwner;
  offsetDays: number;
  defaultAssigneeId?: string | null;
  active?: boolean;
  position?: number;
}
export interface TaskInput {
  title: string;
  description?: string;
  category: TaskCategory;
  owner: TaskOwner;
  assigneeId?: string | null;
  offsetDays?: number | null;
  dueAt?: string | null;
}
export interface TaskPatch {
  title?: string;
  description?: string;
  category?: TaskCategory;
  assigneeId?: string | null;
  dueAt?: string | null;
  status?: TaskStatus;
  reason?: string;
  notes?: string;
}
export interface BoardFilters {
  status?: TaskStatus[];
  overdue?: boolean;
  dueBefore?: string;
  assignee?: string;
  category?: TaskCategory[];
  eventId?: string;
  proposalId?: string;
  limit: number;
  cursor?: string;
}

const TASK_SELECT = `
  SELECT t.id, t.community_id, t.proposal_id, p.title AS proposal_title, t.template_id, t.title, t.description, t.category, t.owner,
         t.assignee_id, a.name AS assignee_name, t.offset_days, t.due_at, t.due_overridden, t.status, t.status_by, t.status_at, t.status_reason,
         t.notes, t.version, t.created_at, t.updated_at, s.event_id, e.time_zone, (t.status = 'open' AND t.due_at < now()) AS overdue
    FROM task t JOIN proposal p ON p.id = t.proposal_id LEFT JOIN person a ON a.id = t.assignee_id
    LEFT JOIN slot s ON s.proposal_id = t.proposal_id LEFT JOIN event e ON e.id = s.event_id`;
const TEMPLATE_COLS =
  'id, community_id, title, description, category, owner, offset_days, default_assignee_id, position, active, created_at';

/**
 * Speaker support: templates, checklists, the organizers' board. Organizers may do everything in
 * their community; a talk's speakers see its checklist and update the tasks owned by speakers.
 */
export class TasksService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
    private readonly proposals: ProposalsService,
  ) {}

  // ---- templates ---------------------------------------------------------------------------

  async templates(actor: Actor, slug: string): Promise<TemplateRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'task-template.list');
    return sql<TemplateRow>(
      this.ds.manager,
      `SELECT ${TEMPLATE_COLS} FROM task_template WHERE community_id = $1 ORDER BY position, created_at`,
      [a.community.id],
    );
  }

  async createTemplate(actor: Actor, slug: string, input: TemplateInput): Promise<TemplateRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.organizer(actor, slug, m);
      if (input.defaultAssigneeId) await this.checkMember(m, a, input.defaultAssigneeId);
      const [row] = await sql<TemplateRow>(
        m,
        `INSERT INTO task_template (community_id, title, description, category, owner, offset_days, default_assignee_id, active, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, (SELECT coalesce(max(position) + 1, 0) FROM task_template WHERE community_id = $1)))
         RETURNING ${TEMPLATE_COLS}`,
        [
          a.community.id,
          input.title,
          input.description ?? '',
          input.category,
          input.owner,
          input.offsetDays,
          input.defaultAssigneeId ?? null,
          input.active ?? true,
          input.position ?? null,
        ],
      );
      return row;
    });
  }

  async updateTemplate(actor: Actor, id: string, patch: Partial<TemplateInput>): Promise<TemplateRow> {
    return this.ds.transaction(async (m) => {
      const cur = await this.template(m, actor, id);
      if (patch.defaultAssigneeId) await this.checkMember(m, cur.access, patch.defaultAssigneeId);
      const t = cur.row;
      const [row] = await sql<TemplateRow>(
        m,
        `UPDATE task_template SET title = $2, description = $3, category = $4, owner = $5, offset_days = $6, default_assignee_id = $7,
                active = $8, position = $9, updated_at = now() WHERE id = $1 RETURNING ${TEMPLATE_COLS}`,
        [
          id,
          patch.title ?? t.title,
          patch.description ?? t.description,
          patch.category ?? t.category,
          patch.owner ?? t.owner,
          patch.offsetDays ?? t.offset_days,
          patch.defaultAssigneeId === undefined ? t.default_assignee_id : patch.defaultAssigneeId,
          patch.active ?? t.active,
          patch.position ?? t.position,
        ],
      );
      return row;
    });
  }

  /** Removing a template leaves the tasks already made from it. */
  async deleteTemplate(actor: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.template(m, actor, id);
      await m.query('DELETE FROM task_template WHERE id = $1', [id]);
    });
  }

  // ---- checklists and tasks ----------------------------------------------------------------

  async checklist(actor: Actor, proposalId: string): Promise<TaskRow[]> {
    await this.canSee(this.ds.manager, actor, proposalId);
    return sql<TaskRow>(
      this.ds.manager,
      `${TASK_SELECT} WHERE t.proposal_id = $1 ORDER BY t.due_at NULLS LAST, t.offset_days, t.created_at`,
      [proposalId],
    );
  }

  /** A one-off task for one talk (organizers). */
  async add(actor: Actor, proposalId: string, input: TaskInput): Promise<TaskRow> {
    return this.ds.transaction(async (m) => {
      const { access, speakerIds } = await this.canSee(m, actor, proposalId);
      authorize(access, 'task.create');
      if (input.assigneeId) await this.checkAssignee(m, access, speakerIds, input.assigneeId);
      const [{ id }] = await sql<{ id: string }>(
        m,
        `INSERT INTO task (community_id, proposal_id, title, description, category, owner, assignee_id, offset_days, due_at, due_overridden)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8,
                CASE WHEN $9::timestamptz IS NOT NULL THEN $9::timestamptz WHEN $8::int IS NOT NULL AND s.id IS NOT NULL THEN task_due_at(s.starts_at, e.time_zone, $8::int) END,
                $9::timestamptz IS NOT NULL
           FROM (SELECT 1) one LEFT JOIN slot s ON s.proposal_id = $2 LEFT JOIN event e ON e.id = s.event_id
         RETURNING id`,
        [
          access.community.id,
          proposalId,
          input.title,
          input.description ?? '',
          input.category,
          input.owner,
          input.assigneeId ?? null,
          input.offsetDays ?? null,
          input.dueAt ?? null,
        ],
      );
      return this.read(m, id);
    });
  }

  async get(actor: Actor, id: string): Promise<TaskRow> {
    const task = await this.read(this.ds.manager, id);
    await this.canSee(this.ds.manager, actor, task.proposal_id);
    return task;
  }

  async update(actor: Actor, id: string, patch: TaskPatch, expected?: number): Promise<TaskRow> {
    return this.ds.transaction(async (m) => {
      const [exists] = await sql<{ proposal_id: string }>(m, 'SELECT proposal_id FROM task WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (!exists) throw new NotFound('The task');
      const { access, mine, speakerIds } = await this.canSee(m, actor, exists.proposal_id);
      const task = await this.read(m, id);
      const subject = { ...access, own: mine, speakerTask: task.owner === 'speaker' };
      authorize(subject, 'task.update-status');
      if (Object.keys(patch).some((k) => !['status', 'reason', 'notes'].includes(k))) authorize(subject, 'task.edit');
      if (expected !== undefined && expected !== task.version) throw new PreconditionFailed();
      if (patch.assigneeId) await this.checkAssignee(m, access, speakerIds, patch.assigneeId);
      if (patch.status === 'skipped' && !patch.reason && task.status !== 'skipped')
        throw new RuleBroken('reason-required', 'Say why the task is skipped (reason).');
      const statusChanged = patch.status !== undefined && patch.status !== task.status;
      // dueAt: a date sets it by hand (it no longer follows the talk); null gives it back to the talk.
      const dueOverride = patch.dueAt === undefined ? undefined : patch.dueAt !== null;
      await m.query(
        `UPDATE task t SET title = $2, description = $3, category = $4, assignee_id = $5, notes = $6,
                status = $7, status_by = CASE WHEN $8 THEN $9::uuid ELSE status_by END, status_at = CASE WHEN $8 THEN now() ELSE status_at END,
                status_reason = CASE WHEN $8 THEN $10 ELSE status_reason END,
                due_overridden = coalesce($11, due_overridden),
                due_at = CASE WHEN $11 IS TRUE THEN $12::timestamptz
                              WHEN $11 IS FALSE THEN (SELECT task_due_at(s.starts_at, e.time_zone, t.offset_days) FROM slot s JOIN event e ON e.id = s.event_id WHERE s.proposal_id = t.proposal_id)
                              ELSE due_at END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          patch.title ?? task.title,
          patch.description ?? task.description,
          patch.category ?? task.category,
          patch.assigneeId === undefined ? task.assignee_id : patch.assigneeId,
          patch.notes ?? task.notes,
          patch.status ?? task.status,
          statusChanged,
          actor.id,
          patch.status === 'open' ? null : (patch.reason ?? null),
          dueOverride ?? null,
          patch.dueAt ?? null,
        ],
      );
      return this.read(m, id);
    });
  }

  /**
   * The organizers' board: every task of the community, filtered, soonest due first (undated
   * last), keyset-paginated, with counts per category and status of the filtered set.
   */
  async board(actor: Actor, slug: string, f: BoardFilters, known?: Access) {
    const a = known ?? (await this.communities.access(actor, slug));
    authorize(a, 'task.board');
    const params: unknown[] = [a.community.id];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = ['t.community_id = $1'];
    if (f.status?.length) where.push(`t.status = ANY(${p(f.status)}::task_status[])`);
    if (f.overdue) where.push(`t.status = 'open' AND t.due_at < now()`);
    if (f.dueBefore) where.push(`t.due_at < ${p(f.dueBefore)}`);
    if (f.assignee) where.push(`t.assignee_id = ${p(f.assignee === 'me' ? actor.id : f.assignee)}::uuid`);
    if (f.category?.length) where.push(`t.category = ANY(${p(f.category)}::task_category[])`);
    if (f.proposalId) where.push(`t.proposal_id = ${p(f.proposalId)}`);
    if (f.eventId)
      where.push(
        `EXISTS (SELECT 1 FROM slot fs WHERE fs.proposal_id = t.proposal_id AND fs.event_id = ${p(f.eventId)})`,
      );
    const filtered = where.join(' AND ');
    const counts = await sql<{ category: TaskCategory; status: TaskStatus; n: number }>(
      this.ds.manager,
      `SELECT t.category, t.status, count(*)::int AS n FROM task t WHERE ${filtered} GROUP BY 1, 2`,
      [...params],
    );
    const after = decodeCursor(f.cursor, ['string', 'string']);
    if (after) {
      // due_at ascending, undated (NULL) last, then id: the task_board index's own order
      where.push(
        after[0] === ''
          ? `(t.due_at IS NULL AND t.id > ${p(after[1])}::uuid)`
          : `(t.due_at > ${p(after[0])}::timestamptz OR (t.due_at = ${p(after[0])}::timestamptz AND t.id > ${p(after[1])}::uuid) OR t.due_at IS NULL)`,
      );
    }
    const rows = await sql<TaskRow & { due_key: string | null }>(
      this.ds.manager,
      `${TASK_SELECT.replace('SELECT t.id,', 'SELECT t.due_at::text AS due_key, t.id,')} WHERE ${where.join(' AND ')}
        ORDER BY t.due_at ASC NULLS LAST, t.id LIMIT ${p(f.limit + 1)}`,
      params,
    );
    const more = rows.length > f.limit;
    const items = more ? rows.slice(0, f.limit) : rows;
    const last = items[items.length - 1];
    const byCategory: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    for (const c of counts) {
      byCategory[c.category] = (byCategory[c.category] ?? 0) + c.n;
      byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
    }
    return {
      items,
      nextCursor: more ? encodeCursor([last.due_key ?? '', last.id]) : null,
      counts: { byCategory, byStatus },
    };
  }

  /** What a board page depends on: the viewer, the community's content version and the minute (overdue moves with time). */
  async boardStamp(actor: Actor, slug: string): Promise<{ access: Access; stamp: string }> {
    const a = await this.communities.access(actor, slug);
    return {
      access: a,
      stamp: `${actor.id}/${actor.isAdmin}/${a.role}/${a.community.id}/${a.community.listVersion}/${Math.floor(Date.now() / 60000)}`,
    };
  }

  // ---- shared ------------------------------------------------------------------------------

  private async read(m: EntityManager, id: string): Promise<TaskRow> {
    const [row] = await sql<TaskRow>(m, `${TASK_SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new NotFound('The task');
    return row;
  }

  /** A talk's checklist is for its speakers and the community's organizers; others get 403 or 404. */
  private async canSee(m: EntityManager, actor: Actor, proposalId: string) {
    const v = await this.proposals.read(m, actor, proposalId);
    authorize(v.sight.subject, 'checklist.read');
    const access = await this.communities.accessById(actor, v.row.community_id, m);
    return { access, mine: v.sight.mine, speakerIds: (v.speakers ?? []).map((s) => s.id) };
  }

  private async organizer(actor: Actor, slug: string, m: EntityManager): Promise<Access> {
    const a = await this.communities.access(actor, slug, m);
    authorize(a, 'task-template.manage');
    return a;
  }

  private async template(m: EntityManager, actor: Actor, id: string) {
    const [row] = await sql<TemplateRow>(m, `SELECT ${TEMPLATE_COLS} FROM task_template WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!row) throw new NotFound('The task template');
    const access = await this.communities.accessById(actor, row.community_id, m);
    authorize(access, 'task-template.manage');
    return { row, access };
  }

  private async checkMember(m: EntityManager, a: Access, personId: string) {
    const [row] = await sql(
      m,
      `SELECT 1 FROM membership WHERE community_id = $1 AND person_id = $2 AND role = 'organizer'`,
      [a.community.id, personId],
    );
    if (!row) throw new RuleBroken('invalid-assignee', 'A default assignee must be an organizer of the community.');
  }

  /** Assignees are organizers of the community or speakers of that talk. */
  private async checkAssignee(m: EntityManager, a: Access, speakerIds: string[], personId: string) {
    if (speakerIds.includes(personId)) return;
    const [row] = await sql(
      m,
      `SELECT 1 FROM membership WHERE community_id = $1 AND person_id = $2 AND role = 'organizer'`,
      [a.community.id, personId],
    );
    if (!row)
      throw new RuleBroken(
        'invalid-assignee',
        'Assign tasks to an organizer of the community or a speaker of this talk.',
      );
  }
}
