/**
 * Browser sessions. The cookie carries a 256-bit secret; PostgreSQL keeps its SHA-256, so a session
 * survives restarts and works on every instance. Lookups go through the same credential cache as
 * API tokens (one indexed equality per secret and second, the same cost), and ending a session
 * reaches every instance at once (people/credential-cache.ts).
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { hashSecret, newSecret } from '../people/tokens';
import type { SignInMethod } from './auth.entity';
import * as q from './auth.queries';
import { CredentialCache } from '../people/credential-cache';
import { Batcher } from '../../db/batch';

const LAST_SEEN_RESOLUTION_MS = 60_000;

export class SessionsService {
  /** Lookups that miss the credential cache in one turn share one statement. */
  readonly owners: Batcher<string, q.SessionOwnerRow | undefined>;

  constructor(
    private readonly ds: DataSource,
    private readonly days: number,
    private readonly credentials = new CredentialCache(),
  ) {
    this.owners = new Batcher((hashes) => q.sessionOwners(ds.manager, hashes));
  }

  /** A new session for the person; the secret goes into the cookie and nowhere else. */
  async start(personId: string, method: SignInMethod, userAgent: string, m: EntityManager = this.ds.manager) {
    const secret = newSecret('sess');
    const id = await q.insertSession(m, {
      personId,
      tokenHash: hashSecret(secret),
      csrfToken: randomBytes(24).toString('base64url'),
      method,
      userAgent: userAgent.slice(0, 300),
      days: this.days,
    });
    return { id, secret, maxAgeSeconds: this.days * 86_400 };
  }

  async authenticate(secret: string): Promise<Actor | null> {
    const hash = hashSecret(secret);
    const hit = this.credentials.get(hash);
    if (hit) return hit;
    const actor = await this.lookup(hash);
    this.credentials.set(hash, actor);
    return actor;
  }

  private async lookup(hash: string): Promise<Actor | null> {
    const r = await this.owners.one(hash);
    if (!r) return null;
    if (Date.now() - r.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS)
      await q.touchSession(this.ds.manager, r.session_id);
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      isAdmin: r.is_admin,
      language: r.language,
      sessionId: r.session_id,
      csrfToken: r.csrf_token,
    };
  }

  async list(actor: Actor, personId: string) {
    authorize({ actor, own: personId === actor.id }, 'session.list');
    return q.sessionsOf(this.ds.manager, personId);
  }

  /** Signs a browser out: its own person or an admin. */
  async end(actor: Actor, sessionId: string): Promise<void> {
    const owner = await q.sessionPerson(this.ds.manager, sessionId);
    if (!owner || (owner !== actor.id && !actor.isAdmin)) throw new NotFound('The session');
    authorize({ actor, own: owner === actor.id }, 'session.end');
    await q.revokeSession(this.ds.manager, sessionId);
    // After the commit: a lookup that was in flight meanwhile cannot put the session back.
    this.credentials.forget(`session:${sessionId}`);
  }
}
