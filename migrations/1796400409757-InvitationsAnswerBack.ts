import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationsAnswerBack1796400409757 implements MigrationInterface {
  name = 'InvitationsAnswerBack1796400409757';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "itip_reply" ("message_id" character varying(998) NOT NULL, "outcome" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46f5f8f16bb722976d81cb87aa6" PRIMARY KEY ("message_id"))`,
    );
    await q.query(`ALTER TABLE "person" ADD "alarm_minutes" smallint`);
    await q.query(`ALTER TABLE "event" ADD "cancel_reason" text`);
    await q.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_alarm" CHECK (alarm_minutes IS NULL OR alarm_minutes BETWEEN 0 AND 10080)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" DROP CONSTRAINT "person_alarm"`);
    await q.query(`ALTER TABLE "event" DROP COLUMN "cancel_reason"`);
    await q.query(`ALTER TABLE "person" DROP COLUMN "alarm_minutes"`);
    await q.query(`DROP TABLE "itip_reply"`);
  }
}
