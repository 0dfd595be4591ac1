import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Speaker-support checklists: task templates, tasks, the digest log; due dates kept by a trigger on
 * slots (slot start in the event's time zone + offset in calendar days, so DST is handled by
 * PostgreSQL); task changes raise the community's content version (proposal lists show progress).
 * Existing communities get the default templates (copied here as they were when this landed).
 */

export class Tasks1795427216438 implements MigrationInterface {
  name = 'Tasks1795427216438';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."task_category" AS ENUM('logistics', 'slides', 'promotion', 'follow-up')`);
    await q.query(`CREATE TYPE "public"."task_owner" AS ENUM('organizer', 'speaker')`);
    await q.query(
      `CREATE TABLE "task_template" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "category" "public"."task_category" NOT NULL, "owner" "public"."task_owner" NOT NULL, "offset_days" integer NOT NULL, "default_assignee_id" uuid, "position" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "task_template_offset" CHECK (offset_days BETWEEN -365 AND 365), CONSTRAINT "PK_b250e915df905dbe641647c8fac" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_d3b622c1d4ece454643527b298" ON "task_template"  ("community_id") `);
    await q.query(`CREATE TYPE "public"."task_status" AS ENUM('open', 'done', 'skipped')`);
    await q.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "template_id" uuid, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "category" "public"."task_category" NOT NULL, "owner" "public"."task_owner" NOT NULL, "assignee_id" uuid, "offset_days" integer, "due_at" TIMESTAMP WITH TIME ZONE, "due_overridden" boolean NOT NULL DEFAULT false, "status" "public"."task_status" NOT NULL DEFAULT 'open', "status_by" uuid, "status_at" TIMESTAMP WITH TIME ZONE, "status_reason" text, "notes" text NOT NULL DEFAULT '', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_44f8a9a7dcd9801e344c236e63" ON "task"  ("proposal_id") `);
    await q.query(`CREATE INDEX "IDX_75114a0b55080c15694f3d40ec" ON "task"  ("assignee_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "task_template_once" ON "task"  ("proposal_id", "template_id") WHERE template_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "task_board" ON "task"  ("community_id", "status", "due_at", "id") `);
    await q.query(
      `CREATE TABLE "digest_log" ("person_id" uuid NOT NULL, "day" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_447ae42f385dd8d43f4707d25b7" PRIMARY KEY ("person_id", "day"))`,
    );
    await q.query(
      `ALTER TABLE "task_template" ADD CONSTRAINT "FK_d3b622c1d4ece454643527b2981" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task_template" ADD CONSTRAINT "FK_ce79996aa979e4bc90bff0e9c6b" FOREIGN KEY ("default_assignee_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_03f35f812d2f355774dd5f013d9" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_44f8a9a7dcd9801e344c236e63b" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_b250e915df905dbe641647c8fac" FOREIGN KEY ("template_id") REFERENCES "task_template"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_75114a0b55080c15694f3d40ec9" FOREIGN KEY ("assignee_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "digest_log" ADD CONSTRAINT "FK_fd6cf05b230d1c1cc382705116f" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION task_due_at(slot_start timestamptz, tz text, offset_days int) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
        SELECT ((slot_start AT TIME ZONE tz) + offset_days * interval '1 day') AT TIME ZONE tz
      $$`);
    await q.query(`
      CREATE FUNCTION schedule_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE task SET due_at = NULL, version = version + 1, updated_at = now()
           WHERE proposal_id = OLD.proposal_id AND status = 'open' AND NOT due_overridden AND offset_days IS NOT NULL
             AND (TG_OP = 'DELETE' OR OLD.proposal_id <> NEW.proposal_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE task t SET due_at = task_due_at(NEW.starts_at, e.time_zone, t.offset_days), version = t.version + 1, updated_at = now()
            FROM event e
           WHERE e.id = NEW.event_id AND t.proposal_id = NEW.proposal_id AND t.status = 'open' AND NOT t.due_overridden
             AND t.offset_days IS NOT NULL AND t.due_at IS DISTINCT FROM task_due_at(NEW.starts_at, e.time_zone, t.offset_days);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER slot_schedules_tasks AFTER INSERT OR UPDATE OR DELETE ON slot FOR EACH ROW EXECUTE FUNCTION schedule_tasks()`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        ids uuid[];
      BEGIN
        IF TG_TABLE_NAME IN ('proposal', 'event', 'room', 'task') THEN
          ids := ARRAY[r.community_id];
        ELSIF TG_TABLE_NAME IN ('proposal_speaker', 'review') THEN
          ids := ARRAY(SELECT community_id FROM proposal WHERE id = r.proposal_id);
        ELSIF TG_TABLE_NAME = 'slot' THEN
          ids := ARRAY(SELECT community_id FROM event WHERE id = r.event_id);
        ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN
          ids := ARRAY(SELECT community_id FROM call_for_proposals WHERE id = r.call_id);
        ELSIF TG_TABLE_NAME = 'person' THEN
          ids := ARRAY(SELECT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = r.id);
        END IF;
        UPDATE community SET list_version = list_version + 1, content_changed_at = now() WHERE id = ANY(ids);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER task_list_version AFTER INSERT OR UPDATE OR DELETE ON task DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(`
      INSERT INTO task_template (community_id, title, description, category, owner, offset_days, position)
      SELECT c.id, d.* FROM community c CROSS JOIN (VALUES
        ('Book the room and check AV', 'Projector, adapters, microphone, the recording setup; a test run in the room if you can.', 'logistics'::task_category, 'organizer'::task_owner, -21, 0),
        ('Recording consent', 'Ask the speakers whether the talk may be recorded and shared internally.', 'logistics'::task_category, 'organizer'::task_owner, -14, 1),
        ('Outline review', 'A 15-minute chat on the outline: audience, the one thing they should remember, timing.', 'slides'::task_category, 'speaker'::task_owner, -14, 2),
        ('Slide-design pass', 'Organizers or a designer polish the slides: template, readability, contrast, diagrams.', 'slides'::task_category, 'organizer'::task_owner, -7, 3),
        ('Dry run', 'Give the talk once to a friendly audience and time it.', 'slides'::task_category, 'speaker'::task_owner, -3, 4),
        ('Announcement post', 'Announce the talk in the community channels with title, abstract, speakers and the calendar link.', 'promotion'::task_category, 'organizer'::task_owner, -10, 5),
        ('Day-before reminder post', 'Remind the channels: time, place, online link.', 'promotion'::task_category, 'organizer'::task_owner, -1, 6),
        ('Share slides and recording', 'Publish the slides and the recording, and link them from the talk.', 'follow-up'::task_category, 'speaker'::task_owner, 2, 7)
      ) AS d(title, description, category, owner, offset_days, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER task_list_version ON task');
    await q.query('DROP TRIGGER slot_schedules_tasks ON slot');
    await q.query('DROP FUNCTION schedule_tasks()');
    await q.query('DROP FUNCTION task_due_at(timestamptz, text, int)');
    await q.query(`ALTER TABLE "digest_log" DROP CONSTRAINT "FK_fd6cf05b230d1c1cc382705116f"`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_75114a0b55080c15694f3d40ec9"`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_b250e915df905dbe641647c8fac"`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_44f8a9a7dcd9801e344c236e63b"`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_03f35f812d2f355774dd5f013d9"`);
    await q.query(`ALTER TABLE "task_template" DROP CONSTRAINT "FK_ce79996aa979e4bc90bff0e9c6b"`);
    await q.query(`ALTER TABLE "task_template" DROP CONSTRAINT "FK_d3b622c1d4ece454643527b2981"`);
    await q.query(`DROP TABLE "digest_log"`);
    await q.query(`DROP INDEX "public"."task_board"`);
    await q.query(`DROP INDEX "public"."task_template_once"`);
    await q.query(`DROP INDEX "public"."IDX_75114a0b55080c15694f3d40ec"`);
    await q.query(`DROP INDEX "public"."IDX_44f8a9a7dcd9801e344c236e63"`);
    await q.query(`DROP TABLE "task"`);
    await q.query(`DROP TYPE "public"."task_status"`);
    await q.query(`DROP TYPE "public"."task_owner"`);
    await q.query(`DROP TYPE "public"."task_category"`);
    await q.query(`DROP INDEX "public"."IDX_d3b622c1d4ece454643527b298"`);
    await q.query(`DROP TABLE "task_template"`);
  }
}
