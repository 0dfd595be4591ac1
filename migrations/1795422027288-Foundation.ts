import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795422027288 implements MigrationInterface {
  name = 'Foundation1795422027288';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "community" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "blind_review" boolean NOT NULL DEFAULT false, "time_zone" character varying(64) NOT NULL DEFAULT 'UTC', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_198f18552bc2c404cc62bf3b6f6" UNIQUE ("slug"), CONSTRAINT "community_slug_format" CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'), CONSTRAINT "PK_cae794115a383328e8923de4193" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "call_for_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "call_window" CHECK (closes_at IS NULL OR closes_at > opens_at), CONSTRAINT "PK_14d414384c7bcb2d13bbd20e067" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_21cd466bb82019a04b8ccf7035" ON "call_for_proposals"  ("community_id") `);
    await q.query(
      `CREATE TABLE "call_format" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "duration_minutes" integer NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "call_format_key" UNIQUE ("call_id", "key"), CONSTRAINT "call_format_duration" CHECK (duration_minutes BETWEEN 1 AND 1440), CONSTRAINT "PK_21294f98dadf7b6233c667f58da" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "call_track" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "call_track_key" UNIQUE ("call_id", "key"), CONSTRAINT "PK_76fdf3079d5dc61335f26aceb34" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "department" character varying(200), "title" character varying(200), "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d2d717efd90709ebd3cb26b936c" UNIQUE ("email"), CONSTRAINT "person_email_lower" CHECK (email = lower(email)), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE TYPE "public"."membership_role" AS ENUM('member', 'reviewer', 'organizer')`);
    await q.query(
      `CREATE TABLE "membership" ("community_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL DEFAULT 'member', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b4ab11896e5e285d3b39b14fa7" PRIMARY KEY ("community_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_6fc5e2153171bbeb54f4fda659" ON "membership"  ("person_id") `);
    await q.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_bafaa5aab5957cd193fb2da8f24" UNIQUE ("token_hash"), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_e2d4e4aec6ea48547b08e409f9" ON "api_token"  ("person_id") `);
    await q.query(`CREATE TYPE "public"."proposal_level" AS ENUM('beginner', 'intermediate', 'advanced')`);
    await q.query(
      `CREATE TYPE "public"."proposal_state" AS ENUM('draft', 'submitted', 'waitlisted', 'accepted', 'rejected', 'confirmed', 'withdrawn', 'canceled')`,
    );
    await q.query(
      `CREATE TABLE "proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "call_id" uuid NOT NULL, "format_id" uuid NOT NULL, "track_id" uuid, "title" character varying(200) NOT NULL, "abstract" text NOT NULL DEFAULT '', "level" "public"."proposal_level" NOT NULL DEFAULT 'intermediate', "notes" text NOT NULL DEFAULT '', "state" "public"."proposal_state" NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "review_count" integer NOT NULL DEFAULT '0', "review_mean" double precision NOT NULL DEFAULT '0', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "submitted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ca872ecfe4fef5720d2d39e4275" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2e9365148645248891d3b3ac97" ON "proposal"  ("call_id") `);
    await q.query(`CREATE INDEX "IDX_d7b4bdf6909cfb868fbcea78e7" ON "proposal"  ("format_id") `);
    await q.query(`CREATE INDEX "IDX_cfafb99f1fa97338cd8ee98734" ON "proposal"  ("track_id") `);
    await q.query(`CREATE INDEX "IDX_9d341328e1a04da6689016a5ae" ON "proposal"  ("created_by") `);
    await q.query(`CREATE INDEX "proposal_by_count" ON "proposal"  ("community_id", "review_count", "id") `);
    await q.query(`CREATE INDEX "proposal_by_mean" ON "proposal"  ("community_id", "review_mean", "id") `);
    await q.query(`CREATE INDEX "proposal_by_created" ON "proposal"  ("community_id", "created_at", "id") `);
    await q.query(
      `CREATE TABLE "proposal_speaker" ("proposal_id" uuid NOT NULL, "person_id" uuid NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1309d24a2d8008f3ac39ceba64d" PRIMARY KEY ("proposal_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2732ee1f93eaa38f3cd2ffd90d" ON "proposal_speaker"  ("person_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "proposal_one_primary_speaker" ON "proposal_speaker"  ("proposal_id") WHERE is_primary`,
    );
    await q.query(
      `CREATE TABLE "proposal_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "from_state" "public"."proposal_state", "to_state" "public"."proposal_state" NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3fa440238e8422520beb8750f6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_4e54e2c25b57450c29122410de" ON "proposal_transition"  ("actor_id") `);
    await q.query(`CREATE INDEX "proposal_transition_by_proposal" ON "proposal_transition"  ("proposal_id", "at") `);
    await q.query(
      `CREATE TABLE "review" ("proposal_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "score" smallint NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "review_score_range" CHECK (score BETWEEN 1 AND 5), CONSTRAINT "PK_f46e362c9d1a1f7c5db413f92a2" PRIMARY KEY ("proposal_id", "reviewer_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2f8adca6682f8238c64d767c9d" ON "review"  ("reviewer_id") `);
    await q.query(
      `ALTER TABLE "call_for_proposals" ADD CONSTRAINT "FK_21cd466bb82019a04b8ccf7035c" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "call_format" ADD CONSTRAINT "FK_05f1b2d2ecaa2c35860b30b6716" FOREIGN KEY ("call_id") REFERENCES "call_for_proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "call_track" ADD CONSTRAINT "FK_7239faa8e5063badfbc71079b13" FOREIGN KEY ("call_id") REFERENCES "call_for_proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_6d897edea62d1017d0e0901368a" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "FK_e2d4e4aec6ea48547b08e409f9b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_9b4ff33f120f118a019f3988810" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_2e9365148645248891d3b3ac97a" FOREIGN KEY ("call_id") REFERENCES "call_for_proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_d7b4bdf6909cfb868fbcea78e73" FOREIGN KEY ("format_id") REFERENCES "call_format"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_cfafb99f1fa97338cd8ee98734c" FOREIGN KEY ("track_id") REFERENCES "call_track"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_9d341328e1a04da6689016a5aef" FOREIGN KEY ("created_by") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal_speaker" ADD CONSTRAINT "FK_580a8a7045af3ad90f8454b4991" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal_speaker" ADD CONSTRAINT "FK_2732ee1f93eaa38f3cd2ffd90dc" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal_transition" ADD CONSTRAINT "FK_0bded04b8482808214bae47c781" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "proposal_transition" ADD CONSTRAINT "FK_4e54e2c25b57450c29122410de7" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_0e529b58472cee2b15e4fc044b3" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3" FOREIGN KEY ("reviewer_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3"`);
    await q.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_0e529b58472cee2b15e4fc044b3"`);
    await q.query(`ALTER TABLE "proposal_transition" DROP CONSTRAINT "FK_4e54e2c25b57450c29122410de7"`);
    await q.query(`ALTER TABLE "proposal_transition" DROP CONSTRAINT "FK_0bded04b8482808214bae47c781"`);
    await q.query(`ALTER TABLE "proposal_speaker" DROP CONSTRAINT "FK_2732ee1f93eaa38f3cd2ffd90dc"`);
    await q.query(`ALTER TABLE "proposal_speaker" DROP CONSTRAINT "FK_580a8a7045af3ad90f8454b4991"`);
    await q.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_9d341328e1a04da6689016a5aef"`);
    await q.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_cfafb99f1fa97338cd8ee98734c"`);
    await q.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_d7b4bdf6909cfb868fbcea78e73"`);
    await q.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_2e9365148645248891d3b3ac97a"`);
    await q.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_9b4ff33f120f118a019f3988810"`);
    await q.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_e2d4e4aec6ea48547b08e409f9b"`);
    await q.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595"`);
    await q.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_6d897edea62d1017d0e0901368a"`);
    await q.query(`ALTER TABLE "call_track" DROP CONSTRAINT "FK_7239faa8e5063badfbc71079b13"`);
    await q.query(`ALTER TABLE "call_format" DROP CONSTRAINT "FK_05f1b2d2ecaa2c35860b30b6716"`);
    await q.query(`ALTER TABLE "call_for_proposals" DROP CONSTRAINT "FK_21cd466bb82019a04b8ccf7035c"`);
    await q.query(`DROP INDEX "public"."IDX_2f8adca6682f8238c64d767c9d"`);
    await q.query(`DROP TABLE "review"`);
    await q.query(`DROP INDEX "public"."proposal_transition_by_proposal"`);
    await q.query(`DROP INDEX "public"."IDX_4e54e2c25b57450c29122410de"`);
    await q.query(`DROP TABLE "proposal_transition"`);
    await q.query(`DROP TYPE "public"."proposal_state"`);
    await q.query(`DROP INDEX "public"."proposal_one_primary_speaker"`);
    await q.query(`DROP INDEX "public"."IDX_2732ee1f93eaa38f3cd2ffd90d"`);
    await q.query(`DROP TABLE "proposal_speaker"`);
    await q.query(`DROP INDEX "public"."proposal_by_created"`);
    await q.query(`DROP INDEX "public"."proposal_by_mean"`);
    await q.query(`DROP INDEX "public"."proposal_by_count"`);
    await q.query(`DROP INDEX "public"."IDX_9d341328e1a04da6689016a5ae"`);
    await q.query(`DROP INDEX "public"."IDX_cfafb99f1fa97338cd8ee98734"`);
    await q.query(`DROP INDEX "public"."IDX_d7b4bdf6909cfb868fbcea78e7"`);
    await q.query(`DROP INDEX "public"."IDX_2e9365148645248891d3b3ac97"`);
    await q.query(`DROP TABLE "proposal"`);
    await q.query(`DROP TYPE "public"."proposal_level"`);
    await q.query(`DROP INDEX "public"."IDX_e2d4e4aec6ea48547b08e409f9"`);
    await q.query(`DROP TABLE "api_token"`);
    await q.query(`DROP INDEX "public"."IDX_6fc5e2153171bbeb54f4fda659"`);
    await q.query(`DROP TABLE "membership"`);
    await q.query(`DROP TYPE "public"."membership_role"`);
    await q.query(`DROP TABLE "person"`);
    await q.query(`DROP TABLE "call_track"`);
    await q.query(`DROP TABLE "call_format"`);
    await q.query(`DROP INDEX "public"."IDX_21cd466bb82019a04b8ccf7035"`);
    await q.query(`DROP TABLE "call_for_proposals"`);
    await q.query(`DROP TABLE "community"`);
  }
}
