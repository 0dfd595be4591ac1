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
 * Each row also says when its bucket ends, until when its figures hold if nothing is written (the
 * first moment an event or talk that started in it ends, a task falls due, or a talk under way that
 * started before its end ends), and whether it may be kept (metrics.rollup.ts): it ends inside the
 * period or the period reaches past now, and, if it ends after now, no fact in it is dated later
 * than now (then its figures are the whole bucket's, whatever later moment a period ends at). A first bucket that begins
 * before `from` is kept as the part from `from` on (under that date).
 * Every fact is found from its time (indexes on submission, decision, talk, due and creation times),
 * never by scanning the community's whole history: a request usually computes only the open
 * bucket, the rest being kept (issue #30); a first-timer is a speaker with no earlier talk.
 */
/** The period's ends as moments: written out (not read from a CTE) so that they bound index scans. */
const LO = `($5::date::timestamp AT TIME ZONE $2)`;
const HI = `($6::date::timestamp AT TIME ZONE $2)`;
/** The end of the period's last bucket (the period may end inside it). */
const LAST_END = `((date_trunc($3, $6::date::timestamp - interval '1 microsecond') + $4::interval) AT TIME ZONE $2)`;

export const METRICS_SQL = `
WITH range AS (
  SELECT ${LO} AS lo, ${HI} AS hi
), buckets AS (
  SELECT g AS b FROM generate_series(date_trunc($3, $5::date::timestamp), $6::date::timestamp - interval '1 microsecond', $4::interval) g
), submitted AS (
  SELECT date_trunc($3, p.submitted_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM proposal p WHERE p.community_id = $1 AND p.submitted_at >= ${LO} AND p.submitted_at < ${HI} GROUP BY 1
), decided AS (
  SELECT b, count(DISTINCT proposal_id) FILTER (WHERE to_state = 'accepted')::int AS accepted,
            count(DISTINCT proposal_id) FILTER (WHERE to_state = 'rejected')::int AS rejected
    FROM (SELECT date_trunc($3, t.at AT TIME ZONE $2) AS b, t.proposal_id, t.to_state
            FROM proposal_transition t JOIN proposal p ON p.id = t.proposal_id
           WHERE p.community_id = $1 AND t.to_state IN ('accepted', 'rejected') AND t.at >= ${LO} AND t.at < ${HI}) x
   GROUP BY b
), talks AS MATERIALIZED (
  SELECT p.id, s.starts_at, date_trunc($3, s.starts_at AT TIME ZONE $2) AS b
    FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
   WHERE e.community_id = $1 AND e.status = 'published' AND p.state IN ('accepted', 'confirmed') AND s.ends_at <= now()
     AND s.starts_at >= ${LO} AND s.starts_at < ${HI}
), speakers AS MATERIALIZED (
  SELECT t.b, ps.person_id, min(t.starts_at) AS first_here FROM talks t JOIN proposal_speaker ps ON ps.proposal_id = t.id GROUP BY 1, 2
), speaker_counts AS (
  -- a first-timer's first talk in the bucket is their first talk in the community
  SELECT s.b, count(*)::int AS speakers,
         count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM proposal_speaker ps JOIN slot sl ON sl.proposal_id = ps.proposal_id JOIN event e ON e.id = sl.event_id
             JOIN proposal p ON p.id = ps.proposal_id
            WHERE ps.person_id = s.person_id AND sl.starts_at < s.first_here AND sl.ends_at <= now()
              AND e.community_id = $1 AND e.status = 'published' AND p.state IN ('accepted', 'confirmed')))::int AS first_timers
    FROM speakers s
   GROUP BY s.b
), held AS MATERIALIZED (
  SELECT e.id, date_trunc($3, e.starts_at AT TIME ZONE $2) AS b FROM event e
   WHERE e.community_id = $1 AND e.status = 'published' AND e.ends_at <= now() AND e.starts_at >= ${LO} AND e.starts_at < ${HI}
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
    FROM task k WHERE k.community_id = $1 AND k.status <> 'skipped' AND k.due_at <= now() AND k.due_at >= ${LO} AND k.due_at < ${HI}
   GROUP BY 1
), nominations AS (
  SELECT date_trunc($3, n.created_at AT TIME ZONE $2) AS b, count(*)::int AS made,
         count(*) FILTER (WHERE p.submitted_at IS NOT NULL)::int AS to_proposals
    FROM nomination n LEFT JOIN proposal p ON p.id = n.proposal_id
   WHERE n.community_id = $1 AND n.created_at >= ${LO} AND n.created_at < ${HI} GROUP BY 1
), wishes AS (
  SELECT date_trunc($3, w.created_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM topic_wish w WHERE w.community_id = $1 AND w.created_at >= ${LO} AND w.created_at < ${HI} GROUP BY 1
), flips AS (
  -- when a bucket's figures next change by time alone: an event or talk that started in it ends, a task falls due
  SELECT b, min(at) AS at FROM (
    -- (only what starts or falls due before the period's last bucket ends: later is in buckets it does not show;
    -- a bucket the period cuts is kept whole, so its flips are counted to its end, not the period's)
    SELECT date_trunc($3, e.starts_at AT TIME ZONE $2) AS b, e.ends_at AS at FROM event e
     WHERE e.community_id = $1 AND e.starts_at >= ${LO} AND e.starts_at < ${LAST_END} AND e.ends_at > now()
    UNION ALL
    SELECT date_trunc($3, s.starts_at AT TIME ZONE $2), s.ends_at FROM slot s JOIN event e ON e.id = s.event_id
     WHERE e.community_id = $1 AND s.starts_at >= ${LO} AND s.starts_at < ${LAST_END} AND s.ends_at > now()
    UNION ALL
    SELECT date_trunc($3, k.due_at AT TIME ZONE $2), k.due_at FROM task k
     WHERE k.community_id = $1 AND k.due_at >= ${LO} AND k.due_at < ${LAST_END} AND k.due_at > now() AND k.status <> 'skipped'
  ) x GROUP BY b
), ongoing AS (
  -- talks under way: when one ends, a later talk by the same speaker may stop being a first one
  SELECT min(s.starts_at) AS since, min(s.ends_at) AS until FROM slot s JOIN event e ON e.id = s.event_id
   WHERE e.community_id = $1 AND s.starts_at <= now() AND s.ends_at > now()
), future AS (
  -- the first fact dated after now that counts by its date alone (none can be made through the API)
  SELECT least((SELECT min(submitted_at) FROM proposal WHERE community_id = $1 AND submitted_at > now()),
               (SELECT min(t.at) FROM proposal_transition t JOIN proposal p ON p.id = t.proposal_id
                 WHERE p.community_id = $1 AND t.to_state IN ('accepted', 'rejected') AND t.at > now()),
               (SELECT min(created_at) FROM nomination WHERE community_id = $1 AND created_at > now()),
               (SELECT min(created_at) FROM topic_wish WHERE community_id = $1 AND created_at > now()),
               (SELECT min(v.created_at) FROM topic_wish_vote v JOIN topic_wish w ON w.id = v.wish_id
                 WHERE w.community_id = $1 AND v.created_at > now())) AS at
), wish_votes AS (
  SELECT date_trunc($3, v.created_at AT TIME ZONE $2) AS b, count(*)::int AS n
    FROM topic_wish_vote v JOIN topic_wish w ON w.id = v.wish_id
   WHERE w.community_id = $1 AND v.created_at >= ${LO} AND v.created_at < ${HI} GROUP BY 1
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
       coalesce(wi.n, 0) AS topic_wishes, coalesce(wv.n, 0) AS wish_votes,
       (bk.b + $4::interval) AT TIME ZONE $2 AS ends_at,
       coalesce(least(fl.at, CASE WHEN (bk.b + $4::interval) AT TIME ZONE $2 > og.since THEN og.until END), 'infinity') AS valid_until,
       ((bk.b + $4::interval) AT TIME ZONE $2 <= range.hi OR range.hi > now())
         AND ((bk.b + $4::interval) AT TIME ZONE $2 <= now() OR coalesce(future.at >= (bk.b + $4::interval) AT TIME ZONE $2, true)) AS keep
  FROM buckets bk CROSS JOIN range CROSS JOIN future CROSS JOIN ongoing og LEFT JOIN flips fl ON fl.b = bk.b
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
/** A computed row: the figures, when its bucket ends, and whether it may be kept. */
export interface LiveRow extends Row {
  ends_at: Date;
  valid_until: Date;
  keep: boolean;
}

export const INTERVAL: Record<Bucket, string> = {
  week: '1 week',
  month: '1 month',
  quarter: '3 months',
  year: '1 year',
};

/** The community's figures per bucket of [from, to) in its time zone. */
export const figuresByBucket = (
  m: EntityManager,
  communityId: string,
  tz: string,
  from: string,
  to: string,
  bucket: Bucket,
) => sql<LiveRow>(m, METRICS_SQL, [communityId, tz, bucket, INTERVAL[bucket], from, to]);

/**
 * The kept figures of the buckets of [from, to), in order, as one JSON array (null for a bucket not
 * kept), and how many are not kept. A kept bucket counts where its figures hold now and, when the
 * period cuts it, while the period reaches past now.
 */
const KEPT_SQL = `
SELECT count(*) FILTER (WHERE b.figures IS NULL)::int AS missing, json_agg(b.figures ORDER BY g)::text AS figures,
       (array_agg(to_char(greatest(g::date, $5::date), 'YYYY-MM-DD') ORDER BY g) FILTER (WHERE b.figures IS NULL))[1] AS first_missing
  FROM generate_series(date_trunc($3, $5::date::timestamp), $6::date::timestamp - interval '1 microsecond', $4::interval) g
  LEFT JOIN metrics_bucket b ON b.community_id = $1 AND b.unit = $3 AND b.time_zone = $2 AND b.starts = greatest(g::date, $5::date)
       AND b.valid_until > now() AND ((g + $4::interval) <= $6::date::timestamp OR $6::date::timestamp AT TIME ZONE $2 > now())`;

/**
 * A claim, taken only while no writer that touched the community is uncommitted (see migration
 * MetricsRollup); claims left by a reader that died go after ten minutes.
 */
const CLAIM_SQL = `
WITH stale AS (DELETE FROM metrics_claim WHERE created_at < now() - interval '10 minutes')
INSERT INTO metrics_claim (community_id) SELECT $1::uuid WHERE pg_try_advisory_xact_lock(8317, hashtext($1::uuid::text))
RETURNING id`;

/**
 * METRICS_SQL, keeping with claim $7 (when not null) the rows that may be kept and end by the claim's
 * `upto`, which every write since the claim has lowered to the earliest moment it touched; the claim
 * ends. Each row also carries the buckets kept from $8 up to $5, read in the same snapshot.
 */
const COMPUTE_AND_KEEP_SQL = `
WITH rows AS (${METRICS_SQL}), c AS (
  DELETE FROM metrics_claim WHERE id = $7 RETURNING upto
), kept AS (
  INSERT INTO metrics_bucket AS k (community_id, unit, time_zone, starts, ends_at, valid_until, figures)
  SELECT $1, $3, $2, greatest(r.bucket::date, $5::date), r.ends_at, r.valid_until, to_jsonb(r) - 'ends_at' - 'valid_until' - 'keep'
    FROM rows r, c WHERE r.keep AND r.ends_at <= c.upto
  ON CONFLICT (community_id, unit, time_zone, starts)
  DO UPDATE SET figures = excluded.figures, ends_at = excluded.ends_at, valid_until = excluded.valid_until
)
SELECT r.*, (SELECT json_agg(k.figures ORDER BY k.starts) FROM metrics_bucket k
                WHERE k.community_id = $1 AND k.unit = $3 AND k.time_zone = $2 AND k.starts >= $8::date
                  AND k.starts < $5::date AND k.valid_until > now()) AS kept
  FROM rows r ORDER BY bucket`;

export interface Kept {
  missing: number;
  /** JSON: the buckets' kept figures (Row), null where not kept */
  figures: string;
  first_missing: string | null;
}

/** The kept figures of the buckets of [from, to) (metrics.rollup.ts). */
export const keptBuckets = async (
  m: EntityManager,
  communityId: string,
  tz: string,
  from: string,
  to: string,
  unit: Bucket,
) => (await sql<Kept>(m, KEPT_SQL, [communityId, tz, unit, INTERVAL[unit], from, to]))[0];

/** A claim's id, or null while a writer that touched the community is uncommitted. */
export const claimBuckets = async (m: EntityManager, communityId: string) =>
  (await sql<{ id: string }>(m, CLAIM_SQL, [communityId]))[0]?.id ?? null;

/**
 * The figures of [from, to), computed (with a claim, the rows that may be kept are kept), and the
 * buckets kept for [keptFrom, from), in one snapshot.
 */
export const computeAndKeep = (
  m: EntityManager,
  communityId: string,
  tz: string,
  keptFrom: string,
  from: string,
  to: string,
  unit: Bucket,
  claim: string | null,
) =>
  sql<LiveRow & { kept: Row[] | null }>(m, COMPUTE_AND_KEEP_SQL, [
    communityId,
    tz,
    unit,
    INTERVAL[unit],
    from,
    to,
    claim,
    keptFrom,
  ]);

export const releaseClaim = (m: EntityManager, claimId: string) =>
  sql(m, `DELETE FROM metrics_claim WHERE id = $1`, [claimId]);
