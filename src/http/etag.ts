/**
 * ETags of versioned resources are `"v<version>"`. `If-Match` is parsed into the version the
 * caller expects; the service then updates `WHERE version = $expected` and answers 412 on 0 rows.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

export const etag = (version: number) => `"v${version}"`;

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etag(version));
}

/** undefined: no precondition (absent or `*`); -1: a precondition that can never match. */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const versions = ifMatch
    .split(',')
    .map((t) => /^\s*"v(\d{1,9})"\s*$/.exec(t)?.[1])
    .filter((v): v is string => !!v);
  return versions.length === 1 ? Number(versions[0]) : -1;
}

export const IfMatchHeader = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'ETag from a previous read; a stale one answers 412' })),
});
