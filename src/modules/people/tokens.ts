/**
 * Secrets for API and feed tokens, sessions and sign-in links: 256 random bits, base64url, with a readable prefix. They are
 * stored as SHA-256: with this much entropy a fast hash is the right tool (no dictionary to slow
 * down, and it keeps every request's lookup one indexed equality).
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(kind: 'bb' | 'feed' | 'sess' | 'link' = 'bb'): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const secretPrefix = (secret: string) => secret.slice(0, 10);
