import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rooms, events, agenda slots, RSVPs and feed tokens. btree_gist lets the exclusion constraints
 * combine equality (same room, same event) with range overlap. The content-version trigger now also
 * follows events, slots and rooms, and records when the content last changed (Last-Modified of feeds).
 */

export class Events1795424623482 implements MigrationInterface {
  name = 'Events1795424623482';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(
      `CREATE TABLE "room" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "capacity" integer, "location" character varying(500) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "room_name" UNIQUE ("community_id", "name"), CONSTRAINT "room_capacity" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "PK_c6d46db005d623e691b2fbcba23" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'canceled')`);
    await q.query(
      `CREATE TABLE "event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" character varying(64) NOT NULL, "room_id" uuid, "online_url" character varying(2000), "capacity" integer, "status" "public"."event_status" NOT NULL DEFAULT 'draft', "sequence" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_capacity" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "event_times" CHECK (ends_at > starts_at), CONSTRAINT "event_room_overlap" EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE ((room_id IS NOT NULL) AND (status <> 'canceled'::event_status)), CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_42bf396de17ef60fee032cee75" ON "event"  ("room_id") `);
    await q.query(`CREATE INDEX "event_by_start" ON "event"  ("community_id", "starts_at", "id") `);
    await q.query(`CREATE TYPE "public"."rsvp_status" AS ENUM('going', 'waitlisted', 'declined')`);
    await q.query(
      `CREATE TABLE "rsvp" ("event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" "public"."rsvp_status" NOT NULL, "arrival" BIGSERIAL NOT NULL, "checked_in_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22af3f4a4a63ca6fc82085b5ad6" PRIMARY KEY ("event_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_281f15b4ea2d899e7a04ab3184" ON "rsvp"  ("person_id") `);
    await q.query(`CREATE INDEX "rsvp_by_status" ON "rsvp"  ("event_id", "status", "arrival") `);
    await q.query(
      `CREATE TABLE "slot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e745e2ea1e0f0feee010946cba7" UNIQUE ("proposal_id"), CONSTRAINT "slot_times" CHECK (ends_at > starts_at), CONSTRAINT "slot_overlap" EXCLUDE USING gist (event_id WITH =, tstzrange(starts_at, ends_at) WITH &&), CONSTRAINT "PK_5b1f733c4ba831a51f3c114607b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_3a2a388b648ec9b5d266798ce0" ON "slot"  ("event_id") `);
    await q.query(
      `CREATE TABLE "feed_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_f7cecefa2c7428f84c556de3431" UNIQUE ("token_hash"), CONSTRAINT "PK_66bfd4235adfb2de7e6e3344e0a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2ceb745e32fa50a023db345f17" ON "feed_token"  ("person_id") `);
    await q.query(`ALTER TABLE "community" ADD "content_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(
      `ALTER TABLE "room" ADD CONSTRAINT "FK_94c70607cc968339864b69b9f1b" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_5cb599dac2fa672480f0a353978" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_42bf396de17ef60fee032cee756" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rsvp" ADD CONSTRAINT "FK_cd2a44b8f437be7dcc16d971057" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rsvp" ADD CONSTRAINT "FK_281f15b4ea2d899e7a04ab31840" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "slot" ADD CONSTRAINT "FK_3a2a388b648ec9b5d266798ce0a" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "slot" ADD CONSTRAINT "FK_e745e2ea1e0f0feee010946cba7" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feed_token" ADD CONSTRAINT "FK_2ceb745e32fa50a023db345f174" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        ids uuid[];
      BEGIN
        IF TG_TABLE_NAME IN ('proposal', 'event', 'room') THEN
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
    for (const t of ['event', 'slot', 'room']) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${t}_list_version AFTER INSERT OR UPDATE OR DELETE ON ${t} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['event', 'slot', 'room']) await q.query(`DROP TRIGGER ${t}_list_version ON ${t}`);
    await q.query(`ALTER TABLE "feed_token" DROP CONSTRAINT "FK_2ceb745e32fa50a023db345f174"`);
    await q.query(`ALTER TABLE "slot" DROP CONSTRAINT "FK_e745e2ea1e0f0feee010946cba7"`);
    await q.query(`ALTER TABLE "slot" DROP CONSTRAINT "FK_3a2a388b648ec9b5d266798ce0a"`);
    await q.query(`ALTER TABLE "rsvp" DROP CONSTRAINT "FK_281f15b4ea2d899e7a04ab31840"`);
    await q.query(`ALTER TABLE "rsvp" DROP CONSTRAINT "FK_cd2a44b8f437be7dcc16d971057"`);
    await q.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_42bf396de17ef60fee032cee756"`);
    await q.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_5cb599dac2fa672480f0a353978"`);
    await q.query(`ALTER TABLE "room" DROP CONSTRAINT "FK_94c70607cc968339864b69b9f1b"`);
    await q.query(`ALTER TABLE "community" DROP COLUMN "content_changed_at"`);
    await q.query(`DROP INDEX "public"."IDX_2ceb745e32fa50a023db345f17"`);
    await q.query(`DROP TABLE "feed_token"`);
    await q.query(`DROP INDEX "public"."IDX_3a2a388b648ec9b5d266798ce0"`);
    await q.query(`DROP TABLE "slot"`);
    await q.query(`DROP INDEX "public"."rsvp_by_status"`);
    await q.query(`DROP INDEX "public"."IDX_281f15b4ea2d899e7a04ab3184"`);
    await q.query(`DROP TABLE "rsvp"`);
    await q.query(`DROP TYPE "public"."rsvp_status"`);
    await q.query(`DROP INDEX "public"."event_by_start"`);
    await q.query(`DROP INDEX "public"."IDX_42bf396de17ef60fee032cee75"`);
    await q.query(`DROP TABLE "event"`);
    await q.query(`DROP TYPE "public"."event_status"`);
    await q.query(`DROP TABLE "room"`);
    await q.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
