import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery log keeps status and timing, not what a destination answered: how long the last
 * attempt took is kept, and the answer bodies kept so far (the first 300 characters of any non-2xx
 * page, which could be an internal service's error page) are cut down to their status line.
 */
export class DeliveryTiming1796611464317 implements MigrationInterface {
  name = 'DeliveryTiming1796611464317';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "announcement_delivery" ADD "last_duration_ms" integer`);
    await q.query(
      `UPDATE "announcement_delivery" SET "last_error" = substring("last_error" from '^HTTP [0-9]+') WHERE "last_error" ~ '^HTTP [0-9]+:'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "announcement_delivery" DROP COLUMN "last_duration_ms"`);
  }
}
