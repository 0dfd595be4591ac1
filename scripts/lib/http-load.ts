/**
 * Keep-alive clients sending one request after another, tallying what comes back: statuses, failures
 * (a request sent that got no whole answer: a reset, a hang-up) and refusals (a connection the server
 * did not take, which a load balancer would send elsewhere). For the fault checks and their tests.
 */
import http from 'node:http';

export interface Tally {
  statuses: Record<number, number>;
  failed: number;
  refused: number;
  errors: string[];
  /** When each answer came, with its status (for "when did it stop / start working"). */
  log: { at: number; status: number }[];
  slowestMs: number;
}

export interface Load {
  tally: Tally;
  /** Resolves when every client has stopped by itself (the server closed on it). */
  finished: Promise<unknown>;
  stop(): Promise<void>;
}

export function keepAliveLoad(
  port: number,
  path: string,
  headers: Record<string, string>,
  clients: number,
  o: { stopOnRefusal?: boolean; record?: boolean } = {},
): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const tally: Tally = { statuses: {}, failed: 0, refused: 0, errors: [], log: [], slowestMs: 0 };
  let stopping = false;
  const one = () =>
    new Promise<'go' | 'stop'>((resolve) => {
      const sent = Date.now();
      const req = http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
          tally.slowestMs = Math.max(tally.slowestMs, Date.now() - sent);
          if (o.record) tally.log.push({ at: Date.now(), status });
          resolve('go');
        });
        res.on('error', (e) => {
          tally.failed++;
          tally.errors.push(e.message);
          resolve('go');
        });
      });
      req.on('error', (e: Error & { code?: string }) => {
        if (e.code === 'ECONNREFUSED') {
          tally.refused++;
          return resolve(o.stopOnRefusal === false ? 'go' : 'stop');
        }
        tally.failed++;
        if (tally.errors.length < 20) tally.errors.push(`${e.code}: ${e.message}`);
        resolve('go');
      });
    });
  const loops = Array.from({ length: clients }, async () => {
    while (!stopping && (await one()) === 'go');
  });
  const finished = Promise.all(loops);
  return {
    tally,
    finished,
    stop: async () => {
      stopping = true;
      await finished;
      agent.destroy();
    },
  };
}
