import { MigrationInterface, QueryRunner } from 'typeorm';

export class TopicWishes1796398571148 implements MigrationInterface {
  name = 'TopicWishes1796398571148';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."topic_wish_status" AS ENUM('open', 'closed')`);
    await q.query(
      `CREATE TABLE "topic_wish" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "author_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "details" text NOT NULL DEFAULT '', "status" "public"."topic_wish_status" NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "topic_wish_closed" CHECK ((status = 'open') = (closed_at IS NULL)), CONSTRAINT "PK_f06f2f4542aca57b37ae71ba960" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "topic_wish_by_author" ON "topic_wish"  ("author_id") `);
    await q.query(`CREATE INDEX "topic_wish_by_community" ON "topic_wish"  ("community_id", "status", "created_at") `);
    await q.query(
      `CREATE TABLE "topic_wish_vote" ("wish_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88fdc74132584203e1ca04de0ed" PRIMARY KEY ("wish_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "topic_wish_vote_by_person" ON "topic_wish_vote"  ("person_id") `);
    await q.query(
      `CREATE TABLE "topic_wish_offer" ("wish_id" uuid NOT NULL, "person_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f3e275e93c0c444741d66f89a6" PRIMARY KEY ("wish_id", "person_id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "topic_wish_offer_by_proposal" ON "topic_wish_offer"  ("proposal_id") `);
    await q.query(
      `ALTER TABLE "topic_wish" ADD CONSTRAINT "FK_5c33440b4def745d4201da2c5c2" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish" ADD CONSTRAINT "FK_393f3f55596de5154a7a55ebf83" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish_vote" ADD CONSTRAINT "FK_f74d878d39bd42d47395a6e0370" FOREIGN KEY ("wish_id") REFERENCES "topic_wish"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish_vote" ADD CONSTRAINT "FK_153174e466818525903073c215c" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish_offer" ADD CONSTRAINT "FK_d8e26c7782d0d9acbc4b69db449" FOREIGN KEY ("wish_id") REFERENCES "topic_wish"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish_offer" ADD CONSTRAINT "FK_4cb4d6d02ffe646eb75062ae4b3" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "topic_wish_offer" ADD CONSTRAINT "FK_a21adadd29f942756de90fe2466" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "topic_wish_offer" DROP CONSTRAINT "FK_a21adadd29f942756de90fe2466"`);
    await q.query(`ALTER TABLE "topic_wish_offer" DROP CONSTRAINT "FK_4cb4d6d02ffe646eb75062ae4b3"`);
    await q.query(`ALTER TABLE "topic_wish_offer" DROP CONSTRAINT "FK_d8e26c7782d0d9acbc4b69db449"`);
    await q.query(`ALTER TABLE "topic_wish_vote" DROP CONSTRAINT "FK_153174e466818525903073c215c"`);
    await q.query(`ALTER TABLE "topic_wish_vote" DROP CONSTRAINT "FK_f74d878d39bd42d47395a6e0370"`);
    await q.query(`ALTER TABLE "topic_wish" DROP CONSTRAINT "FK_393f3f55596de5154a7a55ebf83"`);
    await q.query(`ALTER TABLE "topic_wish" DROP CONSTRAINT "FK_5c33440b4def745d4201da2c5c2"`);
    await q.query(`DROP INDEX "public"."topic_wish_offer_by_proposal"`);
    await q.query(`DROP TABLE "topic_wish_offer"`);
    await q.query(`DROP INDEX "public"."topic_wish_vote_by_person"`);
    await q.query(`DROP TABLE "topic_wish_vote"`);
    await q.query(`DROP INDEX "public"."topic_wish_by_community"`);
    await q.query(`DROP INDEX "public"."topic_wish_by_author"`);
    await q.query(`DROP TABLE "topic_wish"`);
    await q.query(`DROP TYPE "public"."topic_wish_status"`);
  }
}
