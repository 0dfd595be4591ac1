import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #30: a community's figures are kept per bucket (metrics_bucket, with the moment until which
 * they hold by time alone), so that five years by month are one read of 61 rows. Kept buckets stay
 * exact under writes because the database, not the code that writes, forgets them: after any write
 * to a table a figure is made of, `metrics_touch(community, t)` deletes the community's kept buckets
 * that end after `t`, the earliest moment the write changed a figure for (a proposal's submission, a
 * decision, a talk's start, an event's start for its RSVPs, a task's due time, a nomination's, wish's
 * or vote's creation; a speaker's department reaches back to their first talk or RSVP). A talk at `t`
 * can change first-timers only at or after `t`, so "ends after `t`" covers them.
 *
 * Readers that compute buckets to keep take a claim first (metrics.rollup.ts): `metrics_touch` lowers
 * every open claim of the community to `t`, and the reader keeps only buckets that end by its claim.
 * The claim is taken under `pg_try_advisory_xact_lock(8317, community)`, which writers hold shared
 * from their touch to their commit: a claim is only taken when no writer that touched is still
 * uncommitted, so every earlier write is in the reader's snapshot and every later one lowers the claim.
 * Once per transaction and community a touch at `t` is enough for any later one at or after `t`.
 * Touches run at commit (deferred constraint triggers), so a writer holds the lock and the rows it
 * deletes only while committing. A write whose figures depend on another concurrent write (a
 * speaker, rating or lesson on a talk being placed; a department of a person being given an RSVP
 * or a talk) locks the row the other locks, so one of the two always sees the other and touches.
 * Writers run at READ COMMITTED (each statement of a touch takes a fresh snapshot); a TRUNCATE or
 * triggers switched off bypass all this, and then metrics_bucket must be emptied too.
 */
const TOUCH = `
  CREATE FUNCTION metrics_touch(cid uuid, t timestamptz) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    key text := 'bb.metrics_' || replace(cid::text, '-', '');
    prev text := current_setting(key, true);
  BEGIN
    IF cid IS NULL OR t IS NULL THEN RETURN; END IF;
    IF coalesce(prev, '') <> '' AND prev::timestamptz <= t THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock_shared(8317, hashtext(cid::text));
    UPDATE metrics_claim SET upto = t WHERE community_id = cid AND upto > t;
    -- (a statement of its own: its snapshot is taken after the update above waited for a reader
    -- that was keeping buckets under a claim, so it sees, and deletes, what that reader kept)
    DELETE FROM metrics_bucket WHERE community_id = cid AND ends_at > t;
    PERFORM set_config(key, t::text, true);
  END $$`;

/** When a proposal's talk starts (its slot), or NULL: the moment its speakers, lesson and feedback count for. */
const TALK_START = `
  CREATE FUNCTION metrics_talk_start(pid uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$
    SELECT min(starts_at) FROM slot WHERE proposal_id = pid
  $$`;

