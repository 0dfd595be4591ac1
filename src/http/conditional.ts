/**
 * Conditional GETs (RFC 9110 §13): a resource with a validator answers 304 to a client that has
 * it already, before anything is rendered. The one helper every such route uses.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

export const ConditionalHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String()),
  'if-modified-since': Type.Optional(Type.String()),
});

export const NotModified = { description: 'Not modified (If-None-Match / If-Modified-Since)', type: 'null' };

/** §13.1.2 / §13.1.3: If-None-Match wins; weak comparison; If-Modified-Since at second precision. */
export function notModified(req: FastifyRequest, etag: string, lastModified?: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const bare = (t: string) => t.trim().replace(/^W\//, '');
    return inm.split(',').some((t) => bare(t) === bare(etag));
  }
  const ims = req.headers['if-modified-since'];
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/**
 * Sets the validators and answers 304 when the client's copy is current; otherwise sends what
 * `load` gives (called only then, so an unchanged resource is never rendered).
 */
export async function sendConditional(
  req: FastifyRequest,
  reply: FastifyReply,
  v: { etag: string; lastModified?: Date; cacheControl?: string },
  load: () => Promise<Buffer | string>,
) {
  reply.header('etag', v.etag);
  if (v.lastModified) reply.header('last-modified', v.lastModified.toUTCString());
  if (v.cacheControl) reply.header('cache-control', v.cacheControl);
  if (notModified(req, v.etag, v.lastModified)) return reply.code(304).send();
  return reply.send(await load());
}
