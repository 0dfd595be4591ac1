import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in: browser sessions, one-time sign-in links, provider identities, OpenID Connect round trips
 * in flight, and whether a community's events are public or internal (internal by default: existing
 * communities' feeds stop being readable by anyone who reaches the server).
 */
export class SignIn1795613535113 implements MigrationInterface {
  name = 'SignIn1795613535113';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."sign_in_method" AS ENUM('email-link', 'oidc')`);
    await q.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "method" "public"."sign_in_method" NOT NULL, "user_agent" character varying(300) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_a83507eb0338ac037780e02f2b9" UNIQUE ("token_hash"), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_5c6e00902a1344d01a8d90f33c" ON "session"  ("person_id") `);
    await q.query(
      `CREATE TABLE "sign_in_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "email" character varying(320) NOT NULL, "next_path" character varying(2000) NOT NULL DEFAULT '/', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_70e02809dd11038da50c4d38f85" UNIQUE ("token_hash"), CONSTRAINT "PK_2e37c859be8a656fef206f62b27" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "sign_in_link_recent" ON "sign_in_link"  ("email", "created_at") `);
    await q.query(
      `CREATE TABLE "person_identity" ("issuer" character varying(500) NOT NULL, "subject" character varying(255) NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e7e643cbb3a071ce5402fb2254" PRIMARY KEY ("issuer", "subject"))`,
    );
    await q.query(`CREATE INDEX "IDX_2c3b5bdd50c3a5b506d30e57fb" ON "person_identity"  ("person_id") `);
    await q.query(
      `CREATE TABLE "oidc_login" ("key_hash" character(64) NOT NULL, "state" character varying(128) NOT NULL, "nonce" character varying(128) NOT NULL, "code_verifier" character varying(128) NOT NULL, "next_path" character varying(2000) NOT NULL DEFAULT '/', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f21d251f02f6bf2b7e1149dade1" PRIMARY KEY ("key_hash"))`,
    );
    await q.query(`CREATE TYPE "public"."event_visibility" AS ENUM('internal', 'public')`);
    await q.query(
      `ALTER TABLE "community" ADD "event_visibility" "public"."event_visibility" NOT NULL DEFAULT 'internal'`,
    );
    await q.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_5c6e00902a1344d01a8d90f33cf" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_identity" ADD CONSTRAINT "FK_2c3b5bdd50c3a5b506d30e57fbe" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person_identity" DROP CONSTRAINT "FK_2c3b5bdd50c3a5b506d30e57fbe"`);
    await q.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_5c6e00902a1344d01a8d90f33cf"`);
    await q.query(`ALTER TABLE "community" DROP COLUMN "event_visibility"`);
    await q.query(`DROP TYPE "public"."event_visibility"`);
    await q.query(`DROP TABLE "oidc_login"`);
    await q.query(`DROP INDEX "public"."IDX_2c3b5bdd50c3a5b506d30e57fb"`);
    await q.query(`DROP TABLE "person_identity"`);
    await q.query(`DROP INDEX "public"."sign_in_link_recent"`);
    await q.query(`DROP TABLE "sign_in_link"`);
    await q.query(`DROP INDEX "public"."IDX_5c6e00902a1344d01a8d90f33c"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TYPE "public"."sign_in_method"`);
  }
}
