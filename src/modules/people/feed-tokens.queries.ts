/** Personal calendar-feed tokens' SQL. */
import { type EntityManager, IsNull } from 'typeorm';
import { sql } from '../../db/sql';
import { FeedToken } from './feed-token.entity';

type Secret = Pick<FeedToken, 'tokenHash' | 'prefix'>;

export function insertFeedToken(m: EntityManager, personId: string, name: string, secret: Secret) {
  const repo = m.getRepository(FeedToken);
  return repo.save(repo.create({ personId, name, ...secret, revokedAt: null }));
}

export const feedTokensOf = (m: EntityManager, personId: string) =>
  m.getRepository(FeedToken).find({ where: { personId }, order: { createdAt: 'DESC' } });

export const feedTokenExists = (m: EntityManager, personId: string, id: string) =>
  m.getRepository(FeedToken).existsBy({ id, personId });

export const liveFeedToken = (m: EntityManager, personId: string, id: string) =>
  m.getRepository(FeedToken).findOneBy({ id, personId, revokedAt: IsNull() });

export const revokeFeedToken = (m: EntityManager, personId: string, id: string) =>
  m.getRepository(FeedToken).update({ id, personId, revokedAt: IsNull() }, { revokedAt: new Date() });

/** Gives the token a new secret; the token as it is now. */
export async function replaceFeedSecret(m: EntityManager, id: string, secret: Secret) {
  await m.getRepository(FeedToken).update({ id }, secret);
  return m.getRepository(FeedToken).findOneByOrFail({ id });
}

/** The person a live feed token's hash belongs to. */
export const feedTokenOwner = async (m: EntityManager, hash: string) =>
  (
    await sql<{ person_id: string }>(
      m,
      'SELECT person_id FROM feed_token WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash],
    )
  )[0]?.person_id ?? null;
