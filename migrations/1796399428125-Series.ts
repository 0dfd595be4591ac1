import { MigrationInterface, QueryRunner } from 'typeorm';

export class Series1796399428125 implements MigrationInterface {
  name = 'Series1796399428125';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "time_zone" character varying(64) NOT NULL, "room_id" uuid, "online_url" character varying(2000), "capacity" integer, "publish" boolean NOT NULL DEFAULT false, "upcoming" integer NOT NULL DEFAULT '6', "ends_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "series_capacity" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "series_upcoming" CHECK (upcoming BETWEEN 1 AND 52), CONSTRAINT "PK_e725676647382eb54540d7128ba" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_a58ae7dde347c5576719979d1a" ON "series"  ("room_id") `);
    await q.query(`CREATE INDEX "series_by_community" ON "series"  ("community_id", "created_at") `);
    await q.query(
      `CREATE TABLE "series_rule" ("series_id" uuid NOT NULL, "from_on" date NOT NULL, "rrule" character varying(500) NOT NULL, "start_minute" smallint NOT NULL, "duration_minutes" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "series_rule_length" CHECK (duration_minutes BETWEEN 5 AND 1440), CONSTRAINT "series_rule_start" CHECK (start_minute BETWEEN 0 AND 1439), CONSTRAINT "PK_ff6d26e68b604a64d8617411744" PRIMARY KEY ("series_id", "from_on"))`,
    );
    await q.query(
      `CREATE TABLE "series_skip" ("series_id" uuid NOT NULL, "occurrence_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62d8051240a846f3e913aea64c9" PRIMARY KEY ("series_id", "occurrence_on"))`,
    );
    await q.query(`ALTER TABLE "event" ADD "series_id" uuid`);
    await q.query(`ALTER TABLE "event" ADD "occurrence_on" date`);
    await q.query(
      `CREATE UNIQUE INDEX "event_one_per_occurrence" ON "event"  ("series_id", "occurrence_on") WHERE series_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "series" ADD CONSTRAINT "FK_df3ba75a0ab25ff089c71ba9954" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "series" ADD CONSTRAINT "FK_a58ae7dde347c5576719979d1a7" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "series_rule" ADD CONSTRAINT "FK_df8b862db07e807e7007b331390" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "series_skip" ADD CONSTRAINT "FK_cc8b73d616300fc3de4a69ec719" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_9c68540164026e1a070a0a227f8" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_9c68540164026e1a070a0a227f8"`);
    await q.query(`ALTER TABLE "series_skip" DROP CONSTRAINT "FK_cc8b73d616300fc3de4a69ec719"`);
    await q.query(`ALTER TABLE "series_rule" DROP CONSTRAINT "FK_df8b862db07e807e7007b331390"`);
    await q.query(`ALTER TABLE "series" DROP CONSTRAINT "FK_a58ae7dde347c5576719979d1a7"`);
    await q.query(`ALTER TABLE "series" DROP CONSTRAINT "FK_df3ba75a0ab25ff089c71ba9954"`);
    await q.query(`DROP INDEX "public"."event_one_per_occurrence"`);
    await q.query(`ALTER TABLE "event" DROP COLUMN "occurrence_on"`);
    await q.query(`ALTER TABLE "event" DROP COLUMN "series_id"`);
    await q.query(`DROP TABLE "series_skip"`);
    await q.query(`DROP TABLE "series_rule"`);
    await q.query(`DROP INDEX "public"."series_by_community"`);
    await q.query(`DROP INDEX "public"."IDX_a58ae7dde347c5576719979d1a"`);
    await q.query(`DROP TABLE "series"`);
  }
}
