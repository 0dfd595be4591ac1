import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each talk is indexed in its own language: English, Russian and Finnish with PostgreSQL's stemmers
 * (a word in another form still finds the talk), Hebrew and Polish — which PostgreSQL has no stemmer
 * for — with `brownbag_simple`: the `simple` dictionary behind `unaccent`, so "zrodla" finds "źródła".
 * `talk_search_config(language)` is the one mapping; the document function and the search query both use it.
 */
const DOCUMENT = (config: string) => `
  CREATE OR REPLACE FUNCTION talk_document_of(pid uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector(${config}, p.title), 'A')
        || setweight(to_tsvector(${config}, coalesce((SELECT string_agg(pe.name, ' ') FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id
                                                      WHERE ps.proposal_id = p.id), '')), 'B')
        || setweight(to_tsvector(${config}, coalesce((SELECT string_agg(t, ' ') FROM lesson l, jsonb_array_elements_text(l.takeaways) t
                                                      WHERE l.proposal_id = p.id AND l.status = 'published'), '')), 'B')
        || setweight(to_tsvector(${config}, p.abstract), 'C')
        || setweight(to_tsvector(${config}, coalesce((SELECT concat_ws(' ', l.went_well, l.to_change, l.notes,
                                                             (SELECT string_agg(r->>'label', ' ') FROM jsonb_array_elements(l.resources) r))
                                                      FROM lesson l WHERE l.proposal_id = p.id AND l.status = 'published'), '')), 'D')
      FROM proposal p WHERE p.id = pid
  $$`;

export class SearchLanguages1796700100000 implements MigrationInterface {
  name = 'SearchLanguages1796700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION public.brownbag_simple (COPY = pg_catalog.simple)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION public.brownbag_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`,
    );
    await q.query(`
      CREATE FUNCTION talk_search_config(talk_language) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE $1 WHEN 'en' THEN 'pg_catalog.english' WHEN 'ru' THEN 'pg_catalog.russian'
                       WHEN 'fi' THEN 'pg_catalog.finnish' ELSE 'public.brownbag_simple' END::regconfig
      $$`);
    await q.query(DOCUMENT('talk_search_config(p.language)'));
    await q.query(`CREATE INDEX "talk_document_language" ON "talk_document" ("language")`);
    await q.query(`UPDATE talk_document d SET document = talk_document_of(d.proposal_id) WHERE d.language <> 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "talk_document_language"`);
    await q.query(DOCUMENT(`'english'`));
    await q.query(`UPDATE talk_document d SET document = talk_document_of(d.proposal_id) WHERE d.language <> 'en'`);
    await q.query(`DROP FUNCTION talk_search_config(talk_language)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION public.brownbag_simple`);
  }
}
