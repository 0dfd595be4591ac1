/** The tasks module's SQL: statements, row types and small typed query functions. */

/** The daily digest: one per assignee with open tasks overdue or due within 3 days, once a day. */
export const ENQUEUE_DIGESTS = `
  WITH due AS (
    SELECT DISTINCT assignee_id FROM task WHERE status = 'open' AND assignee_id IS NOT NULL AND due_at < now() + interval '3 days'
  ), fresh AS (
    INSERT INTO digest_log (person_id, day) SELECT assignee_id, current_date FROM due ON CONFLICT DO NOTHING RETURNING person_id, day
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'task-digest', 'personId', person_id, 'day', day),
                                      job_key => 'digest:' || person_id || ':' || day))::int AS n
    FROM fresh`;
