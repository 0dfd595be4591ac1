/** Facts an installation fixes once and keeps (e.g. the calendar UID domain); SQL for `instance_setting`. */
import type { EntityManager } from 'typeorm';
import { sql } from './sql';

/** The stored value of `key`, storing `proposed` first if it has none (the first caller wins, once). */
export async function storedOnce(m: EntityManager, key: string, proposed: string): Promise<string> {
  for (;;) {
    const [r] = await sql<{ value: string }>(
      m,
      `WITH ins AS (INSERT INTO instance_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value)
       SELECT value FROM ins UNION ALL SELECT value FROM instance_setting WHERE key = $1 LIMIT 1`,
      [key, proposed],
    );
    // Nothing when another instance stored it after this statement's snapshot: read it again.
    if (r) return r.value;
  }
}

/** The installation's sealing key, kept once in instance_setting (core/secrets.ts's KeyStore). */
export const secretKeyStore =
  (ds: { manager: EntityManager }) =>
  (fresh: string): Promise<string> =>
    storedOnce(ds.manager, 'secret_key', fresh);
