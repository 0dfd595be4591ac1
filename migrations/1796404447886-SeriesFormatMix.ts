import { MigrationInterface, QueryRunner } from 'typeorm';

export class SeriesFormatMix1796404447886 implements MigrationInterface {
  name = 'SeriesFormatMix1796404447886';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "series" ADD "format_mix" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "series" DROP COLUMN "format_mix"`);
  }
}
