import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';

export const BUCKETS = ['week', 'month', 'quarter', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];
/**
 * A community's health per bucket, in one statement. $1 community, $2 time zone, $3 date_trunc unit,
 * $4 the unit as an interval, $5 from (date, inclusive), $6 to (date, exclusive). Every fact is put
 * in the bucket of its local date in the community's time zone:
 * - proposals submitted: by submitted_at; accepted and rejected: by the decision's time (a proposal
 *   counts once per bucket); acceptance rate = accepted ÷ (accepted + rejected);
 * - talks given: slots of published events that have ended, of accepted/confirmed proposals, by start;
 *   speakers: distinct speakers of those; first-timers: speakers whose first talk in this community is in the bucket;
 * - events held: published events that have ended; RSVPs: going; attended: checked in; rate = attended ÷ RSVPs;
 * - departments reached: distinct departments of the bucket's speakers and of people going to or checked in at its events;
 * - feedback: mean rating of the bucket's talks; lessons: share of its talks with a published lesson;
 * - tasks on time: of tasks due in the bucket (and already due), not skipped, the share done by their due time;
 * - nominations: made in the bucket; to proposals: of those, how many led to a submitted proposal;
 * - topic wishes: posted in the bucket; wish votes: cast in the bucket (withdrawn votes are gone).
 * The community's proposals and talks drive the joins into proposal_transition and proposal_speaker
 * (OFFSET 0 keeps PostgreSQL from flattening them): those tables hold every community's rows, and
 * scanning them whole was a third of a five-year miss (issue #30).
 */
