import { MigrationInterface, QueryRunner } from 'typeorm';
import { CALL_BUMP } from './1796700300000-CallListVersion';

/**
 * Two more counts per community (issue #30), so that a cached page is emptied only by the changes it
 * shows:
 * - `public_n`, the changes anyone who may see the community sees — events, rooms, slots, calls with
 *   their formats and tracks, talks that are or were accepted, confirmed or scheduled (and their
 *   speakers), lessons, speakers' names. Submissions, reviews, tasks and invitations to co-speak,
 *   which only organizers, reviewers and the speaker see, do not move it. The community home, a
 *   member's event page and search key their cached bodies by it.
 * - `task_n`, changes to tasks and to talks that have tasks: the task board keys by it and
 *   `public_n` (slots, events and names), so a submission does not empty it either.
 */
const PUBLIC_BUMP = `
  CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    ids uuid[];
    feed_ids uuid[] := '{}';
    seen boolean := false;
    tasked boolean := false;
    done text := coalesce(current_setting('bb.stamped', true), '');
    cid uuid;
    dn int;
    df int;
    dp int;
    dt int;
  BEGIN
    IF TG_TABLE_NAME IN ('event', 'room') THEN
      ids := ARRAY[r.community_id];
      feed_ids := ids;
      seen := true;
    ELSIF TG_TABLE_NAME = 'proposal' THEN
      ids := ARRAY[r.community_id];
      -- (record fields are read only in the branch of their table: a lesson row has no id to ask about)
      IF EXISTS (SELECT 1 FROM slot WHERE proposal_id = r.id) THEN feed_ids := ids; END IF;
      seen := r.state IN ('accepted', 'confirmed') OR feed_ids <> '{}';
      IF TG_OP = 'UPDATE' THEN seen := seen OR OLD.state IN ('accepted', 'confirmed'); END IF;
      -- a task board shows its talk's title (an organizer may add a task to a talk not yet accepted)
      tasked := TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM task WHERE proposal_id = r.id);
    ELSIF TG_TABLE_NAME = 'lesson' THEN
      ids := ARRAY[r.community_id];
      seen := true;
    ELSIF TG_TABLE_NAME = 'task' THEN
      ids := ARRAY[r.community_id];
    ELSIF TG_TABLE_NAME = 'proposal_speaker' THEN
      ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
      IF EXISTS (SELECT 1 FROM slot WHERE proposal_id = r.proposal_id) THEN feed_ids := ids; END IF;
      seen := EXISTS (SELECT 1 FROM proposal WHERE id = r.proposal_id AND state IN ('accepted', 'confirmed'))
              OR feed_ids <> '{}';
    ELSIF TG_TABLE_NAME IN ('review', 'co_speaker_invitation') THEN
      ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
    ELSIF TG_TABLE_NAME = 'slot' THEN
      ids := ARRAY(SELECT community_id FROM event WHERE id = r.event_id);
      feed_ids := ids;
      seen := true;
    ELSIF TG_TABLE_NAME = 'call_for_proposals' THEN
      ids := ARRAY[r.community_id];
      seen := true;
    ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN
      ids := ARRAY(SELECT community_id FROM call_for_proposals WHERE id = r.call_id);
      seen := true;
    ELSIF TG_TABLE_NAME = 'person' THEN
      ids := ARRAY(SELECT DISTINCT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = r.id);
      feed_ids := ARRAY(SELECT DISTINCT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id
                         JOIN slot sl ON sl.proposal_id = p.id WHERE s.person_id = r.id);
      seen := true;
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
      -- once per transaction and community for each count (c: all, f: feeds, p: public, t: tasks)
      dn := (position('c' || cid::text IN done) = 0)::int;
      df := (cid = ANY(feed_ids) AND position('f' || cid::text IN done) = 0)::int;
      dp := (seen AND position('p' || cid::text IN done) = 0)::int;
      dt := ((TG_TABLE_NAME = 'task' OR tasked) AND position('t' || cid::text IN done) = 0)::int;
      CONTINUE WHEN dn = 0 AND df = 0 AND dp = 0 AND dt = 0;
      INSERT INTO community_stamp AS s (community_id, stripe, n, feed_n, public_n, task_n, changed_at, feed_changed_at)
      SELECT cid, pg_backend_pid() % 64, dn, df, dp, dt, now(), CASE WHEN df = 1 THEN now() ELSE 'epoch' END
       WHERE EXISTS (SELECT 1 FROM community WHERE community.id = cid) -- not one being deleted
      ON CONFLICT (community_id, stripe) DO UPDATE
        SET n = s.n + excluded.n, feed_n = s.feed_n + excluded.feed_n, public_n = s.public_n + excluded.public_n,
            task_n = s.task_n + excluded.task_n, changed_at = now(),
            feed_changed_at = CASE WHEN excluded.feed_n = 1 THEN now() ELSE s.feed_changed_at END;
      IF df = 1 THEN PERFORM pg_notify('bb_feed', cid::text); END IF;
      done := done || ' c' || cid::text || CASE WHEN df = 1 THEN ' f' || cid::text ELSE '' END
                   || CASE WHEN dp = 1 THEN ' p' || cid::text ELSE '' END
                   || CASE WHEN dt = 1 THEN ' t' || cid::text ELSE '' END;
    END LOOP;
    PERFORM set_config('bb.stamped', done, true);
    RETURN NULL;
  END $$`;

export class PublicVersion1796700400000 implements MigrationInterface {
  name = 'PublicVersion1796700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "community_stamp" ADD "public_n" bigint NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "community_stamp" ADD "task_n" bigint NOT NULL DEFAULT '0'`);
    // They carry on from the content count, so nothing cached before now is served as current.
    await q.query(`UPDATE community_stamp SET public_n = n, task_n = n`);
    await q.query(PUBLIC_BUMP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(CALL_BUMP);
    await q.query(`ALTER TABLE "community_stamp" DROP COLUMN "task_n"`);
    await q.query(`ALTER TABLE "community_stamp" DROP COLUMN "public_n"`);
  }
}
