import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attendee feedback on talks: one rating per person per talk. */

export class Feedback1795429394417 implements MigrationInterface {
  name = 'Feedback1795429394417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "feedback" ("proposal_id" uuid NOT NULL, "person_id" uuid NOT NULL, "rating" smallint NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "feedback_rating_range" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_f94fd25401ebaafd52fbb8fdba6" PRIMARY KEY ("proposal_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_07ab1049bde55700e77c415e14" ON "feedback"  ("person_id") `);
    await q.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_55b709b7aeeb67f6aff787f9461" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_07ab1049bde55700e77c415e14d" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_07ab1049bde55700e77c415e14d"`);
    await q.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_55b709b7aeeb67f6aff787f9461"`);
    await q.query(`DROP INDEX "public"."IDX_07ab1049bde55700e77c415e14"`);
    await q.query(`DROP TABLE "feedback"`);
  }
}
