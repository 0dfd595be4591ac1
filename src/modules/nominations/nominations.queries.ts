/** Nominations' SQL. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { NominationStatus } from './nomination.entity';

export interface NominationRow {
  id: string;
  community: string;
  topic: string;
  reason: string;
  status: NominationStatus;
  decided_at: Date | null;
  decline_reason: string | null;
  proposal_id: string | null;
  created_at: Date;
  nominator: { id: string; name: string };
  nominee: { id: string; name: string; email: string };
}

const SELECT = `
  SELECT n.id, c.slug AS community, n.topic, n.reason, n.status, n.decided_at, n.decline_reason, n.proposal_id, n.created_at,
         json_build_object('id', a.id, 'name', a.name) AS nominator, json_build_object('id', b.id, 'name', b.name, 'email', b.email) AS nominee
    FROM nomination n JOIN community c ON c.id = n.community_id JOIN person a ON a.id = n.nominator_id JOIN person b ON b.id = n.nominee_id`;

export const nominationRow = async (m: EntityManager, id: string) =>
  (await sql<NominationRow>(m, `${SELECT} WHERE n.id = $1`, [id]))[0];

/**
 * Serialises one nominator's nominations (advisory lock for the transaction) and counts what they
 * made in the last 24 hours, so a daily limit holds under concurrency.
 */
export async function lockAndCountRecent(m: EntityManager, nominatorId: string) {
  await sql(m, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [`nominate:${nominatorId}`]);
  return (
    await sql<{ n: number; oldest: Date | null }>(
      m,
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM nomination
        WHERE nominator_id = $1 AND created_at > now() - interval '24 hours'`,
      [nominatorId],
    )
  )[0];
}

/** A new open nomination; null when the nominee has an open one for this topic here already. */
export const insertNomination = async (
  m: EntityManager,
  n: { communityId: string; nominatorId: string; nomineeId: string; topic: string; reason: string },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (community_id, nominee_id, lower(topic)) WHERE status = 'open' DO NOTHING RETURNING id`,
      [n.communityId, n.nominatorId, n.nomineeId, n.topic, n.reason],
    )
  )[0]?.id ?? null;

/** The call a nomination's draft goes to (the given one, else the open or latest), with a format: the wanted one if offered. */
export const callForDraft = async (m: EntityManager, slug: string, callId: string | null, format: string) =>
  (
    await sql<{ id: string; format: string | null }>(
      m,
      `SELECT cfp.id, (SELECT f.key FROM call_format f WHERE f.call_id = cfp.id ORDER BY (f.key = $3) DESC, f.position, f.key LIMIT 1) AS format
         FROM call_for_proposals cfp JOIN community c ON c.id = cfp.community_id
        WHERE c.slug = $1 AND ($2::uuid IS NULL OR cfp.id = $2)
        ORDER BY (cfp.opens_at <= now() AND (cfp.closes_at IS NULL OR cfp.closes_at > now())) DESC, cfp.opens_at DESC LIMIT 1`,
      [slug, callId, format],
    )
  )[0];

export const markAccepted = (m: EntityManager, id: string, proposalId: string) =>
  sql(
    m,
    `UPDATE nomination SET status = 'accepted', decided_at = now(), proposal_id = $2, updated_at = now() WHERE id = $1`,
    [id, proposalId],
  );

export const markDeclined = (m: EntityManager, id: string, reason: string | null) =>
  sql(
    m,
    `UPDATE nomination SET status = 'declined', decided_at = now(), decline_reason = $2, updated_at = now() WHERE id = $1`,
    [id, reason],
  );

/** One page, newest first, of the nominations of a community, or received or sent by a person. */
export function nominationsPage(
  m: EntityManager,
  of: 'community' | 'nominee' | 'nominator',
  key: string,
  status: NominationStatus | null,
  after: [string, string] | null,
  limit: number,
) {
  return sql<NominationRow>(
    m,
    `${SELECT} WHERE n.${of}_id = $1 AND ($2::nomination_status IS NULL OR n.status = $2)
       AND ${after ? '(n.created_at, n.id) < ($3::timestamptz, $4::uuid)' : '$3::timestamptz IS NULL AND $4::uuid IS NULL'}
     ORDER BY n.created_at DESC, n.id DESC LIMIT $5`,
    [key, status, after?.[0] ?? null, after?.[1] ?? null, limit],
  );
}
