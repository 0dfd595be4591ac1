/** The people module's SQL: people and their API tokens. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { ApiToken } from './api-token.entity';
import { Person } from './person.entity';

export interface TokenOwnerRow {
  token_id: string;
  last_used_at: Date | null;
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  language: string | null;
}

/** The live (unrevoked) tokens with these hashes and their owners, in one statement (db/batch.ts); undefined where none is live. */
export async function tokenOwners(m: EntityManager, hashes: string[]) {
  const rows = await sql<TokenOwnerRow & { token_hash: string }>(
    m,
    `SELECT t.token_hash, t.id AS token_id, t.last_used_at, p.id, p.email, p.name, p.is_admin, p.language
       FROM api_token t JOIN person p ON p.id = t.person_id
      WHERE t.token_hash = ANY($1::bpchar[]) AND t.revoked_at IS NULL`,
    [hashes],
  );
  const byHash = new Map(rows.map(({ token_hash, ...r }) => [token_hash, r]));
  return hashes.map((h) => byHash.get(h));
}

export const touchToken = (m: EntityManager, tokenId: string) =>
  sql(m, 'UPDATE api_token SET last_used_at = now() WHERE id = $1', [tokenId]);

export const personById = (m: EntityManager, id: string) => m.getRepository(Person).findOneBy({ id });
export const personByEmail = (m: EntityManager, email: string) => m.getRepository(Person).findOneBy({ email });
export const personExists = (m: EntityManager, id: string) => m.getRepository(Person).existsBy({ id });
export const anyAdmin = (m: EntityManager) => m.getRepository(Person).existsBy({ isAdmin: true });
export const firstPeople = (m: EntityManager, limit: number) =>
  m.getRepository(Person).find({ order: { email: 'ASC' }, take: limit });

export interface PersonFields {
  email: string;
  name: string;
  department: string | null;
  title: string | null;
  isAdmin: boolean;
}

/** Inserts a person unless the e-mail exists; the new id, or null when it did. */
export const insertPerson = async (m: EntityManager, p: PersonFields) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO person (email, name, department, title, is_admin) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [p.email, p.name, p.department, p.title, p.isAdmin],
    )
  )[0]?.id ?? null;

export const updatePerson = (m: EntityManager, id: string, changes: Partial<Person>) =>
  m.getRepository(Person).update({ id }, changes);

/** Tells every instance (bb_auth) to read this person's credentials afresh: their name or language changed. */
export const announcePersonChanged = (m: EntityManager, id: string) =>
  sql(m, `SELECT pg_notify('bb_auth', 'person:' || $1::text)`, [id]);

export const tokensOf = (m: EntityManager, personId: string) =>
  m.getRepository(ApiToken).find({ where: { personId }, order: { createdAt: 'DESC' } });

export function insertToken(m: EntityManager, token: Pick<ApiToken, 'personId' | 'name' | 'tokenHash' | 'prefix'>) {
  const repo = m.getRepository(ApiToken);
  return repo.save(repo.create({ ...token, lastUsedAt: null, revokedAt: null }));
}

/**
 * Revokes one of the person's live tokens and tells every instance (bb_auth) to forget it; false
 * when there was none to revoke.
 */
export const revokeToken = async (m: EntityManager, personId: string, tokenId: string) =>
  (
    await sql(
      m,
      `WITH r AS (UPDATE api_token SET revoked_at = now() WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL RETURNING id)
       SELECT pg_notify('bb_auth', 'token:' || id) FROM r`,
      [tokenId, personId],
    )
  ).length > 0;

export const tokenExists = (m: EntityManager, personId: string, tokenId: string) =>
  m.getRepository(ApiToken).existsBy({ id: tokenId, personId });

/** Serialises admin bootstraps across instances for the rest of the transaction. */
export const lockAdminBootstrap = (m: EntityManager) => sql(m, 'SELECT pg_advisory_xact_lock(7245019332)');