const DIRTY = `
  CREATE FUNCTION metrics_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record;
    pass int;
    t timestamptz;
  BEGIN
    FOR pass IN 1..2 LOOP
      CONTINUE WHEN (pass = 1 AND TG_OP = 'INSERT') OR (pass = 2 AND TG_OP = 'DELETE');
      IF pass = 1 THEN r := OLD; ELSE r := NEW; END IF;
      IF TG_TABLE_NAME = 'proposal' THEN
        IF TG_OP = 'INSERT' THEN
          -- (a new proposal has no slot yet, and no nomination points to it)
          PERFORM metrics_touch(r.community_id, r.submitted_at);
        ELSE
          -- (a delete is seen before its cascade, while its decisions, slot and nominations are still there)
          PERFORM metrics_touch(r.community_id, least(r.submitted_at, metrics_talk_start(r.id),
                                (SELECT min(created_at) FROM nomination WHERE proposal_id = r.id),
                                CASE WHEN TG_OP = 'DELETE' THEN (SELECT min(at) FROM proposal_transition WHERE proposal_id = r.id) END));
        END IF;
      ELSIF TG_TABLE_NAME = 'proposal_transition' THEN
        -- only decisions are counted by their time
        IF r.to_state IN ('accepted', 'rejected') THEN
          PERFORM metrics_touch((SELECT community_id FROM proposal WHERE id = r.proposal_id), r.at);
        END IF;
      ELSIF TG_TABLE_NAME IN ('proposal_speaker', 'feedback', 'lesson') THEN
        -- A talk's speakers, ratings and lesson count at its start; without a slot, for nothing. When
        -- no slot is seen, the share lock waits for one being placed (the slot branch locks the
        -- proposal), and a second look sees it once placed: one of the two writes sees the other.
        t := metrics_talk_start(r.proposal_id);
        IF t IS NULL THEN
          PERFORM 1 FROM proposal WHERE id = r.proposal_id FOR SHARE;
          t := metrics_talk_start(r.proposal_id);
        END IF;
        IF t IS NOT NULL THEN
          -- a speaker's department counts from now on: wait for a change to it (see the person branch)
          IF TG_TABLE_NAME = 'proposal_speaker' THEN PERFORM 1 FROM person WHERE id = r.person_id FOR SHARE; END IF;
          PERFORM metrics_touch((SELECT community_id FROM proposal WHERE id = r.proposal_id), t);
        END IF;
      ELSIF TG_TABLE_NAME = 'slot' THEN
        -- (conflicts with the share lock a speaker, rating or lesson of the same talk takes when it
        -- sees no slot; the speakers' departments count from now on, see the person branch)
        PERFORM 1 FROM proposal WHERE id = r.proposal_id FOR NO KEY UPDATE;
        PERFORM 1 FROM person WHERE id IN (SELECT person_id FROM proposal_speaker WHERE proposal_id = r.proposal_id) FOR SHARE;
        PERFORM metrics_touch((SELECT community_id FROM event WHERE id = r.event_id), r.starts_at);
      ELSIF TG_TABLE_NAME = 'event' THEN
        -- its RSVPs count at its start; a delete is seen before its slots go
        PERFORM metrics_touch(r.community_id, least(r.starts_at, (SELECT min(starts_at) FROM slot WHERE event_id = r.id)));
      ELSIF TG_TABLE_NAME = 'rsvp' THEN
        -- (waits for a department being changed: see the person branch)
        PERFORM 1 FROM person WHERE id = r.person_id FOR SHARE;
        PERFORM metrics_touch(e.community_id, e.starts_at) FROM event e WHERE e.id = r.event_id;
      ELSIF TG_TABLE_NAME = 'task' THEN
        PERFORM metrics_touch(r.community_id, r.due_at);
      ELSIF TG_TABLE_NAME IN ('nomination', 'topic_wish') THEN
        PERFORM metrics_touch(r.community_id, r.created_at);
      ELSIF TG_TABLE_NAME = 'topic_wish_vote' THEN
        PERFORM metrics_touch((SELECT community_id FROM topic_wish WHERE id = r.wish_id), r.created_at);
      ELSIF TG_TABLE_NAME = 'person' AND pass = 2 THEN
        -- a department: every community where the person spoke or answered an RSVP, from the first time.
        -- An RSVP or a speaker added meanwhile is either seen here, or its own trigger waits for this
        -- update (it share-locks the person) and touches after it.
        PERFORM metrics_touch(x.community_id, min(x.t)) FROM (
          SELECT p.community_id, s.starts_at AS t FROM proposal_speaker ps JOIN proposal p ON p.id = ps.proposal_id
            JOIN slot s ON s.proposal_id = p.id WHERE ps.person_id = r.id
          UNION ALL
          SELECT e.community_id, e.starts_at FROM rsvp v JOIN event e ON e.id = v.event_id WHERE v.person_id = r.id
        ) x GROUP BY x.community_id;
      END IF;
    END LOOP;
    IF TG_WHEN = 'BEFORE' THEN RETURN OLD; END IF;
    RETURN NULL;
  END $$`;

/** Each table a figure is made of, with the columns whose change can move one (UPDATE triggers only fire for those). */
const TABLES: Record<string, string[]> = {
  proposal: ['submitted_at', 'state', 'community_id'],
  proposal_transition: ['proposal_id', 'to_state', 'at'],
  proposal_speaker: ['proposal_id', 'person_id'],
  feedback: ['proposal_id', 'rating'],
  lesson: ['proposal_id', 'community_id', 'status'],
  slot: ['event_id', 'proposal_id', 'starts_at', 'ends_at'],
  event: ['community_id', 'status', 'starts_at', 'ends_at'],
  rsvp: ['event_id', 'person_id', 'status', 'checked_in_at'],
  task: ['community_id', 'status', 'status_at', 'due_at'],
  nomination: ['community_id', 'proposal_id', 'created_at'],
  topic_wish: ['community_id', 'created_at'],
  topic_wish_vote: ['wish_id', 'created_at'],
  person: ['department'],
};

