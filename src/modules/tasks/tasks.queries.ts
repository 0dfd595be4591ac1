/** The tasks module's SQL: templates, checklists, the board, and the daily digest. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { afterTalkSql, givenSince, overdueSql } from '../../db/fragments';
import type { TaskCategory, TaskOwner, TaskStatus } from './task.entity';

/** The daily digest: one per assignee with open tasks overdue or due within 3 days (not after the talk), once a day. */
export const ENQUEUE_DIGESTS = `
  WITH due AS (
    SELECT assignee_id FROM task WHERE status = 'open' AND assignee_id IS NOT NULL AND due_at < now() + interval '3 days'
       AND NOT ${givenSince('task')}
    UNION -- organizers of a community with a series occurrence within two weeks and nothing on its agenda
    SELECT ms.person_id FROM event e JOIN membership ms ON ms.community_id = e.community_id AND ms.role = 'organizer'
     WHERE e.series_id IS NOT NULL AND e.status <> 'canceled' AND e.starts_at > now() AND e.starts_at < now() + interval '14 days'
       AND NOT EXISTS (SELECT 1 FROM slot x WHERE x.event_id = e.id)
    UNION -- organizers of a community whose health alert today's digest tells (vitality.check.ts)
    SELECT ms.person_id FROM health_alert a JOIN membership ms ON ms.community_id = a.community_id AND ms.role = 'organizer'
     WHERE a.digest_day = current_date
  ), fresh AS (
    INSERT INTO digest_log (person_id, day) SELECT assignee_id, current_date FROM due ON CONFLICT DO NOTHING RETURNING person_id, day
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'task-digest', 'personId', person_id, 'day', day),
                                      job_key => 'digest:' || person_id || ':' || day))::int AS n
    FROM fresh`;

// ---- a checklist's life with its talk (proposals and communities call these in their transaction;
// due dates follow slots through the schedule_tasks trigger) -------------------------------------

/**
 * On acceptance: one task per active template (once, even if a talk is accepted twice). Speaker
 * tasks go to the primary speaker unless the template names someone; due dates are computed now
 * if the talk already has a slot, and by the trigger when it gets one.
 */
export async function createChecklist(m: EntityManager, proposalId: string): Promise<void> {
  await sql(
    m,
    `INSERT INTO task (community_id, proposal_id, template_id, title, description, category, owner, assignee_id, role_id, offset_days, due_at)
     SELECT p.community_id, p.id, t.id, t.title, t.description, t.category, t.owner,
            coalesce((SELECT r.holder_id FROM team_role r WHERE r.id = t.role_id), t.default_assignee_id,
                     CASE WHEN t.owner = 'speaker' THEN sp.person_id END),
            t.role_id,
            t.offset_days, CASE WHEN s.id IS NOT NULL THEN task_due_at(s.starts_at, e.time_zone, t.offset_days) END
       FROM proposal p
       JOIN task_template t ON t.community_id = p.community_id AND t.active
       LEFT JOIN proposal_speaker sp ON sp.proposal_id = p.id AND sp.is_primary
       LEFT JOIN slot s ON s.proposal_id = p.id
       LEFT JOIN event e ON e.id = s.event_id
      WHERE p.id = $1
     ON CONFLICT (proposal_id, template_id) WHERE template_id IS NOT NULL DO NOTHING`,
    [proposalId],
  );
}

/** When the talk will not happen: open tasks become skipped, with the reason, by whoever moved it. */
export async function skipOpenTasks(
  m: EntityManager,
  proposalId: string,
  actorId: string,
  reason: string,
): Promise<void> {
  await sql(
    m,
    `UPDATE task SET status = 'skipped', status_by = $2, status_at = now(), status_reason = $3, version = version + 1, updated_at = now()
      WHERE proposal_id = $1 AND status = 'open'`,
    [proposalId, actorId, reason],
  );
}

