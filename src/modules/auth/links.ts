/**
 * Sign-in links and the paths they lead to: made here by the mail worker (the secret goes into the
 * mail, only its hash into the database) and checked by the sign-in pages.
 */
import type { DataSource } from 'typeorm';
import { normalizeEmail } from '../people/people.service';
import { hashSecret, newSecret } from '../people/tokens';
import * as q from './auth.queries';
import { Batcher } from '../../db/batch';

/** Minutes a requested link lives; links written into invitation mails live longer. */
export const LINK_MINUTES = 15;
export const MAIL_LINK_MINUTES = 7 * 24 * 60;

/** A path on this site, or '/': never another origin (no open redirect). */
export function safeNext(next: unknown, publicUrl: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const base = new URL(publicUrl);
    const u = new URL(next, base);
    if (u.origin !== base.origin) return '/';
    const path = `${u.pathname}${u.search}${u.hash}`;
    return path.length <= 2000 ? path : '/';
  } catch {
    return '/';
  }
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Links asked for together are stored together (db/batch.ts): an invitation to 2,000 people makes
 * 2,000 links, and one commit each was what held the mail worker at a third of raw sending.
 */
const batches = new WeakMap<DataSource, Batcher<q.NewSignInLink, undefined>>();
function linksOf(ds: DataSource) {
  let b = batches.get(ds);
  if (!b) batches.set(ds, (b = new Batcher((list) => q.insertSignInLinks(ds.manager, list))));
  return b;
}

/** Makes a one-time link for the address (the worker calls this when it writes the mail). */
export async function createSignInLink(
  ds: DataSource,
  publicUrl: string,
  email: string,
  nextPath: string,
  minutes: number,
): Promise<string> {
  const secret = newSecret('link');
  await linksOf(ds).one({ email: normalizeEmail(email), tokenHash: hashSecret(secret), nextPath, minutes });
  return `${publicUrl}/sign-in/link?token=${encodeURIComponent(secret)}`;
}
