/**
 * SQL pieces every module shares, so each is written once: the speakers of a talk in order,
 * locking a row, and turning a constraint violation into a problem.
 */
import type { EntityManager } from 'typeorm';
import { sql } from './sql';

/**
 * A community's content version (the sum of its stamp stripes, see CommunityStamp) as text:
 * `${contentVersion('c.id', 'feed_n')} AS feed_version`. `feed_n` counts only what calendar feeds
 * show, `public_n` only what every reader of the community sees, `task_n` only its tasks. A read of
 * the community itself takes all three of n, public_n and task_n in one pass instead
 * (STAMP_SUMS, communities.queries.ts).
 */
export const contentVersion = (communityId: string, column: 'n' | 'feed_n' | 'public_n' | 'task_n' = 'n') =>
  `(SELECT coalesce(sum(${column}), 0)::text FROM community_stamp WHERE community_id = ${communityId})`;

/** When a community's content (or its feed's) last changed. */
export const contentChangedAt = (communityId: string, column: 'changed_at' | 'feed_changed_at' = 'changed_at') =>
  `(SELECT coalesce(max(${column}), 'epoch') FROM community_stamp WHERE community_id = ${communityId})`;

/** A talk's speakers' names in order, as a text[] column: `${speakerNames('p.id')} AS speakers`. */
export const speakerNames = (proposalId: string) =>
  `ARRAY(SELECT pe.name FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE ps.proposal_id = ${proposalId} ORDER BY ps.position)`;

/** A talk's speakers in order as a JSON array of { id, name } (never null). */
export const speakerRefs = (proposalId: string) =>
  `coalesce((SELECT json_agg(json_build_object('id', pe.id, 'name', pe.name) ORDER BY ps.position)
               FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE ps.proposal_id = ${proposalId}), '[]')`;

/** The same speakers as rows, for code that needs them one by one. */
export function speakersOf(m: EntityManager, proposalId: string): Promise<{ id: string; name: string }[]> {
  return sql(
    m,
    'SELECT pe.id, pe.name FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE ps.proposal_id = $1 ORDER BY ps.position',
    [proposalId],
  );
}

/** Takes the row lock of one row (serialising the changes that start with it); true when the row exists. */
export async function lockRow(
  m: EntityManager,
  table: 'proposal' | 'event' | 'community' | 'task' | 'nomination',
  id: string,
): Promise<boolean> {
  return (await sql(m, `SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id])).length > 0;
}

/** The SQLSTATE of a PostgreSQL error thrown through TypeORM or pg, if any. */
export function sqlState(e: unknown): string | undefined {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.driverError?.code ?? err.code;
}

/** Runs a statement; a violation with the given SQLSTATE (e.g. 23503 foreign key) becomes `problem()`. */
export async function orProblem<T>(run: Promise<T>, state: string, problem: () => Error): Promise<T> {
  try {
    return await run;
  } catch (e) {
    if (sqlState(e) === state) throw problem();
    throw e;
  }
}

/**
 * A task of a talk already given that was due by the time the talk began (its preparation): that
 * moment has passed, so it is not overdue any more but "after the talk", until someone marks it done
 * or skips it. Follow-ups due after the talk's start stay overdue when late: they can still be done.
 * One definition for the board, the checklists, the digest and the API (`afterTalk`, `overdue`).
 */
export const givenSince = (t: string) =>
  `EXISTS (SELECT 1 FROM slot gs WHERE gs.proposal_id = ${t}.proposal_id AND gs.ends_at < now() AND ${t}.due_at <= gs.starts_at)`;
export const afterTalkSql = (t: string) => `(${t}.status = 'open' AND ${givenSince(t)})`;
export const overdueSql = (t: string) => `(${t}.status = 'open' AND ${t}.due_at < now() AND NOT ${givenSince(t)})`;