/** Default templates for a new community. */
export async function addDefaultTemplates(
  m: EntityManager,
  communityId: string,
  templates: { title: string; description: string; category: string; owner: string; offsetDays: number }[],
): Promise<void> {
  await sql(
    m,
    `INSERT INTO task_template (community_id, title, description, category, owner, offset_days, position)
     SELECT $1, t.title, t.description, t.category::task_category, t.owner::task_owner, t."offsetDays", t.position
       FROM json_to_recordset($2::json) AS t(title text, description text, category text, owner text, "offsetDays" int, position int)`,
    [communityId, JSON.stringify(templates.map((t, position) => ({ ...t, position })))],
  );
}

// ---- rows --------------------------------------------------------------------------------------

export interface TemplateRow {
  id: string;
  community_id: string;
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  offset_days: number;
  default_assignee_id: string | null;
  role_id: string | null;
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
  /** a preparation task of a talk already given (givenSince): not overdue */
  after_talk: boolean;
  /** when the talk starts, if it is on an agenda */
  talk_starts_at: Date | null;
}

// The talk's title and the assignee's name are looked up per task (by primary key): as joins, a
// page of 50 was hashed against every person and proposal whenever the planner misjudged its size.
const TASK_SELECT = `
  SELECT t.id, t.community_id, t.proposal_id, (SELECT p.title FROM proposal p WHERE p.id = t.proposal_id) AS proposal_title,
         t.template_id, t.title, t.description, t.category, t.owner,
         t.assignee_id, (SELECT a.name FROM person a WHERE a.id = t.assignee_id) AS assignee_name, t.offset_days, t.due_at,
         t.due_overridden, t.status, t.status_by, t.status_at, t.status_reason,
         t.notes, t.version, t.created_at, t.updated_at, s.event_id, e.time_zone, ${overdueSql('t')} AS overdue,
         ${afterTalkSql('t')} AS after_talk, s.starts_at AS talk_starts_at
    FROM task t LEFT JOIN slot s ON s.proposal_id = t.proposal_id LEFT JOIN event e ON e.id = s.event_id`;
const TEMPLATE_COLS =
  'id, community_id, title, description, category, owner, offset_days, default_assignee_id, role_id, position, active, created_at';

// ---- templates ---------------------------------------------------------------------------------

export interface TemplateFields {
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  offsetDays: number;
  defaultAssigneeId: string | null;
  roleId: string | null;
  active: boolean;
  /** null: after the last */
  position: number | null;
}

export const templatesOf = (m: EntityManager, communityId: string) =>
  sql<TemplateRow>(
    m,
    `SELECT ${TEMPLATE_COLS} FROM task_template WHERE community_id = $1 ORDER BY position, created_at`,
    [communityId],
  );

export const lockTemplate = async (m: EntityManager, id: string) =>
  (await sql<TemplateRow>(m, `SELECT ${TEMPLATE_COLS} FROM task_template WHERE id = $1 FOR UPDATE`, [id]))[0];

export const insertTemplate = async (m: EntityManager, communityId: string, t: TemplateFields) =>
  (
    await sql<TemplateRow>(
      m,
      `INSERT INTO task_template (community_id, title, description, category, owner, offset_days, default_assignee_id, active, position, role_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, (SELECT coalesce(max(position) + 1, 0) FROM task_template WHERE community_id = $1)), $10)
       RETURNING ${TEMPLATE_COLS}`,
      [
        communityId,
        t.title,
        t.description,
        t.category,
        t.owner,
        t.offsetDays,
        t.defaultAssigneeId,
        t.active,
        t.position,
        t.roleId,
      ],
    )
  )[0];

export const updateTemplate = async (m: EntityManager, id: string, t: TemplateFields & { position: number }) =>
  (
    await sql<TemplateRow>(
      m,
      `UPDATE task_template SET title = $2, description = $3, category = $4, owner = $5, offset_days = $6, default_assignee_id = $7,
              active = $8, position = $9, role_id = $10, updated_at = now() WHERE id = $1 RETURNING ${TEMPLATE_COLS}`,
      [
        id,
        t.title,
        t.description,
        t.category,
        t.owner,
        t.offsetDays,
        t.defaultAssigneeId,
        t.active,
        t.position,
        t.roleId,
      ],
    )
  )[0];