export const METRICS_SQL = `
WITH range AS (
  SELECT ($5::date::timestamp AT TIME ZONE $2) AS lo, ($6::date::timestamp AT TIME ZONE $2) AS hi
), buckets AS (
  SELECT g AS b FROM generate_series(date_trunc($3, $5::date::timestamp), $6::date::timestamp - interval '1 microsecond', $4::interval) g
), submitted AS (
  SELECT date_trunc($3, p.submitted_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM proposal p, range WHERE p.community_id = $1 AND p.submitted_at >= range.lo AND p.submitted_at < range.hi GROUP BY 1
), decided AS (
  SELECT b, count(DISTINCT proposal_id) FILTER (WHERE to_state = 'accepted')::int AS accepted,
            count(DISTINCT proposal_id) FILTER (WHERE to_state = 'rejected')::int AS rejected
    FROM (SELECT date_trunc($3, t.at AT TIME ZONE $2) AS b, t.proposal_id, t.to_state
            FROM (SELECT id FROM proposal WHERE community_id = $1 OFFSET 0) p JOIN proposal_transition t ON t.proposal_id = p.id, range
           WHERE t.to_state IN ('accepted', 'rejected') AND t.at >= range.lo AND t.at < range.hi) x
   GROUP BY b
), all_talks AS MATERIALIZED (
  SELECT p.id, s.starts_at FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
   WHERE e.community_id = $1 AND e.status = 'published' AND p.state IN ('accepted', 'confirmed') AND s.ends_at <= now()
), talks AS MATERIALIZED (
  SELECT t.id, date_trunc($3, t.starts_at AT TIME ZONE $2) AS b FROM all_talks t, range WHERE t.starts_at >= range.lo AND t.starts_at < range.hi
), speakers AS MATERIALIZED (
  SELECT DISTINCT t.b, ps.person_id FROM talks t JOIN proposal_speaker ps ON ps.proposal_id = t.id
), speaker_counts AS (
  SELECT s.b, count(*)::int AS speakers,
         count(*) FILTER (WHERE f.first_at >= range.lo AND date_trunc($3, f.first_at AT TIME ZONE $2) = s.b)::int AS first_timers
    FROM speakers s CROSS JOIN range
    JOIN (SELECT ps.person_id, min(t.starts_at) AS first_at
            FROM all_talks t CROSS JOIN LATERAL (SELECT person_id FROM proposal_speaker WHERE proposal_id = t.id OFFSET 0) ps GROUP BY ps.person_id) f
      ON f.person_id = s.person_id
   GROUP BY s.b
), held AS MATERIALIZED (
  SELECT e.id, date_trunc($3, e.starts_at AT TIME ZONE $2) AS b FROM event e, range
   WHERE e.community_id = $1 AND e.status = 'published' AND e.ends_at <= now() AND e.starts_at >= range.lo AND e.starts_at < range.hi
), held_counts AS (
  SELECT b, count(*)::int AS n FROM held GROUP BY b
), attendance AS (
  SELECT h.b, count(*) FILTER (WHERE r.status = 'going')::int AS rsvps, count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS attended
    FROM held h JOIN rsvp r ON r.event_id = h.id GROUP BY h.b
), departments AS (
  -- Compared bytewise ("C"): equal strings are equal in any deterministic collation, and the sort
  -- this DISTINCT makes was a fifth of the whole statement with the default collation's comparisons.
  SELECT b, count(DISTINCT lower(btrim(department)) COLLATE "C")::int AS n FROM (
    SELECT s.b, pe.department FROM speakers s JOIN person pe ON pe.id = s.person_id
    UNION ALL
    SELECT h.b, pe.department FROM held h JOIN rsvp r ON r.event_id = h.id AND (r.status = 'going' OR r.checked_in_at IS NOT NULL) JOIN person pe ON pe.id = r.person_id
  ) x WHERE btrim(department) <> '' GROUP BY b
), talk_facts AS (
  SELECT t.b, count(*)::int AS talks, count(l.proposal_id)::int AS with_lesson
    FROM talks t LEFT JOIN lesson l ON l.proposal_id = t.id AND l.status = 'published' GROUP BY t.b
), ratings AS (
  SELECT t.b, avg(f.rating)::float8 AS mean FROM talks t JOIN feedback f ON f.proposal_id = t.id GROUP BY t.b
), tasks AS (
  SELECT date_trunc($3, k.due_at AT TIME ZONE $2) AS b, count(*)::int AS due,
         count(*) FILTER (WHERE k.status = 'done' AND k.status_at <= k.due_at)::int AS on_time
    FROM task k, range WHERE k.community_id = $1 AND k.status <> 'skipped' AND k.due_at <= now() AND k.due_at >= range.lo AND k.due_at < range.hi
   GROUP BY 1
), nominations AS (
  SELECT date_trunc($3, n.created_at AT TIME ZONE $2) AS b, count(*)::int AS made,
         count(*) FILTER (WHERE p.submitted_at IS NOT NULL)::int AS to_proposals
    FROM nomination n LEFT JOIN proposal p ON p.id = n.proposal_id, range
   WHERE n.community_id = $1 AND n.created_at >= range.lo AND n.created_at < range.hi GROUP BY 1
), wishes AS (
  SELECT date_trunc($3, w.created_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM topic_wish w, range WHERE w.community_id = $1 AND w.created_at >= range.lo AND w.created_at < range.hi GROUP BY 1
), wish_votes AS (
  SELECT date_trunc($3, v.created_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM topic_wish_vote v JOIN topic_wish w ON w.id = v.wish_id, range
   WHERE w.community_id = $1 AND v.created_at >= range.lo AND v.created_at < range.hi GROUP BY 1
)
SELECT to_char(bk.b, 'YYYY-MM-DD') AS bucket,
       coalesce(su.n, 0) AS proposals_submitted, coalesce(de.accepted, 0) AS proposals_accepted, coalesce(de.rejected, 0) AS proposals_rejected,
       coalesce(sc.speakers, 0) AS speakers, coalesce(sc.first_timers, 0) AS first_time_speakers,
       coalesce(dp.n, 0) AS departments, coalesce(hc.n, 0) AS events_held,
       coalesce(tf.talks, 0) AS talks_given,
       coalesce(at.rsvps, 0) AS rsvps, coalesce(at.attended, 0) AS attended,
       ra.mean AS mean_feedback, coalesce(tf.with_lesson, 0) AS talks_with_lesson,
       coalesce(tk.due, 0) AS tasks_due, coalesce(tk.on_time, 0) AS tasks_on_time,
       coalesce(nm.made, 0) AS nominations, coalesce(nm.to_proposals, 0) AS nominations_to_proposals,
       coalesce(wi.n, 0) AS topic_wishes, coalesce(wv.n, 0) AS wish_votes
  FROM buckets bk
  LEFT JOIN submitted su ON su.b = bk.b LEFT JOIN decided de ON de.b = bk.b LEFT JOIN departments dp ON dp.b = bk.b
  LEFT JOIN speaker_counts sc ON sc.b = bk.b LEFT JOIN held_counts hc ON hc.b = bk.b LEFT JOIN ratings ra ON ra.b = bk.b
  LEFT JOIN attendance at ON at.b = bk.b LEFT JOIN talk_facts tf ON tf.b = bk.b LEFT JOIN tasks tk ON tk.b = bk.b LEFT JOIN nominations nm ON nm.b = bk.b
  LEFT JOIN wishes wi ON wi.b = bk.b LEFT JOIN wish_votes wv ON wv.b = bk.b
 ORDER BY bk.b`;

export interface Row {
  bucket: string;
  proposals_submitted: number;
  proposals_accepted: number;
  proposals_rejected: number;
  speakers: number;
  first_time_speakers: number;
  departments: number;
  events_held: number;
  talks_given: number;
  rsvps: number;
  attended: number;
  mean_feedback: number | null;
  talks_with_lesson: number;
  tasks_due: number;
  tasks_on_time: number;
  nominations: number;
  nominations_to_proposals: number;
  topic_wishes: number;
  wish_votes: number;
}

const INTERVAL: Record<Bucket, string> = { week: '1 week', month: '1 month', quarter: '3 months', year: '1 year' };

/** The community's figures per bucket of [from, to) in its time zone. */
export const figuresByBucket = (
  m: EntityManager,
  communityId: string,
  tz: string,
  from: string,
  to: string,
  bucket: Bucket,
) => sql<Row>(m, METRICS_SQL, [communityId, tz, bucket, INTERVAL[bucket], from, to]);
