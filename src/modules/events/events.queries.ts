/** The events module's SQL: statements, row types and small typed query functions. */

/**
 * Reminders 24 hours ahead, to attendees going and to speakers. The reminder log's primary key
 * makes it once per person per event, however many workers run this at once; the log row and the
 * mail job are written in one statement.
 */
export const ENQUEUE_REMINDERS = `
  WITH due AS (
    SELECT e.id AS event_id, r.person_id FROM event e JOIN rsvp r ON r.event_id = e.id AND r.status = 'going'
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
    UNION
    SELECT e.id, ps.person_id FROM event e JOIN slot s ON s.event_id = e.id JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
  ), fresh AS (
    INSERT INTO reminder_log (event_id, person_id) SELECT event_id, person_id FROM due ON CONFLICT DO NOTHING RETURNING event_id, person_id
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'reminder', 'eventId', event_id, 'personId', person_id),
                                      job_key => 'reminder:' || event_id || ':' || person_id))::int AS n
    FROM fresh`;
