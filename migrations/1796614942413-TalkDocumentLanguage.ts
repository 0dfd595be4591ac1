import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base knows a talk's language: talk_document copies proposal.language (a filter
 * column, as community and track), kept by the same trigger, which now also fires when it changes.
 */
export class TalkDocumentLanguage1796614942413 implements MigrationInterface {
  name = 'TalkDocumentLanguage1796614942413';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "talk_document" ADD "language" "public"."talk_language" NOT NULL DEFAULT 'en'`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refresh_talk_document(pid uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO talk_document (proposal_id, document, community_id, track_id, title_key, language)
        SELECT p.id, talk_document_of(p.id), p.community_id, p.track_id, lower(btrim(p.title)), p.language FROM proposal p
         WHERE p.id = pid AND p.state IN ('accepted', 'confirmed')
        ON CONFLICT (proposal_id) DO UPDATE SET document = EXCLUDED.document, community_id = EXCLUDED.community_id, track_id = EXCLUDED.track_id,
          title_key = EXCLUDED.title_key, language = EXCLUDED.language;
        DELETE FROM talk_document WHERE proposal_id = pid AND NOT EXISTS (SELECT 1 FROM proposal p WHERE p.id = pid AND p.state IN ('accepted', 'confirmed'));
      $$`);
    await q.query(`DROP TRIGGER proposal_talk_document ON proposal`);
    await q.query(
      `CREATE TRIGGER proposal_talk_document AFTER INSERT OR UPDATE OF title, abstract, state, track_id, community_id, language ON proposal FOR EACH ROW EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(`UPDATE talk_document d SET language = p.language FROM proposal p WHERE p.id = d.proposal_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER proposal_talk_document ON proposal`);
    await q.query(
      `CREATE TRIGGER proposal_talk_document AFTER INSERT OR UPDATE OF title, abstract, state, track_id, community_id ON proposal FOR EACH ROW EXECUTE FUNCTION talk_document_trigger()`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION refresh_talk_document(pid uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO talk_document (proposal_id, document, community_id, track_id, title_key)
        SELECT p.id, talk_document_of(p.id), p.community_id, p.track_id, lower(btrim(p.title)) FROM proposal p
         WHERE p.id = pid AND p.state IN ('accepted', 'confirmed')
        ON CONFLICT (proposal_id) DO UPDATE SET document = EXCLUDED.document, community_id = EXCLUDED.community_id, track_id = EXCLUDED.track_id,
          title_key = EXCLUDED.title_key;
        DELETE FROM talk_document WHERE proposal_id = pid AND NOT EXISTS (SELECT 1 FROM proposal p WHERE p.id = pid AND p.state IN ('accepted', 'confirmed'));
      $$`);
    await q.query(`ALTER TABLE "talk_document" DROP COLUMN "language"`);
  }
}
