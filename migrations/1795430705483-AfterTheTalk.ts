import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the talk: lessons (and the prompt log), the knowledge base's full-text documents, nominations,
 * the retrospective-visibility setting and the nomination opt-out. The tables come from the entities;
 * below them, by hand, what TypeORM cannot express: the GIN index, the partial unique index on open
 * nominations, the functions and triggers that keep talk_document current, and lessons in the
 * community content version.
 */

export class AfterTheTalk1795430705483 implements MigrationInterface {
  name = 'AfterTheTalk1795430705483';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."lesson_status" AS ENUM('draft', 'published')`);
    await q.query(
      `CREATE TABLE "lesson" ("proposal_id" uuid NOT NULL, "community_id" uuid NOT NULL, "takeaways" jsonb NOT NULL DEFAULT '[]', "went_well" text NOT NULL DEFAULT '', "to_change" text NOT NULL DEFAULT '', "resources" jsonb NOT NULL DEFAULT '[]', "notes" text NOT NULL DEFAULT '', "status" "public"."lesson_status", "published_at" TIMESTAMP WITH TIME ZONE, "written_by" uuid, "retrospective" text, "retrospective_by" uuid, "retrospective_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c961a121c038a6e8cebc0109996" PRIMARY KEY ("proposal_id"))`,
    );
    await q.query(`CREATE INDEX "lesson_published" ON "lesson"  ("community_id", "published_at") `);
    await q.query(
      `CREATE TABLE "lesson_prompt" ("proposal_id" uuid NOT NULL, "prompted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reminded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_eca91d4bdc4b62a7787016c752a" PRIMARY KEY ("proposal_id"))`,
    );
    await q.query(
      `CREATE TABLE "talk_document" ("proposal_id" uuid NOT NULL, "document" tsvector NOT NULL, "community_id" uuid NOT NULL, "track_id" uuid, "title_key" text NOT NULL, CONSTRAINT "PK_d0e0cb51f105ea942ead68e1766" PRIMARY KEY ("proposal_id"))`,
    );
    await q.query(`CREATE TYPE "public"."nomination_status" AS ENUM('open', 'accepted', 'declined')`);
    await q.query(
      `CREATE TABLE "nomination" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "nominator_id" uuid NOT NULL, "nominee_id" uuid NOT NULL, "topic" character varying(200) NOT NULL, "reason" text NOT NULL DEFAULT '', "status" "public"."nomination_status" NOT NULL DEFAULT 'open', "decided_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "proposal_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "nomination_decided" CHECK ((status = 'open') = (decided_at IS NULL)), CONSTRAINT "PK_52e10255e966818cbebfc0f1144" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_84051c548c56c56213671b7a3b" ON "nomination"  ("proposal_id") `);
    await q.query(`CREATE INDEX "nomination_by_nominee" ON "nomination"  ("nominee_id", "created_at") `);
    await q.query(`CREATE INDEX "nomination_by_nominator" ON "nomination"  ("nominator_id", "created_at") `);
    await q.query(`CREATE INDEX "nomination_by_community" ON "nomination"  ("community_id", "created_at") `);
    await q.query(`CREATE TYPE "public"."retrospective_visibility" AS ENUM('organizers', 'everyone')`);
    await q.query(
      `ALTER TABLE "community" ADD "retrospective_visibility" "public"."retrospective_visibility" NOT NULL DEFAULT 'organizers'`,
    );
    await q.query(`ALTER TABLE "person" ADD "accepts_nominations" boolean NOT NULL DEFAULT true`);
    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "FK_c961a121c038a6e8cebc0109996" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "FK_3f150b4b3b473a53d10ace3a82c" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "FK_6fe5e69392a4a617684179ceb47" FOREIGN KEY ("written_by") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "FK_4abde8f695a6770e2e338fa4122" FOREIGN KEY ("retrospective_by") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "lesson_prompt" ADD CONSTRAINT "FK_eca91d4bdc4b62a7787016c752a" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talk_document" ADD CONSTRAINT "FK_d0e0cb51f105ea942ead68e1766" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nomination" ADD CONSTRAINT "FK_5ff6db4befe0156f9b5f50eb121" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nomination" ADD CONSTRAINT "FK_94997d6a069b45cc0b1abf1b6b1" FOREIGN KEY ("nominator_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nomination" ADD CONSTRAINT "FK_264df3f11d23f858e046522985a" FOREIGN KEY ("nominee_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nomination" ADD CONSTRAINT "FK_84051c548c56c56213671b7a3ba" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "lesson_published_at" CHECK ((status = 'published') = (published_at IS NOT NULL))`,
    );
    await q.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "lesson_lists" CHECK (jsonb_typeof(takeaways) = 'array' AND jsonb_typeof(resources) = 'array')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "nomination_one_open" ON "nomination" ("community_id", "nominee_id", lower("topic")) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX "talk_document_search" ON "talk_document" USING gin ("document")`);
    await q.query(`CREATE INDEX "slot_by_end" ON "slot" ("ends_at")`);
    // The document of a talk (an accepted or confirmed proposal; others have none): title (A),
    // speakers and takeaways (B), abstract (C), the rest of a published lesson (D). Drafts of
    // lessons stay out of the knowledge base.
    await q.query(`
      CREATE FUNCTION talk_document_of(pid uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', p.title), 'A')
            || setweight(to_tsvector('english', coalesce((SELECT string_agg(pe.name, ' ') FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id
                                                          WHERE ps.proposal_id = p.id), '')), 'B')
            || setweight(to_tsvector('english', coalesce((SELECT string_agg(t, ' ') FROM lesson l, jsonb_array_elements_text(l.takeaways) t
                                                          WHERE l.proposal_id = p.id AND l.status = 'published'), '')), 'B')
            || setweight(to_tsvector('english', p.abstract), 'C')
            || setweight(to_tsvector('english', coalesce((SELECT concat_ws(' ', l.went_well, l.to_change, l.notes,
                                                                 (SELECT string_agg(r->>'label', ' ') FROM jsonb_array_elements(l.resources) r))
                                                          FROM lesson l WHERE l.proposal_id = p.id AND l.status = 'published'), '')), 'D')
          FROM proposal p WHERE p.id = pid
      $$`);
    await q.query(`
      CREATE FUNCTION refresh_talk_document(pid uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO talk_document (proposal_id, document, community_id, track_id, title_key)
        SELECT p.id, talk_document_of(p.id), p.community_id, p.track_id, lower(btrim(p.title)) FROM proposal p
         WHERE p.id = pid AND p.state IN ('accepted', 'confirmed')
        ON CONFLICT (proposal_id) DO UPDATE SET document = EXCLUDED.document, community_id = EXCLUDED.community_id, track_id = EXCLUDED.track_id,
          title_key = EXCLUDED.title_key;
        DELETE FROM talk_document WHERE proposal_id = pid AND NOT EXISTS (SELECT 1 FROM proposal p WHERE p.id = pid AND p.state IN ('accepted', 'confirmed'));
      $$`);
    await q.query(`
      CREATE FUNCTION talk_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        IF TG_TABLE_NAME = 'proposal' THEN
          -- proposals that are not (and were not) talks have no document: submissions stay cheap
          IF NEW.state IN ('accepted', 'confirmed') OR (TG_OP = 'UPDATE' AND OLD.state IN ('accepted', 'confirmed')) THEN
            PERFORM refresh_talk_document(r.id);
          END IF;
        ELSIF TG_TABLE_NAME = 'person' THEN
          PERFORM refresh_talk_document(ps.proposal_id) FROM proposal_speaker ps WHERE ps.person_id = r.id;
        ELSE
          PERFORM refresh_talk_document(p.id) FROM proposal p WHERE p.id = r.proposal_id AND p.state IN ('accepted', 'confirmed');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER proposal_talk_document AFTER INSERT OR UPDATE OF title, abstract, state, track_id, community_id ON proposal FOR EACH ROW EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(
      `CREATE TRIGGER proposal_speaker_talk_document AFTER INSERT OR UPDATE OR DELETE ON proposal_speaker FOR EACH ROW EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(
      `CREATE TRIGGER person_talk_document AFTER UPDATE OF name ON person FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(
      `CREATE TRIGGER lesson_talk_document AFTER INSERT OR UPDATE OR DELETE ON lesson FOR EACH ROW EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(`SELECT refresh_talk_document(id) FROM proposal WHERE state IN ('accepted', 'confirmed')`);
    // Lessons are part of what a community shows: they raise its content version (cached pages).
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        ids uuid[];
      BEGIN
        IF TG_TABLE_NAME IN ('proposal', 'event', 'room', 'task', 'lesson') THEN
          ids := ARRAY[r.community_id];
        ELSIF TG_TABLE_NAME IN ('proposal_speaker', 'review') THEN
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
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER lesson_list_version AFTER INSERT OR UPDATE OR DELETE ON lesson DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER lesson_list_version ON lesson`);
    await q.query(`DROP TRIGGER lesson_talk_document ON lesson`);
    await q.query(`DROP TRIGGER person_talk_document ON person`);
    await q.query(`DROP TRIGGER proposal_speaker_talk_document ON proposal_speaker`);
    await q.query(`DROP TRIGGER proposal_talk_document ON proposal`);
    await q.query(`DROP FUNCTION talk_document_trigger()`);
    await q.query(`DROP FUNCTION refresh_talk_document(uuid)`);
    await q.query(`DROP FUNCTION talk_document_of(uuid)`);
    await q.query(`DROP INDEX "slot_by_end"`);
    await q.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_84051c548c56c56213671b7a3ba"`);
    await q.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_264df3f11d23f858e046522985a"`);
    await q.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_94997d6a069b45cc0b1abf1b6b1"`);
    await q.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_5ff6db4befe0156f9b5f50eb121"`);
    await q.query(`ALTER TABLE "talk_document" DROP CONSTRAINT "FK_d0e0cb51f105ea942ead68e1766"`);
    await q.query(`ALTER TABLE "lesson_prompt" DROP CONSTRAINT "FK_eca91d4bdc4b62a7787016c752a"`);
    await q.query(`ALTER TABLE "lesson" DROP CONSTRAINT "FK_4abde8f695a6770e2e338fa4122"`);
    await q.query(`ALTER TABLE "lesson" DROP CONSTRAINT "FK_6fe5e69392a4a617684179ceb47"`);
    await q.query(`ALTER TABLE "lesson" DROP CONSTRAINT "FK_3f150b4b3b473a53d10ace3a82c"`);
    await q.query(`ALTER TABLE "lesson" DROP CONSTRAINT "FK_c961a121c038a6e8cebc0109996"`);
    await q.query(`ALTER TABLE "person" DROP COLUMN "accepts_nominations"`);
    await q.query(`ALTER TABLE "community" DROP COLUMN "retrospective_visibility"`);
    await q.query(`DROP TYPE "public"."retrospective_visibility"`);
    await q.query(`DROP INDEX "public"."nomination_by_community"`);
    await q.query(`DROP INDEX "public"."nomination_by_nominator"`);
    await q.query(`DROP INDEX "public"."nomination_by_nominee"`);
    await q.query(`DROP INDEX "public"."IDX_84051c548c56c56213671b7a3b"`);
    await q.query(`DROP TABLE "nomination"`);
    await q.query(`DROP TYPE "public"."nomination_status"`);
    await q.query(`DROP TABLE "talk_document"`);
    await q.query(`DROP TABLE "lesson_prompt"`);
    await q.query(`DROP INDEX "public"."lesson_published"`);
    await q.query(`DROP TABLE "lesson"`);
    await q.query(`DROP TYPE "public"."lesson_status"`);
  }
}
