import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalLanguage1796610654773 implements MigrationInterface {
  name = 'ProposalLanguage1796610654773';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."talk_language" AS ENUM('en', 'he', 'ru', 'pl', 'fi')`);
    await q.query(`ALTER TABLE "proposal" ADD "language" "public"."talk_language" NOT NULL DEFAULT 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "proposal" DROP COLUMN "language"`);
    await q.query(`DROP TYPE "public"."talk_language"`);
  }
}
