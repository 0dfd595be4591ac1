/** Topic wishes' SQL. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { WishStatus } from './wish.entity';

export interface WishRow {
  id: string;
  community: string;
  title: string;
  details: string;
  status: WishStatus;
  votes: number;
  /** whether the person asking voted for it */
  voted: boolean;
  author: { id: string; name: string };
  offers: { personId: string; name: string; proposalId: string; at: string }[];
  closed_at: Date | null;
  created_at: Date;
  /** created_at to the microsecond, for the cursor (a Date keeps milliseconds) */
  created_key: string;
}

/** $1 is the person asking (for `voted`). */
const SELECT = `
  SELECT w.id, c.slug AS community, w.title, w.details, w.status, w.closed_at, w.created_at, w.created_at::text AS created_key,
         (SELECT count(*)::int FROM topic_wish_vote v WHERE v.wish_id = w.id) AS votes,
         EXISTS (SELECT 1 FROM topic_wish_vote v WHERE v.wish_id = w.id AND v.person_id = $1) AS voted,
         json_build_object('id', a.id, 'name', a.name) AS author,
         coalesce((SELECT json_agg(json_build_object('personId', o.person_id, 'name', p.name, 'proposalId', o.proposal_id, 'at', o.created_at) ORDER BY o.created_at)
                     FROM topic_wish_offer o JOIN person p ON p.id = o.person_id WHERE o.wish_id = w.id), '[]') AS offers
    FROM topic_wish w JOIN community c ON c.id = w.community_id JOIN person a ON a.id = w.author_id`;

export const wishRow = async (m: EntityManager, id: string, viewerId: string) =>
  (await sql<WishRow>(m, `${SELECT} WHERE w.id = $2`, [viewerId, id]))[0];

/** The wish's community (for access checks), locked when `lock` (closing, offering). */
export const wishCommunity = async (m: EntityManager, id: string, lock = false) =>
  (
    await sql<{ community_id: string; slug: string; author_id: string; status: WishStatus; title: string }>(
      m,
      `SELECT w.community_id, c.slug, w.author_id, w.status, w.title FROM topic_wish w JOIN community c ON c.id = w.community_id
        WHERE w.id = $1${lock ? ' FOR UPDATE OF w' : ''}`,
      [id],
    )
  )[0];

export const insertWish = async (
  m: EntityManager,
  w: { communityId: string; authorId: string; title: string; details: string },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO topic_wish (community_id, author_id, title, details) VALUES ($1, $2, $3, $4) RETURNING id`,
      [w.communityId, w.authorId, w.title, w.details],
    )
  )[0].id;

/**
 * An open wish of the community with the same title (case and spacing aside), so a second person
 * wishing for it votes instead of splitting the votes.
 */
export const sameOpenWish = async (m: EntityManager, communityId: string, title: string) =>
  (
    await sql<{ id: string }>(
      m,
      `SELECT id FROM topic_wish WHERE community_id = $1 AND status = 'open'
          AND lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim($2), '\\s+', ' ', 'g'))
        LIMIT 1`,
      [communityId, title],
    )
  )[0]?.id ?? null;

/** Votes once; a second vote by the same person changes nothing (the key). */
export const vote = (m: EntityManager, wishId: string, personId: string) =>
  sql(m, `INSERT INTO topic_wish_vote (wish_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [wishId, personId]);

export const unvote = (m: EntityManager, wishId: string, personId: string) =>
  sql(m, `DELETE FROM topic_wish_vote WHERE wish_id = $1 AND person_id = $2`, [wishId, personId]);

export const close = (m: EntityManager, id: string) =>
  sql(m, `UPDATE topic_wish SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`, [id]);

export const reopen = (m: EntityManager, id: string) =>
  sql(m, `UPDATE topic_wish SET status = 'open', closed_at = NULL, updated_at = now() WHERE id = $1`, [id]);

export const offerOf = async (m: EntityManager, wishId: string, personId: string) =>
  (
    await sql<{ proposal_id: string }>(
      m,
      `SELECT proposal_id FROM topic_wish_offer WHERE wish_id = $1 AND person_id = $2`,
      [wishId, personId],
    )
  )[0]?.proposal_id ?? null;

export const insertOffer = (m: EntityManager, wishId: string, personId: string, proposalId: string) =>
  sql(m, `INSERT INTO topic_wish_offer (wish_id, person_id, proposal_id) VALUES ($1, $2, $3)`, [
    wishId,
    personId,
    proposalId,
  ]);

/** Serialises one person's offers on one wish (a double click makes one draft, not two). */
export const lockOffer = (m: EntityManager, wishId: string, personId: string) =>
  sql(m, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 11))', [`wish-offer:${wishId}:${personId}`]);

/**
 * One page of a community's wishes: most votes first, then oldest (a wish that has waited longer
 * comes first among equals). The cursor is the last row's (votes, created_at, id).
 */
export function wishesPage(
  m: EntityManager,
  communityId: string,
  viewerId: string,
  status: WishStatus,
  after: [number, string, string] | null,
  limit: number,
) {
  return sql<WishRow>(
    m,
    `SELECT * FROM (${SELECT} WHERE w.community_id = $2 AND w.status = $3) x
      WHERE ($4::int IS NULL OR (x.votes < $4 OR (x.votes = $4 AND (x.created_at, x.id) > ($5::timestamptz, $6::uuid))))
      ORDER BY x.votes DESC, x.created_at, x.id LIMIT $7`,
    [viewerId, communityId, status, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit],
  );
}

/** For the wisher's mail: the wish, its community and who offered. */
export const offerFacts = async (m: EntityManager, wishId: string, offererId: string) =>
  (
    await sql<{ title: string; community: string; offerer: string; proposal_id: string }>(
      m,
      `SELECT w.title, c.name AS community, p.name AS offerer, o.proposal_id
         FROM topic_wish_offer o JOIN topic_wish w ON w.id = o.wish_id JOIN community c ON c.id = w.community_id
         JOIN person p ON p.id = o.person_id WHERE o.wish_id = $1 AND o.person_id = $2`,
      [wishId, offererId],
    )
  )[0];