export const deleteTemplate = (m: EntityManager, id: string) => sql(m, 'DELETE FROM task_template WHERE id = $1', [id]);

export const isOrganizer = async (m: EntityManager, communityId: string, personId: string) =>
  (
    await sql(m, `SELECT 1 FROM membership WHERE community_id = $1 AND person_id = $2 AND role = 'organizer'`, [
      communityId,
      personId,
    ])
  ).length > 0;

// ---- tasks -------------------------------------------------------------------------------------

export const taskRow = async (m: EntityManager, id: string) =>
  (await sql<TaskRow>(m, `${TASK_SELECT} WHERE t.id = $1`, [id]))[0];

export const checklistOf = (m: EntityManager, proposalId: string) =>
  sql<TaskRow>(m, `${TASK_SELECT} WHERE t.proposal_id = $1 ORDER BY t.due_at NULLS LAST, t.offset_days, t.created_at`, [
    proposalId,
  ]);

/** Locks the task row; its talk, or undefined when there is no such task. */
export const lockTask = async (m: EntityManager, id: string) =>
  (await sql<{ proposal_id: string }>(m, 'SELECT proposal_id FROM task WHERE id = $1 FOR UPDATE', [id]))[0]
    ?.proposal_id;

export interface NewTask {
  communityId: string;
  proposalId: string;
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  assigneeId: string | null;
  offsetDays: number | null;
  dueAt: string | null;
}

