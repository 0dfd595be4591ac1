/**
 * Secrets that travel in URLs (personal feed tokens in the path, sign-in link tokens in the query)
 * never reach the request log: the log keeps the route, not the credential.
 */
export const redactUrl = (url: string) =>
  url.replace(/(\/feeds\/)[^/?#]+/g, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');

/** Fastify's request serializer with the URL redacted. */
export const requestSerializer = (req: {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) => ({
  method: req.method,
  url: redactUrl(req.url),
  host: req.hostname,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});
