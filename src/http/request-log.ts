/**
 * The request log, as operators want it: one line per answered request — method, route pattern, the
 * URL with its secrets redacted, status, time in ms, and the request id (reqId, on every line of the
 * request) — instead of Fastify's two (incoming, completed). Health probes and /metrics scrapes are
 * left out unless LOG_PROBES=on. Errors are still logged as Fastify logs them. The level is LOG_LEVEL.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { redactUrl } from './redact';

class OneLinePerRequest extends LogController {
  constructor(private readonly probes: boolean) {
    super();
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null, req: FastifyRequest, reply: FastifyReply): void {
    if (!this.probes && req.routeOptions?.config?.probe) return;
    const line = {
      method: req.method,
      route: req.routeOptions?.url ?? 'unmatched',
      url: redactUrl(req.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export const requestLog = (o: { probes: boolean }) => new OneLinePerRequest(o.probes);
