import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import { decodeCursor, encodeCursor } from '../../core/cursor';
import { stamp } from '../../core/stamp';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import type { ProposalsService } from '../proposals/proposals.service';
import * as q from './tasks.queries';
import { emptySoon } from '../series/series.queries';
import type { TaskRow, TemplateRow } from './tasks.queries';
import type { BoardQuery, TaskIn, TaskPatch as TaskPatchSchema, TemplateIn } from './tasks.schemas';

export type TemplateInput = Static<typeof TemplateIn>;
export type TaskInput = Static<typeof TaskIn>;
export type TaskPatch = Static<typeof TaskPatchSchema>;
export type BoardFilters = Omit<Static<typeof BoardQuery>, 'limit'> & { limit: number };

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
    return q.templatesOf(this.ds.manager, a.community.id);
  }

  async createTemplate(actor: Actor, slug: string, input: TemplateInput): Promise<TemplateRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.organizer(actor, slug, m);
      if (input.defaultAssigneeId) await this.checkMember(m, a, input.defaultAssigneeId);
      if (input.roleId) await this.checkRole(m, a, input.roleId);
      return q.insertTemplate(m, a.community.id, {
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        owner: input.owner,
        offsetDays: input.offsetDays,
        defaultAssigneeId: input.defaultAssigneeId ?? null,
        roleId: input.roleId ?? null,
        active: input.active ?? true,
        position: input.position ?? null,
      });
    });
  }

  async updateTemplate(actor: Actor, id: string, patch: Partial<TemplateInput>): Promise<TemplateRow> {
    return this.ds.transaction(async (m) => {
      const cur = await this.template(m, actor, id);
      if (patch.defaultAssigneeId) await this.checkMember(m, cur.access, patch.defaultAssigneeId);
      if (patch.roleId) await this.checkRole(m, cur.access, patch.roleId);
      const t = cur.row;
      return q.updateTemplate(m, id, {
        title: patch.title ?? t.title,
        description: patch.description ?? t.description,
        category: patch.category ?? t.category,
        owner: patch.owner ?? t.owner,
        offsetDays: patch.offsetDays ?? t.offset_days,
        defaultAssigneeId: patch.defaultAssigneeId === undefined ? t.default_assignee_id : patch.defaultAssigneeId,
        roleId: patch.roleId === undefined ? t.role_id : patch.roleId,
        active: patch.active ?? t.active,
        position: patch.position ?? t.position,
      });
    });
  }

  /** Removing a template leaves the tasks already made from it. */
  async deleteTemplate(actor: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.template(m, actor, id);
      await q.deleteTemplate(m, id);
    });
  }

  // ---- checklists and tasks ----------------------------------------------------------------

  async checklist(actor: Actor, proposalId: string): Promise<TaskRow[]> {
    await this.canSee(this.ds.manager, actor, proposalId);
    return q.checklistOf(this.ds.manager, proposalId);
  }

  /** A one-off task for one talk (organizers). */
  async add(actor: Actor, proposalId: string, input: TaskInput): Promise<TaskRow> {
    return this.ds.transaction(async (m) => {
      const { access, speakerIds } = await this.canSee(m, actor, proposalId);
      authorize(access, 'task.create');
      if (input.assigneeId) await this.checkAssignee(m, access, speakerIds, input.assigneeId);
      const id = await q.insertTask(m, {
        communityId: access.community.id,
        proposalId,
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        owner: input.owner,
        assigneeId: input.assigneeId ?? null,
        offsetDays: input.offsetDays ?? null,
        dueAt: input.dueAt ?? null,
      });
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
      const proposalId = await q.lockTask(m, id);
      if (!proposalId) throw new NotFound('The task');
      const { access, mine, speakerIds } = await this.canSee(m, actor, proposalId);
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
      await q.updateTask(m, id, {
        title: patch.title ?? task.title,
        description: patch.description ?? task.description,
        category: patch.category ?? task.category,
        assigneeId: patch.assigneeId === undefined ? task.assignee_id : patch.assigneeId,
        notes: patch.notes ?? task.notes,
        status: patch.status ?? task.status,
        statusChanged,
        by: actor.id,
        reason: patch.status === 'open' ? null : (patch.reason ?? null),
        dueOverride: dueOverride ?? null,
        dueAt: patch.dueAt ?? null,
      });
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
    const { rows, counts } = await q.boardPage(
      this.ds.manager,
      a.community.id,
      {
        status: f.status,
        overdue: f.overdue,
        afterTalk: f.afterTalk,
        dueBefore: f.dueBefore,
        assigneeId: f.assignee === 'me' ? actor.id : f.assignee,
        category: f.category,
        eventId: f.eventId,
        proposalId: f.proposalId,
        role: f.role,
      },
      decodeCursor(f.cursor, ['string', 'string']) as [string, string] | null,
      f.limit + 1,
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
      // Series occurrences within two weeks with nothing on the agenda: the board says so.
      emptyOccurrences: await emptySoon(this.ds.manager, a.community.id, 14),
    };
  }

  /**
   * The actor's own open tasks in every community (their home page): soonest due first, each
   * flagged `overdue` or `after_talk` as the board flags it, "after the talk" ones last.
   */
  async mine(actor: Actor, limit = 10) {
    return this.openTasksOf(actor.id, limit);
  }

  /** A person's own open tasks, as `mine`; only ever call it with the signed-in person's id. */
  openTasksOf(personId: string, limit = 50) {
    return q.openTasksOf(this.ds.manager, personId, limit);
  }

  /**
   * What a board page depends on: the viewer, the community's tasks and what every reader sees (its
   * talks, their slots, assignees' names), and the minute (overdue moves with time). A submission or
   * a review moves neither version, so it leaves cached boards alone.
   */
  async boardStamp(actor: Actor, slug: string): Promise<{ access: Access; stamp: string }> {
    const a = await this.communities.access(actor, slug);
    const { id, version, publicVersion, taskVersion } = a.community;
    const community = { id, version, listVersion: `${publicVersion}.${taskVersion}` };
    return { access: a, stamp: stamp({ reader: { actor, role: a.role }, community, minute: true }) };
  }

  // ---- shared ------------------------------------------------------------------------------

  private async read(m: EntityManager, id: string): Promise<TaskRow> {
    const row = await q.taskRow(m, id);
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
    const row = await q.lockTemplate(m, id);
    if (!row) throw new NotFound('The task template');
    const access = await this.communities.accessById(actor, row.community_id, m);
    authorize(access, 'task-template.manage');
    return { row, access };
  }

  private async checkRole(m: EntityManager, a: Access, roleId: string) {
    if (!(await q.roleOf(m, a.community.id, roleId)))
      throw new RuleBroken('unknown-role', `${a.community.slug} has no team role ${roleId}.`);
  }

  private async checkMember(m: EntityManager, a: Access, personId: string) {
    if (!(await q.isOrganizer(m, a.community.id, personId)))
      throw new RuleBroken('invalid-assignee', 'A default assignee must be an organizer of the community.');
  }

  /** Assignees are organizers of the community or speakers of that talk. */
  private async checkAssignee(m: EntityManager, a: Access, speakerIds: string[], personId: string) {
    if (speakerIds.includes(personId)) return;
    if (!(await q.isOrganizer(m, a.community.id, personId)))
      throw new RuleBroken(
        'invalid-assignee',
        'Assign tasks to an organizer of the community or a speaker of this talk.',
      );
  }
}
