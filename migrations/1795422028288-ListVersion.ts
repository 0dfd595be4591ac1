import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * community.list_version and the triggers that raise it whenever something a proposal list shows
 * changes, whoever writes it (service, seed, psql). Cached list pages are keyed by it.
 * The triggers are deferred to commit time, so the community row is locked only while the writing
 * transaction commits, not for its whole length: concurrent submissions do not queue behind it.
 */
export class ListVersion1795422028288 implements MigrationInterface {
  name = 'ListVersion1795422028288';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "community" ADD "list_version" bigint NOT NULL DEFAULT '0'`);
    await q.query(`
      CREATE FUNCTION bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        IF TG_TABLE_NAME = 'proposal' THEN
          UPDATE community SET list_version = list_version + 1 WHERE id = r.community_id;
        ELSIF TG_TABLE_NAME IN ('proposal_speaker', 'review') THEN
          UPDATE community SET list_version = list_version + 1
           WHERE id = (SELECT community_id FROM proposal WHERE id = r.proposal_id);
        ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN
          UPDATE community SET list_version = list_version + 1
           WHERE id = (SELECT community_id FROM call_for_proposals WHERE id = r.call_id);
        ELSIF TG_TABLE_NAME = 'person' THEN
          UPDATE community SET list_version = list_version + 1
           WHERE id IN (SELECT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = r.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER proposal_list_version AFTER INSERT OR UPDATE OR DELETE ON proposal DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER proposal_speaker_list_version AFTER INSERT OR UPDATE OR DELETE ON proposal_speaker DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER review_list_version AFTER INSERT OR UPDATE OR DELETE ON review DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER call_format_list_version AFTER UPDATE OR DELETE ON call_format DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER call_track_list_version AFTER UPDATE OR DELETE ON call_track DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER person_list_version AFTER UPDATE OF name, email, department ON person DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['proposal', 'proposal_speaker', 'review', 'call_format', 'call_track', 'person']) {
      await q.query(`DROP TRIGGER ${t}_list_version ON ${t}`);
    }
    await q.query('DROP FUNCTION bump_list_version()');
    await q.query('ALTER TABLE "community" DROP COLUMN "list_version"');
  }
}
