import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person's chosen language (null: not chosen) and a community's default language, from Brownbag's five. */
export class PersonLanguage1796700000000 implements MigrationInterface {
  name = 'PersonLanguage1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" ADD "language" "public"."talk_language"`);
    await q.query(`ALTER TABLE "community" ADD "default_language" "public"."talk_language" NOT NULL DEFAULT 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "community" DROP COLUMN "default_language"`);
    await q.query(`ALTER TABLE "person" DROP COLUMN "language"`);
  }
}
