import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jobs waiting to enter graphile-worker's queue without a NOTIFY each (see src/queue/job-outbox.entity.ts). */

export class JobOutbox1796392532162 implements MigrationInterface {
  name = 'JobOutbox1796392532162';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "job_outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "task" text NOT NULL, "payload" jsonb NOT NULL, "job_key" text, "max_attempts" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c3ba45dab51e3016acef18d0433" PRIMARY KEY ("id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "job_outbox"`);
  }
}
