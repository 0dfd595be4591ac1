import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-speakers say yes first: an invitation waits in co_speaker_invitation until the person accepts
 * (it becomes a proposal_speaker row) or declines (it is deleted). Co-speakers added before this
 * stay speakers. Invitations show on the proposal, so they raise the community's list version.
 */
const bump = (tables: string) => `
  CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    ids uuid[];
  BEGIN
    IF TG_TABLE_NAME IN ('proposal', 'event', 'room', 'task', 'lesson') THEN
      ids := ARRAY[r.community_id];
    ELSIF TG_TABLE_NAME IN (${tables}) THEN
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

export class CoSpeakerConsent1795622274773 implements MigrationInterface {
  name = 'CoSpeakerConsent1795622274773';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "co_speaker_invitation" ("proposal_id" uuid NOT NULL, "person_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', "invited_by" uuid NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb3a2985a59ec01b3029571a1af" PRIMARY KEY ("proposal_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_277b7edbccd2d515750870662a" ON "co_speaker_invitation"  ("person_id") `);
    await q.query(
      `ALTER TABLE "co_speaker_invitation" ADD CONSTRAINT "FK_6dcaaa965997f6d23a39d4c5a94" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "co_speaker_invitation" ADD CONSTRAINT "FK_277b7edbccd2d515750870662a4" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "co_speaker_invitation" ADD CONSTRAINT "FK_17875bcd91f4da1adebd9324c61" FOREIGN KEY ("invited_by") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(bump(`'proposal_speaker', 'review', 'co_speaker_invitation'`));
    await q.query(
      `CREATE CONSTRAINT TRIGGER co_speaker_invitation_list_version AFTER INSERT OR UPDATE OR DELETE ON co_speaker_invitation DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER co_speaker_invitation_list_version ON co_speaker_invitation`);
    await q.query(bump(`'proposal_speaker', 'review'`));
    await q.query(`ALTER TABLE "co_speaker_invitation" DROP CONSTRAINT "FK_17875bcd91f4da1adebd9324c61"`);
    await q.query(`ALTER TABLE "co_speaker_invitation" DROP CONSTRAINT "FK_277b7edbccd2d515750870662a4"`);
    await q.query(`ALTER TABLE "co_speaker_invitation" DROP CONSTRAINT "FK_6dcaaa965997f6d23a39d4c5a94"`);
    await q.query(`DROP INDEX "public"."IDX_277b7edbccd2d515750870662a"`);
    await q.query(`DROP TABLE "co_speaker_invitation"`);
  }
}
