/**
 * Resolved credentials (API tokens and session cookies), trusted for a second: under load most
 * requests skip the lookup. Revoking ends a credential at once everywhere that matters: the revoking
 * process forgets it on the spot, and every other instance as soon as PostgreSQL delivers the
 * `bb_auth` notification the revoking statement sends (LISTEN/NOTIFY, well under a millisecond on
 * a LAN); the one-second bound is only the fallback while an instance's listener is reconnecting.
 */
import type { Actor } from '../../core/actor';

export const CACHE_MS = 1_000;
export const AUTH_CHANNEL = 'bb_auth';

export class CredentialCache {
  private readonly entries = new Map<string, { actor: Actor; at: number }>();

  get(hash: string): Actor | undefined {
    const hit = this.entries.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.actor;
    if (hit) this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, actor: Actor | null): void {
    if (!actor) {
      this.entries.delete(hash);
      return;
    }
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(hash, { actor, at: Date.now() });
  }

  /** A `bb_auth` payload: `token:<id>`, `session:<id>` or `person:<id>` (all of someone's). */
  forget(payload: string): void {
    const [kind, id] = payload.split(':');
    for (const [hash, { actor }] of this.entries) {
      if (
        (kind === 'token' && actor.tokenId === id) ||
        (kind === 'session' && actor.sessionId === id) ||
        (kind === 'person' && actor.id === id)
      )
        this.entries.delete(hash);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
