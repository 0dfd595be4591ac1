/**
 * Request ids: the id a proxy sent in X-Request-Id when it looks like one (letters, digits and
 * `._:-`, at most 100 characters), else a fresh UUID. It is in every log line of the request
 * (`reqId`), in the `X-Request-Id` response header and in every problem body (`requestId`), so a
 * user's screenshot of an error leads to its log lines.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOKS_LIKE_AN_ID = /^[\w.:-]{1,100}$/;

export function requestId(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && LOOKS_LIKE_AN_ID.test(sent) ? sent : randomUUID();
}
