import { MigrationInterface, QueryRunner } from 'typeorm';

/** Facts an installation fixes once, such as the calendar UID domain (src/calendar/uid-domain.ts). */

export class InstanceSetting1796397000000 implements MigrationInterface {
  name = 'InstanceSetting1796397000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "instance_setting" ("key" text NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0185b54d9038a8d57709b5ccbf4" PRIMARY KEY ("key"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "instance_setting"`);
  }
}