const changed = (cols: string[]) => cols.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

export class MetricsRollup1796700500000 implements MigrationInterface {
  name = 'MetricsRollup1796700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "metrics_bucket" ("community_id" uuid NOT NULL, "unit" character varying(8) NOT NULL, "time_zone" character varying(64) NOT NULL, "starts" date NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "figures" jsonb NOT NULL, CONSTRAINT "PK_59b067419f07d1ca6e9eef6df17" PRIMARY KEY ("community_id", "unit", "time_zone", "starts"))`,
    );
    await q.query(`CREATE INDEX "metrics_bucket_by_end" ON "metrics_bucket"  ("community_id", "ends_at") `);
    await q.query(
      `CREATE TABLE "metrics_claim" ("id" BIGSERIAL NOT NULL, "community_id" uuid NOT NULL, "upto" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT 'infinity', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce9efe2d0f28f7ae2ebb5218d79" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "metrics_claim_by_community" ON "metrics_claim"  ("community_id") `);
    await q.query(
      `ALTER TABLE "metrics_bucket" ADD CONSTRAINT "FK_466077ffe562d8e99dd35b338cf" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "metrics_claim" ADD CONSTRAINT "FK_8c01c1cacb0193588540753e7fa" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // a period's facts are found from their times (metrics.queries.ts)
    await q.query(
      `CREATE INDEX "proposal_by_submission" ON "proposal" ("community_id", "submitted_at") WHERE submitted_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "proposal_decision_by_time" ON "proposal_transition" ("at") WHERE to_state IN ('accepted', 'rejected')`,
    );
    await q.query(TOUCH);
    await q.query(TALK_START);
    await q.query(DIRTY);
    for (const [table, cols] of Object.entries(TABLES)) {
      // At commit (deferred), so that a writer holds the shared lock and the rows it deletes only
      // while it commits: writers in one community do not queue behind each other's transactions.
      // A proposal or an event is seen before its delete cascades to the rows that place its
      // figures in time (that one at once).
      const ops = table === 'proposal' || table === 'event' ? 'INSERT' : 'INSERT OR DELETE';
      if (table === 'proposal' || table === 'event')
        await q.query(
          `CREATE TRIGGER metrics_dirty_delete BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION metrics_dirty()`,
        );
      if (table !== 'person')
        await q.query(
          `CREATE CONSTRAINT TRIGGER metrics_dirty_row AFTER ${ops} ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION metrics_dirty()`,
        );
      await q.query(
        `CREATE CONSTRAINT TRIGGER metrics_dirty_change AFTER UPDATE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changed(cols)}) EXECUTE FUNCTION metrics_dirty()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(TABLES)) {
      await q.query(`DROP TRIGGER IF EXISTS metrics_dirty_row ON "${table}"`);
      await q.query(`DROP TRIGGER IF EXISTS metrics_dirty_delete ON "${table}"`);
      await q.query(`DROP TRIGGER metrics_dirty_change ON "${table}"`);
    }
    await q.query(`DROP FUNCTION metrics_dirty()`);
    await q.query(`DROP FUNCTION metrics_talk_start(uuid)`);
    await q.query(`DROP FUNCTION metrics_touch(uuid, timestamptz)`);
    await q.query(`DROP INDEX "proposal_decision_by_time"`);
    await q.query(`DROP INDEX "proposal_by_submission"`);
    await q.query(`ALTER TABLE "metrics_claim" DROP CONSTRAINT "FK_8c01c1cacb0193588540753e7fa"`);
    await q.query(`ALTER TABLE "metrics_bucket" DROP CONSTRAINT "FK_466077ffe562d8e99dd35b338cf"`);
    await q.query(`DROP INDEX "public"."metrics_claim_by_community"`);
    await q.query(`DROP TABLE "metrics_claim"`);
    await q.query(`DROP INDEX "public"."metrics_bucket_by_end"`);
    await q.query(`DROP TABLE "metrics_bucket"`);
  }
}
