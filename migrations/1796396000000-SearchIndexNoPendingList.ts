import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base's GIN index without a pending list (issue #14). With `fastupdate` on, new
 * entries wait in an unsorted list until (auto)vacuum merges them, and every search scans that whole
 * list: right after 20,000 talks were added, a two-word query spent 11 of its 13 ms in the index
 * there. talk_document is written rarely (a talk accepted or edited, a lesson published) and read
 * on every search, so each write now goes into the index at once.
 */
export class SearchIndexNoPendingList1796396000000 implements MigrationInterface {
  name = 'SearchIndexNoPendingList1796396000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX talk_document_search SET (fastupdate = off)`);
    await q.query(`SELECT gin_clean_pending_list('talk_document_search'::regclass)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX talk_document_search RESET (fastupdate)`);
  }
}
