/**
 * Raw SQL on the hot paths, as *named* prepared statements of node-postgres: PostgreSQL then plans
 * each distinct query text once per connection instead of on every request (planning the proposal
 * read costs more than running it). Inside a transaction the statement runs on the transaction's
 * own connection; outside one, on any pooled connection.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `bb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 5000) names.set(text, name);
  }
  return name;
}

export async function sql<T = Record<string, unknown>>(
  m: EntityManager,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client: Pool | PoolClient = m.queryRunner
    ? (m.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection
    : (m.connection.driver as unknown as { master: Pool }).master;
  if (!client) return m.query(text, values);
  const res = await client.query({ name: nameOf(text), text, values });
  return res.rows as T[];
}