/** A one-off task: due at `dueAt` (set by hand), or counted back from the talk's slot when it has one. */
export const insertTask = async (m: EntityManager, t: NewTask) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO task (community_id, proposal_id, title, description, category, owner, assignee_id, offset_days, due_at, due_overridden)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8,
              CASE WHEN $9::timestamptz IS NOT NULL THEN $9::timestamptz WHEN $8::int IS NOT NULL AND s.id IS NOT NULL THEN task_due_at(s.starts_at, e.time_zone, $8::int) END,
              $9::timestamptz IS NOT NULL
         FROM (SELECT 1) one LEFT JOIN slot s ON s.proposal_id = $2 LEFT JOIN event e ON e.id = s.event_id
       RETURNING id`,
      [t.communityId, t.proposalId, t.title, t.description, t.category, t.owner, t.assigneeId, t.offsetDays, t.dueAt],
    )
  )[0].id;

export interface TaskChange {
  title: string;
  description: string;
  category: TaskCategory;
  assigneeId: string | null;
  notes: string;
  status: TaskStatus;
  /** when true, the status fields record who changed it, when and why */
  statusChanged: boolean;
  by: string;
  reason: string | null;
  /** true: due at `dueAt` by hand; false: due follows the talk again; null: unchanged */
  dueOverride: boolean | null;
  dueAt: string | null;
}

export const updateTask = (m: EntityManager, id: string, c: TaskChange) =>
  sql(
    m,
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
      c.title,
      c.description,
      c.category,
      c.assigneeId,
      c.notes,
      c.status,
      c.statusChanged,
      c.by,
      c.reason,
      c.dueOverride,
      c.dueAt,
    ],
  );

// ---- the board ---------------------------------------------------------------------------------

export interface BoardWhere {
  status?: TaskStatus[];
  overdue?: boolean;
  /** only (true) or none of (false) the tasks "after the talk" */
  afterTalk?: boolean;
  dueBefore?: string;
  assigneeId?: string;
  category?: TaskCategory[];
  eventId?: string;
  proposalId?: string;
  /** a team role's key */
  role?: string;
}

/** The row counts a board page reads (a limit is rounded up to the next; the schema caps it at 200 + 1). */
const PAGE_SIZES = [26, 51, 101, 201, 501];

/**
 * One page of a community's tasks, soonest due first (undated last) — the task_board index's own
 * order — with counts per category and status of the whole filtered set.
 */
export async function boardPage(
  m: EntityManager,
  communityId: string,
  f: BoardWhere,
  after: [string, string] | null,
  limit: number,
) {
  const params: unknown[] = [communityId];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = ['t.community_id = $1'];
  if (f.status?.length) where.push(`t.status = ANY(${p(f.status)}::task_status[])`);
  if (f.overdue) where.push(overdueSql('t'));
  if (f.afterTalk !== undefined) where.push(f.afterTalk ? afterTalkSql('t') : `NOT ${afterTalkSql('t')}`);
  if (f.dueBefore) where.push(`t.due_at < ${p(f.dueBefore)}`);
  if (f.assigneeId) where.push(`t.assignee_id = ${p(f.assigneeId)}::uuid`);
  if (f.category?.length) where.push(`t.category = ANY(${p(f.category)}::task_category[])`);
  if (f.proposalId) where.push(`t.proposal_id = ${p(f.proposalId)}`);
  if (f.role)
    where.push(`t.role_id = (SELECT r.id FROM team_role r WHERE r.community_id = $1 AND r.key = ${p(f.role)})`);
  if (f.eventId)
    where.push(`EXISTS (SELECT 1 FROM slot fs WHERE fs.proposal_id = t.proposal_id AND fs.event_id = ${p(f.eventId)})`);
  const filtered = where.join(' AND ');
  const counting = sql<{ category: TaskCategory; status: TaskStatus; n: number }>(
    m,
    `SELECT t.category, t.status, count(*)::int AS n FROM task t WHERE ${filtered} GROUP BY 1, 2`,
    [...params],
  );
  if (after) {
    where.push(
      after[0] === ''
        ? `(t.due_at IS NULL AND t.id > ${p(after[1])}::uuid)`
        : `(t.due_at > ${p(after[0])}::timestamptz OR (t.due_at = ${p(after[0])}::timestamptz AND t.id > ${p(after[1])}::uuid) OR t.due_at IS NULL)`,
    );
  }
  // The page first, from task alone (task_due's order, or task_board's with a status), then its
  // joins: joining every task of the community before sorting was most of a board's miss (issue #30).
  const order = 't.due_at ASC NULLS LAST, t.id';
  const paging = sql<TaskRow & { due_key: string | null }>(
    m,
    `${TASK_SELECT.replace('SELECT t.id,', 'SELECT t.due_at::text AS due_key, t.id,').replace(
      'FROM task t',
      // The limit is written in, so the one plan PostgreSQL keeps for this statement is made for a
      // page, not for an unknown share of the community's tasks; rounded up to one of a few sizes (the
      // caller takes what it asked for), so limits do not each make a statement of their own.
      `FROM (SELECT * FROM task t WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${PAGE_SIZES.find((n) => n >= limit) ?? Math.trunc(limit)}) t`,
    )}
      ORDER BY ${order}`,
    params,
  );
  const [counts, rows] = await Promise.all([counting, paging]);
  return { rows, counts };
}

/**
 * A person's open tasks in every community, soonest due first (undated, then "after the talk" last),
 * with the community's slug.
 */
export const openTasksOf = (m: EntityManager, personId: string, limit: number) =>
  sql<TaskRow & { slug: string }>(
    m,
    `${TASK_SELECT.replace('SELECT t.id,', 'SELECT c.slug, t.id,')} JOIN community c ON c.id = t.community_id
      WHERE t.assignee_id = $1 AND t.status = 'open'
      ORDER BY ${afterTalkSql('t')}, t.due_at ASC NULLS LAST, t.id LIMIT $2`,
    [personId, limit],
  );

/** Runs ENQUEUE_DIGESTS (the scheduled job). */
export const enqueueDigests = (m: EntityManager) => sql(m, ENQUEUE_DIGESTS);

/** Whether the role is one of the community's team roles. */
export const roleOf = async (m: EntityManager, communityId: string, roleId: string) =>
  (await sql(m, 'SELECT 1 FROM team_role WHERE community_id = $1 AND id = $2', [communityId, roleId])).length > 0;
