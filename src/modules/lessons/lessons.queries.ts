/** The lessons module's SQL: statements, row types and small typed query functions. */

/**
 * "What did you learn?": once a talk's slot has ended (within the last 14 days, so turning this on
 * does not write to speakers of talks long past), its speakers are asked once — lesson_prompt's
 * primary key says so — and reminded once after 3 days if the lesson is still not published: the
 * UPDATE … WHERE reminded_at IS NULL is re-checked under the row lock, so concurrent runs remind once.
 */
export const ENQUEUE_LESSON_PROMPTS = `
  WITH ended AS (
    SELECT s.proposal_id FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
     WHERE s.ends_at <= now() AND s.ends_at > now() - interval '14 days' AND e.status = 'published' AND p.state IN ('accepted', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = s.proposal_id AND l.status = 'published')
  ), fresh AS (
    INSERT INTO lesson_prompt (proposal_id) SELECT proposal_id FROM ended ON CONFLICT DO NOTHING RETURNING proposal_id
  ), due AS (
    UPDATE lesson_prompt lp SET reminded_at = now()
     WHERE lp.reminded_at IS NULL AND lp.prompted_at <= now() - interval '3 days'
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = lp.proposal_id AND l.status = 'published')
    RETURNING proposal_id
  ), asks AS (
    SELECT proposal_id, false AS reminder FROM fresh UNION ALL SELECT proposal_id, true FROM due
  )
  SELECT count(graphile_worker.add_job('mail',
           json_build_object('kind', 'lesson-prompt', 'proposalId', a.proposal_id, 'personId', ps.person_id, 'reminder', a.reminder),
           job_key => 'lesson-' || CASE WHEN a.reminder THEN 'reminder' ELSE 'prompt' END || ':' || a.proposal_id || ':' || ps.person_id))::int AS n
    FROM asks a JOIN proposal_speaker ps ON ps.proposal_id = a.proposal_id`;
