/**
 * The checklist's life with its talk, as plain SQL run in the caller's transaction (proposals and
 * agenda call these; due dates themselves follow slots through the schedule_tasks trigger).
 */
import type { EntityManager } from 'typeorm';

/**
 * On acceptance: one task per active template (once, even if a talk is accepted twice). Speaker
 * tasks go to the primary speaker unless the template names someone; due dates are computed now
 * if the talk already has a slot, and by the trigger when it gets one.
 */
export async function createChecklist(m: EntityManager, proposalId: string): Promise<void> {
  await m.query(
    `INSERT INTO task (community_id, proposal_id, template_id, title, description, category, owner, assignee_id, offset_days, due_at)
     SELECT p.community_id, p.id, t.id, t.title, t.description, t.category, t.owner,
            coalesce(t.default_assignee_id, CASE WHEN t.owner = 'speaker' THEN sp.person_id END),
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
  await m.query(
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
  await m.query(
    `INSERT INTO task_template (community_id, title, description, category, owner, offset_days, position)
     SELECT $1, t.title, t.description, t.category::task_category, t.owner::task_owner, t."offsetDays", t.position
       FROM json_to_recordset($2::json) AS t(title text, description text, category text, owner text, "offsetDays" int, position int)`,
    [communityId, JSON.stringify(templates.map((t, position) => ({ ...t, position })))],
  );
}
