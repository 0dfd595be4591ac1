import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamRoles1796402600682 implements MigrationInterface {
  name = 'TeamRoles1796402600682';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "team_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "description" text NOT NULL DEFAULT '', "holder_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "team_role_key" UNIQUE ("community_id", "key"), CONSTRAINT "PK_b4d9c800f392007b4e5a19f90ef" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "team_role_by_holder" ON "team_role"  ("holder_id") `);
    await q.query(`ALTER TABLE "task_template" ADD "role_id" uuid`);
    await q.query(`ALTER TABLE "task" ADD "role_id" uuid`);
    await q.query(`CREATE INDEX "IDX_01b10cd130a284c3547231d290" ON "task_template"  ("role_id") `);
    await q.query(`CREATE INDEX "IDX_9905bc4905816dbab18914d3d9" ON "task"  ("role_id") `);
    await q.query(
      `ALTER TABLE "team_role" ADD CONSTRAINT "FK_014a62ba02f696963cc875df814" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_role" ADD CONSTRAINT "FK_a9f3881b8b00ac094e14cd59944" FOREIGN KEY ("holder_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task_template" ADD CONSTRAINT "FK_01b10cd130a284c3547231d290d" FOREIGN KEY ("role_id") REFERENCES "team_role"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_9905bc4905816dbab18914d3d95" FOREIGN KEY ("role_id") REFERENCES "team_role"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_9905bc4905816dbab18914d3d95"`);
    await q.query(`ALTER TABLE "task_template" DROP CONSTRAINT "FK_01b10cd130a284c3547231d290d"`);
    await q.query(`ALTER TABLE "team_role" DROP CONSTRAINT "FK_a9f3881b8b00ac094e14cd59944"`);
    await q.query(`ALTER TABLE "team_role" DROP CONSTRAINT "FK_014a62ba02f696963cc875df814"`);
    await q.query(`DROP INDEX "public"."IDX_9905bc4905816dbab18914d3d9"`);
    await q.query(`DROP INDEX "public"."IDX_01b10cd130a284c3547231d290"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "role_id"`);
    await q.query(`ALTER TABLE "task_template" DROP COLUMN "role_id"`);
    await q.query(`DROP INDEX "public"."team_role_by_holder"`);
    await q.query(`DROP TABLE "team_role"`);
  }
}
