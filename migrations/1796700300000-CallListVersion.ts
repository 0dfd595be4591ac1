import { MigrationInterface, QueryRunner } from 'typeorm';
import { BUMP } from './1796374752530-NoHotRow';

/**
 * A call's own changes (a new call, an edited title or window, a call removed) move its community's
 * content version, as its formats' and tracks' already did: the cached community home shows the call
 * at once, not after the minute the cache would otherwise keep it.
 */
const BRANCH = `ELSIF TG_TABLE_NAME IN ('call_format', 'call_track') THEN`;
const WITH_CALLS = `ELSIF TG_TABLE_NAME = 'call_for_proposals' THEN
      ids := ARRAY[r.community_id];
    ${BRANCH}`;

/** bump_list_version as this migration leaves it (the next one's `down` goes back to it). */
export const CALL_BUMP = BUMP.replace(BRANCH, WITH_CALLS);

export class CallListVersion1796700300000 implements MigrationInterface {
  name = 'CallListVersion1796700300000';

  async up(q: QueryRunner): Promise<void> {
    if (!BUMP.includes(BRANCH)) throw new Error('bump_list_version changed: update CallListVersion');
    await q.query(CALL_BUMP);
    await q.query(
      `CREATE CONSTRAINT TRIGGER call_list_version AFTER INSERT OR UPDATE OR DELETE ON call_for_proposals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_list_version()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER call_list_version ON call_for_proposals`);
    await q.query(BUMP);
  }
}
