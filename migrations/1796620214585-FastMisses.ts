import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #30, fast misses: the task board without a status filter pages in task_due's order (before,
 * PostgreSQL joined and sorted every task of the community to show 50).
 */
export class FastMisses1796620214585 implements MigrationInterface {
  name = 'FastMisses1796620214585';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "task_due" ON "task" ("community_id", "due_at", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."task_due"`);
  }
}
