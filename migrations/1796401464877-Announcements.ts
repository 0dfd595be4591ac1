import { MigrationInterface, QueryRunner } from 'typeorm';

export class Announcements1796401464877 implements MigrationInterface {
  name = 'Announcements1796401464877';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."destination_kind" AS ENUM('slack', 'teams', 'mattermost', 'google-chat', 'webhook')`,
    );
    await q.query(
      `CREATE TABLE "announcement_destination" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "kind" "public"."destination_kind" NOT NULL, "name" character varying(200) NOT NULL, "url_sealed" text NOT NULL, "url_hint" character varying(300) NOT NULL, "secret_sealed" text, "happenings" text array NOT NULL, "failures_in_a_row" integer NOT NULL DEFAULT '0', "paused_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a5076cda5e30dfa34377ea92b1" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "destination_by_community" ON "announcement_destination"  ("community_id", "created_at") `,
    );
    await q.query(`CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'delivered', 'failed', 'skipped')`);
    await q.query(
      `CREATE TABLE "announcement_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "destination_id" uuid NOT NULL, "happening" character varying(40) NOT NULL, "happening_key" character varying(300) NOT NULL, "payload" jsonb NOT NULL, "status" "public"."delivery_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delivery_once" UNIQUE ("destination_id", "happening_key"), CONSTRAINT "delivery_attempts" CHECK (attempts >= 0), CONSTRAINT "PK_55c4aea5338de9ed74b0e41cfb1" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "delivery_by_destination" ON "announcement_delivery"  ("destination_id", "created_at") `,
    );
    await q.query(
      `ALTER TABLE "announcement_destination" ADD CONSTRAINT "FK_4c4e2ef660b33f574c0c70ee880" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "announcement_delivery" ADD CONSTRAINT "FK_864aede704aaf970b8c4a3000f2" FOREIGN KEY ("destination_id") REFERENCES "announcement_destination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "announcement_delivery" DROP CONSTRAINT "FK_864aede704aaf970b8c4a3000f2"`);
    await q.query(`ALTER TABLE "announcement_destination" DROP CONSTRAINT "FK_4c4e2ef660b33f574c0c70ee880"`);
    await q.query(`DROP INDEX "public"."delivery_by_destination"`);
    await q.query(`DROP TABLE "announcement_delivery"`);
    await q.query(`DROP TYPE "public"."delivery_status"`);
    await q.query(`DROP INDEX "public"."destination_by_community"`);
    await q.query(`DROP TABLE "announcement_destination"`);
    await q.query(`DROP TYPE "public"."destination_kind"`);
  }
}
