/**
 * Answers for when the service cannot do its work: the database is out (503 database-unavailable
 * with Retry-After, at once, while the watch says so) or the process is shutting down (every
 * response says `Connection: close` while draining; after the drain deadline, 503 shutting-down).
 * Health probes (`config: { probe: true }`), the API docs and the assets never need the database.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseWatch } from '../db/outage';
import { sendProblem, sendUnavailable, type UnavailablePage } from './problem';

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
  interface FastifyContextConfig {
    /** A health probe: answers without a credential lookup and reports the database itself. */
    probe?: boolean;
  }
}

export interface Lifecycle {
  /** SIGTERM received: responses close their connection so clients reconnect elsewhere. */
  draining: boolean;
  /** Past the drain deadline: whatever still arrives is refused. */
  refusing: boolean;
}

const needsNoDatabase = (req: FastifyRequest) =>
  req.routeOptions.config?.probe ||
  req.url.startsWith('/assets/') ||
  req.url.startsWith('/docs') ||
  req.url === '/openapi.json';

export default fp(async function availability(
  app: FastifyInstance,
  opts: { watch: DatabaseWatch; page?: UnavailablePage },
) {
  const lifecycle: Lifecycle = { draining: false, refusing: false };
  app.decorate('database', opts.watch);
  app.decorate('lifecycle', lifecycle);
  app.addHook('onClose', async () => opts.watch.stop());

  app.addHook('onRequest', async (req, reply) => {
    if (lifecycle.refusing) {
      reply.header('retry-after', '1').header('connection', 'close');
      return sendProblem(reply, req, {
        status: 503,
        code: 'shutting-down',
        title: 'Service unavailable',
        detail: 'This instance is shutting down; send the request again (another instance will take it).',
      });
    }
    if (opts.watch.down && !needsNoDatabase(req)) return sendUnavailable(req, reply, opts.page);
    return undefined;
  });

  app.addHook('onSend', async (_req, reply) => {
    if (lifecycle.draining) reply.header('connection', 'close');
  });
});

export interface DrainOptions {
  /** Keep taking new connections this long first (a load balancer notices /health/ready's 503). */
  delayMs?: number;
  /** Give up on connections still open after this long (from the start of the drain). */
  deadlineMs?: number;
}

/**
 * Stops taking connections and lets the open ones finish, so a deploy fails no request: every
 * response from now on says `Connection: close`, a client busy on a keep-alive connection gets its
 * answer and reconnects (to another instance), and a connection that stays idle is closed after a
 * second. `http.Server.close()` would close idle keep-alive connections at once, racing a client
 * that is sending its next request on one right then (a reset); we stop listening without that.
 * Resolves when every connection is closed, or at the deadline (after refusing what still comes).
 */
export async function drain(app: FastifyInstance, o: DrainOptions = {}): Promise<{ forced: number }> {
  const { server, lifecycle } = app;
  lifecycle.draining = true;
  server.keepAliveTimeout = 1000;
  if (o.delayMs) await sleep(o.delayMs);
  if (!server.listening) return { forced: 0 };
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  const started = Date.now();
  const deadline = o.deadlineMs ?? 8000;
  const idle = setInterval(() => Date.now() - started >= 1000 && server.closeIdleConnections(), 250);
  try {
    const done = await Promise.race([closed.then(() => true), sleep(deadline, false)]);
    if (done) return { forced: 0 };
    lifecycle.refusing = true;
    await sleep(250);
    const open = await new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n ?? 0)));
    server.closeAllConnections();
    return { forced: open };
  } finally {
    clearInterval(idle);
  }
}
