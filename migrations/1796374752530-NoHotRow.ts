import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No hot row (issue #14): a community's content version moves from community.list_version, one row
 * every writer in the community updated at commit (so concurrent submissions queued behind each
 * other), to community_stamp, one row per community and writing backend (`pg_backend_pid() % 64`).
 * Readers sum the stripes. Each transaction bumps each community it touched once, at commit.
 * Changes a calendar feed shows also count in feed_n and send `NOTIFY bb_feed, '<community id>'`,
 * so instances can answer an unchanged feed's poll from memory; a submission does neither.
 */

export const BUMP = `
  CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    ids uuid[];
    feed_ids uuid[] := '{}';
    done text := coalesce(current_setting('bb.stamped', true), '');
    cid uuid;
    dn int;
    df int;
  BEGIN
    IF TG_TABLE_NAME IN ('event', 'room') THEN
      ids := ARRAY[r.community_id];
      feed_ids := ids;
    ELSIF TG_TABLE_NAME = 'proposal' THEN
      ids := ARRAY[r.community_id];
      -- (record fields are read only in the branch of their table: a lesson row has no id to ask about)
      IF EXISTS (SELECT 1 FROM slot WHERE proposal_id = r.id) THEN feed_ids := ids; END IF;
    ELSIF TG_TABLE_NAME IN ('task', 'lesson') THEN
      ids := ARRAY[r.community_id];
    ELSIF TG_TABLE_NAME = 'proposal_speaker' THEN
      ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
      IF EXISTS (SELECT 1 FROM slot WHERE proposal_id = r.proposal_id) THEN feed_ids := ids; END IF;
    ELSIF TG_TABLE_NAME IN ('review', 'co_speaker_invitation') THEN
      ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
    ELSIF TG_TABLE_NAME = 'slot' THEN
      ids := ARRAY(SELECT community_id FROM event WHERE id = r.event_id);
      feed_ids := ids;
    ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN
      ids := ARRAY(SELECT community_id FROM call_for_proposals WHERE id = r.call_id);
    ELSIF TG_TABLE_NAME = 'person' THEN
      ids := ARRAY(SELECT DISTINCT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = r.id);
      feed_ids := ARRAY(SELECT DISTINCT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id
                         JOIN slot sl ON sl.proposal_id = p.id WHERE s.person_id = r.id);
    ELSIF TG_TABLE_NAME = 'community' THEN
      -- its name or visibility changed (the feed's validator carries community.version) or it is gone: only tell instances
      ids := '{}';
      IF position('f' || r.id::text IN done) = 0 THEN
        PERFORM pg_notify('bb_feed', r.id::text);
        PERFORM set_config('bb.stamped', done || ' f' || r.id::text, true);
      END IF;
      RETURN NULL;
    END IF;
    FOREACH cid IN ARRAY ids LOOP
      dn := (position('c' || cid::text IN done) = 0)::int;
      df := (cid = ANY(feed_ids) AND position('f' || cid::text IN done) = 0)::int;
      CONTINUE WHEN dn = 0 AND df = 0;
      INSERT INTO community_stamp AS s (community_id, stripe, n, feed_n, changed_at, feed_changed_at)
      SELECT cid, pg_backend_pid() % 64, dn, df, now(), CASE WHEN df = 1 THEN now() ELSE 'epoch' END
       WHERE EXISTS (SELECT 1 FROM community WHERE community.id = cid) -- not one being deleted
      ON CONFLICT (community_id, stripe) DO UPDATE
        SET n = s.n + excluded.n, feed_n = s.feed_n + excluded.feed_n, changed_at = now(),
            feed_changed_at = CASE WHEN excluded.feed_n = 1 THEN now() ELSE s.feed_changed_at END;
      IF df = 1 THEN PERFORM pg_notify('bb_feed', cid::text); END IF;
      done := done || ' c' || cid::text || CASE WHEN df = 1 THEN ' f' || cid::text ELSE '' END;
    END LOOP;
    PERFORM set_config('bb.stamped', done, true);
    RETURN NULL;
  END $$`;

const OLD_BUMP = `
  CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    ids uuid[];
  BEGIN
    IF TG_TABLE_NAME IN ('proposal', 'event', 'room', 'task', 'lesson') THEN
      ids := ARRAY[r.community_id];
    ELSIF TG_TABLE_NAME IN ('proposal_speaker', 'review', 'co_speaker_invitation') THEN
      ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
    ELSIF TG_TABLE_NAME = 'slot' THEN
      ids := ARRAY(SELECT community_id FROM event WHERE id = r.event_id);
    ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN
      ids := ARRAY(SELECT community_id FROM call_for_proposals WHERE id = r.call_id);
    ELSIF TG_TABLE_NAME = 'person' THEN
      ids := ARRAY(SELECT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = r.id);
    END IF;
    UPDATE community SET list_version = list_version + 1, content_changed_at = now() WHERE id = ANY(ids);
    RETURN NULL;
  END $$`;

export class NoHotRow1796374752530 implements MigrationInterface {
  name = 'NoHotRow1796374752530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "community_stamp" ("community_id" uuid NOT NULL, "stripe" smallint NOT NULL, "n" bigint NOT NULL DEFAULT '0', "feed_n" bigint NOT NULL DEFAULT '0', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "feed_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e53123839d8d64d264a36a6c2a2" PRIMARY KEY ("community_id", "stripe"))`,
    );
    // Versions carry on from where list_version was, so cached pages and feed ETags stay valid.
    await q.query(
      `INSERT INTO community_stamp (community_id, stripe, n, feed_n, changed_at, feed_changed_at)
       SELECT id, 0, list_version, list_version, content_changed_at, content_changed_at FROM community`,
    );
    await q.query(BUMP);
    await q.query(
      `CREATE CONSTRAINT TRIGGER community_feed_version AFTER DELETE OR UPDATE OF name, event_visibility, version ON community DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(`ALTER TABLE "community" DROP COLUMN "list_version"`);
    await q.query(`ALTER TABLE "community" DROP COLUMN "content_changed_at"`);
    await q.query(
      `ALTER TABLE "community_stamp" ADD CONSTRAINT "FK_bbce33333e0362eb30de9cd212f" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "community_stamp" DROP CONSTRAINT "FK_bbce33333e0362eb30de9cd212f"`);
    await q.query(`ALTER TABLE "community" ADD "content_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "community" ADD "list_version" bigint NOT NULL DEFAULT '0'`);
    await q.query(
      `UPDATE community c SET list_version = s.n, content_changed_at = s.at
         FROM (SELECT community_id, sum(n) AS n, max(changed_at) AS at FROM community_stamp GROUP BY community_id) s
        WHERE s.community_id = c.id`,
    );
    await q.query(`DROP TRIGGER community_feed_version ON community`);
    await q.query(OLD_BUMP);
    await q.query(`DROP TABLE "community_stamp"`);
  }
}
