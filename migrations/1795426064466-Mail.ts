import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail and jobs: the talk's own calendar SEQUENCE (raised by a trigger on every slot change, so a
 * re-placed talk never goes back to a lower one), staged decision notices, and the reminder log.
 * The job queue's own schema (graphile_worker) is installed by graphile-worker's migrations.
 */

export class Mail1795426064466 implements MigrationInterface {
  name = 'Mail1795426064466';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reminder_log" ("event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c6253f4eb5c7738dbe498579522" PRIMARY KEY ("event_id", "person_id"))`,
    );
    await q.query(`ALTER TABLE "proposal" ADD "talk_sequence" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "proposal_transition" ADD "notified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "reminder_log" ADD CONSTRAINT "FK_3e33b63169b9e18831a3d782e3f" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "reminder_log" ADD CONSTRAINT "FK_12ca5a6b2e2f27bbbb9b054ddea" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION bump_talk_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE proposal SET talk_sequence = talk_sequence + 1
         WHERE id IN (CASE WHEN TG_OP = 'DELETE' THEN OLD.proposal_id ELSE NEW.proposal_id END,
                      CASE WHEN TG_OP = 'UPDATE' THEN OLD.proposal_id END);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER slot_talk_sequence AFTER INSERT OR UPDATE OR DELETE ON slot FOR EACH ROW EXECUTE FUNCTION bump_talk_sequence()`,
    );
    // Decisions taken before this migration count as told.
    await q.query(`UPDATE proposal_transition SET notified_at = at WHERE notified_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER slot_talk_sequence ON slot');
    await q.query('DROP FUNCTION bump_talk_sequence()');
    await q.query(`ALTER TABLE "reminder_log" DROP CONSTRAINT "FK_12ca5a6b2e2f27bbbb9b054ddea"`);
    await q.query(`ALTER TABLE "reminder_log" DROP CONSTRAINT "FK_3e33b63169b9e18831a3d782e3f"`);
    await q.query(`ALTER TABLE "proposal_transition" DROP COLUMN "notified_at"`);
    await q.query(`ALTER TABLE "proposal" DROP COLUMN "talk_sequence"`);
    await q.query(`DROP TABLE "reminder_log"`);
  }
}
