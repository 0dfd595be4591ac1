import { MigrationInterface, QueryRunner } from 'typeorm';

export class CommunityHealth1796609682979 implements MigrationInterface {
  name = 'CommunityHealth1796609682979';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "community_health_setting" ("community_id" uuid NOT NULL, "thresholds" jsonb NOT NULL DEFAULT '{}', "speak_up" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_565c50c6e0cde30c732f83a7e02" PRIMARY KEY ("community_id"))`,
    );
    await q.query(
      `CREATE TABLE "health_alert" ("community_id" uuid NOT NULL, "indicator" character varying(20) NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" jsonb NOT NULL, "digest_day" date, CONSTRAINT "PK_e4da24a198ce2d5da0858909257" PRIMARY KEY ("community_id", "indicator"))`,
    );
    await q.query(`CREATE INDEX "health_alert_undigested" ON "health_alert"  ("digest_day") `);
    await q.query(`CREATE TYPE "public"."speak_up_answer" AS ENUM('not-now', 'never')`);
    await q.query(
      `CREATE TABLE "speak_up_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "community_id" uuid NOT NULL, "quarter" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answer" "public"."speak_up_answer", "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "speak_up_once_a_quarter" UNIQUE ("person_id", "quarter"), CONSTRAINT "speak_up_answered" CHECK ((answer IS NULL) = (answered_at IS NULL)), CONSTRAINT "PK_f121a243de9ad087835f15e0dd3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "speak_up_by_community" ON "speak_up_invitation"  ("community_id", "sent_at") `);
    await q.query(
      `CREATE TABLE "speak_up_preference" ("person_id" uuid NOT NULL, "never" boolean NOT NULL DEFAULT false, "not_before" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1592840b0932e0c7a727b6a25c3" PRIMARY KEY ("person_id"))`,
    );
    await q.query(
      `ALTER TABLE "community_health_setting" ADD CONSTRAINT "FK_565c50c6e0cde30c732f83a7e02" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "health_alert" ADD CONSTRAINT "FK_bc09cab43f1f9cba16b5d7d53c5" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "speak_up_invitation" ADD CONSTRAINT "FK_c4f34898d7c29916e0c4f88dc0f" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "speak_up_invitation" ADD CONSTRAINT "FK_087d959ec11e321b67e64680d28" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "speak_up_preference" ADD CONSTRAINT "FK_1592840b0932e0c7a727b6a25c3" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "speak_up_preference" DROP CONSTRAINT "FK_1592840b0932e0c7a727b6a25c3"`);
    await q.query(`ALTER TABLE "speak_up_invitation" DROP CONSTRAINT "FK_087d959ec11e321b67e64680d28"`);
    await q.query(`ALTER TABLE "speak_up_invitation" DROP CONSTRAINT "FK_c4f34898d7c29916e0c4f88dc0f"`);
    await q.query(`ALTER TABLE "health_alert" DROP CONSTRAINT "FK_bc09cab43f1f9cba16b5d7d53c5"`);
    await q.query(`ALTER TABLE "community_health_setting" DROP CONSTRAINT "FK_565c50c6e0cde30c732f83a7e02"`);
    await q.query(`DROP TABLE "speak_up_preference"`);
    await q.query(`DROP INDEX "public"."speak_up_by_community"`);
    await q.query(`DROP TABLE "speak_up_invitation"`);
    await q.query(`DROP TYPE "public"."speak_up_answer"`);
    await q.query(`DROP INDEX "public"."health_alert_undigested"`);
    await q.query(`DROP TABLE "health_alert"`);
    await q.query(`DROP TABLE "community_health_setting"`);
  }
}
