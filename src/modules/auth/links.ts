/**
 * Sign-in links and the paths they lead to: made here by the mail worker (the secret goes into the
 * mail, only its hash into the database) and checked by the sign-in pages.
 */
import type { DataSource } from 'typeorm';
import { normalizeEmail } from '../people/people.service';
import { hashSecret, newSecret } from '../people/tokens';
import * as q from './auth.queries';
import { Batcher } from '../../db/batch';
import { localPath } from '../../http/local-path';
import { Sealer } from '../../core/secrets';
import { secretKeyStore } from '../../db/instance-settings';

/** Minutes a requested link lives; links written into invitation mails live longer. */
export const LINK_MINUTES = 15;
export const MAIL_LINK_MINUTES = 7 * 24 * 60;
/** Sign-in links one address may ask for per LINK_MINUTES (known address or not; mail links do not count). */
export const LINK_REQUESTS_PER_ADDRESS = 5;

/** A path on this site, or '/': never another origin (no open redirect; see http/local-path.ts). */
export const safeNext = (next: unknown): string => localPath(next);

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
  /**
   * What the link is written into (a mail job and where the link goes): the same `of` makes the same
   * link, so a mail retried after an outage carries the link it carried before instead of a new one.
   */
  of?: string,
): Promise<string> {
  const address = normalizeEmail(email);
  const secret = of
    ? `link_${await sealerOf(ds).derive(`sign-in-link\n${of}\n${address}\n${nextPath}`)}`
    : newSecret('link');
  await linksOf(ds).one({ email: address, tokenHash: hashSecret(secret), nextPath, minutes });
  return `${publicUrl}/sign-in/link?token=${encodeURIComponent(secret)}`;
}

const sealers = new WeakMap<DataSource, Sealer>();
function sealerOf(ds: DataSource) {
  let s = sealers.get(ds);
  if (!s) sealers.set(ds, (s = new Sealer(secretKeyStore(ds))));
  return s;
}
