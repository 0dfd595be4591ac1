import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in link requests get a table of their own: the per-address limit counts what people asked
 * for (any address, known or not), no longer every link — links written into invitation mails
 * made addresses unable to sign in.
 */
export class SignInRequests1796609960464 implements MigrationInterface {
  name = 'SignInRequests1796609960464';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sign_in_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_sign_in_request" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "sign_in_request_recent" ON "sign_in_request" ("email", "created_at") `);
    await q.query(`DROP INDEX "public"."sign_in_link_recent"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "sign_in_link_recent" ON "sign_in_link" ("email", "created_at") `);
    await q.query(`DROP INDEX "public"."sign_in_request_recent"`);
    await q.query(`DROP TABLE "sign_in_request"`);
  }
}
