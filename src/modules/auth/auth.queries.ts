/** Sign-in's SQL: sessions, sign-in links, provider identities and OpenID Connect round trips. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { SignInMethod } from './auth.entity';

export interface SessionOwnerRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  language: string | null;
}
export interface SessionRow {
  id: string;
  method: SignInMethod;
  user_agent: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

// ---- sessions ----------------------------------------------------------------------------------

/**
 * The live sessions with these hashes, and their people: one indexed lookup for any number of them
 * (db/batch.ts), like API tokens'; undefined where none is live.
 */
export async function sessionOwners(m: EntityManager, hashes: string[]) {
  const rows = await sql<SessionOwnerRow & { token_hash: string }>(
    m,
    `SELECT s.token_hash, s.id AS session_id, s.csrf_token, s.last_seen_at, p.id, p.email, p.name, p.is_admin, p.language
       FROM session s JOIN person p ON p.id = s.person_id
      WHERE s.token_hash = ANY($1::bpchar[]) AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [hashes],
  );
  const byHash = new Map(rows.map(({ token_hash, ...r }) => [token_hash, r]));
  return hashes.map((h) => byHash.get(h));
}

export const touchSession = (m: EntityManager, id: string) =>
  sql(m, 'UPDATE session SET last_seen_at = now() WHERE id = $1', [id]);

export const insertSession = async (
  m: EntityManager,
  s: { personId: string; tokenHash: string; csrfToken: string; method: SignInMethod; userAgent: string; days: number },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO session (person_id, token_hash, csrf_token, method, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 day') RETURNING id`,
      [s.personId, s.tokenHash, s.csrfToken, s.method, s.userAgent, s.days],
    )
  )[0].id;

/** A person's live sessions, the latest first. */
export const sessionsOf = (m: EntityManager, personId: string) =>
  sql<SessionRow>(
    m,
    `SELECT id, method, user_agent, created_at, last_seen_at, expires_at FROM session
      WHERE person_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC, id`,
    [personId],
  );

export const sessionPerson = async (m: EntityManager, id: string) =>
  (await sql<{ person_id: string }>(m, 'SELECT person_id FROM session WHERE id = $1', [id]))[0]?.person_id;

/** Ends a session (idempotent) and tells every instance (bb_auth) to forget it. */
export const revokeSession = (m: EntityManager, id: string) =>
  sql(
    m,
    `WITH r AS (UPDATE session SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id)
     SELECT pg_notify('bb_auth', 'session:' || id) FROM r`,
    [id],
  );

// ---- sign-in links -----------------------------------------------------------------------------

export interface NewSignInLink {
  email: string;
  tokenHash: string;
  nextPath: string;
  minutes: number;
}

/**
 * Stores sign-in links, any number in one statement (the mail worker writes many at once). A link
 * that exists already (a retried mail's, made again from the same job) is kept as it is.
 */
export const insertSignInLinks = async (m: EntityManager, links: NewSignInLink[]) => {
  await sql(
    m,
    `INSERT INTO sign_in_link (token_hash, email, next_path, expires_at)
     SELECT h, e, p, now() + n * interval '1 minute' FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS l(h, e, p, n)
     ON CONFLICT (token_hash) DO NOTHING`,
    [
      links.map((l) => l.tokenHash),
      links.map((l) => l.email),
      links.map((l) => l.nextPath),
      links.map((l) => l.minutes),
    ],
  );
  return links.map(() => undefined);
};

/**
 * Counts a request for a sign-in link against the address's limit and records it, unless the limit
 * is reached: true when recorded. Requests for one address queue on an advisory lock, so two at once
 * cannot both take the last place (the limit holds across instances). Known or not, every address
 * has the same limit: a refusal says nothing about who has an account.
 */
export const takeLinkRequest = async (m: EntityManager, email: string, max: number, minutes: number) => {
  await sql(m, `SELECT pg_advisory_xact_lock(hashtextextended('sign-in-request:' || $1::text, 0))`, [email]);
  const rows = await sql<{ id: string }>(
    m,
    `INSERT INTO sign_in_request (email)
     SELECT $1::text
      WHERE (SELECT count(*) FROM sign_in_request
              WHERE email = $1::text AND created_at > now() - $3::int * interval '1 minute') < $2::int
     RETURNING id`,
    [email, max, minutes],
  );
  return rows.length > 0;
};

export interface LinkRow {
  email: string;
  next_path: string;
  usable: boolean;
}

/** A link by its hash, to show the landing page (nothing is used up). */
export const linkByHash = async (m: EntityManager, hash: string) =>
  (
    await sql<LinkRow>(
      m,
      `SELECT email, next_path, (used_at IS NULL AND expires_at > now()) AS usable FROM sign_in_link WHERE token_hash = $1`,
      [hash],
    )
  )[0];

/** Uses the link up, once: undefined when it is unknown, used or expired. */
export const consumeLink = async (m: EntityManager, hash: string) =>
  (
    await sql<{ email: string; next_path: string }>(
      m,
      `UPDATE sign_in_link SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING email, next_path`,
      [hash],
    )
  )[0];

// ---- provider identities and round trips ------------------------------------------------------

export const personOfIdentity = async (m: EntityManager, issuer: string, subject: string) =>
  (
    await sql<{ person_id: string }>(
      m,
      `UPDATE person_identity SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2 RETURNING person_id`,
      [issuer, subject],
    )
  )[0]?.person_id;

export const insertIdentity = (m: EntityManager, issuer: string, subject: string, personId: string) =>
  sql(m, 'INSERT INTO person_identity (issuer, subject, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    issuer,
    subject,
    personId,
  ]);

export const insertOidcLogin = (
  m: EntityManager,
  l: { keyHash: string; state: string; nonce: string; codeVerifier: string; nextPath: string },
) =>
  sql(m, 'INSERT INTO oidc_login (key_hash, state, nonce, code_verifier, next_path) VALUES ($1, $2, $3, $4, $5)', [
    l.keyHash,
    l.state,
    l.nonce,
    l.codeVerifier,
    l.nextPath,
  ]);

/** Takes the round trip's state, once; undefined when unknown or older than ten minutes. */
export const takeOidcLogin = async (m: EntityManager, keyHash: string) =>
  (
    await sql<{ state: string; nonce: string; code_verifier: string; next_path: string }>(
      m,
      `DELETE FROM oidc_login WHERE key_hash = $1 AND created_at > now() - interval '10 minutes'
       RETURNING state, nonce, code_verifier, next_path`,
      [keyHash],
    )
  )[0];

/** Housekeeping: round trips never finished, links and sessions long over. */
export const sweep = (m: EntityManager) =>
  sql(
    m,
    `WITH a AS (DELETE FROM oidc_login WHERE created_at < now() - interval '1 hour'),
          b AS (DELETE FROM sign_in_link WHERE expires_at < now() - interval '1 day'),
          c AS (DELETE FROM sign_in_request WHERE created_at < now() - interval '1 day')
     DELETE FROM session WHERE expires_at < now() - interval '30 days' OR revoked_at < now() - interval '30 days'`,
  );
