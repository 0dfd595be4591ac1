/**
 * An RSVP burst: 200 people answer "going" at the same moment for an event with 30 seats (each on
 * its own connection), beside a burst of 200 `SELECT 1` baseline requests in the same run. Prints
 * the burst's wall time and latencies, and checks the outcome in the database: exactly 30 going,
 * 170 waitlisted in arrival order, no error. Nothing about time is asserted.
 */
import http from 'node:http';
import { buildServices } from '../../src/app';
import { startServer } from './lib';
import type { BenchContext } from './lib';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];

export async function benchRsvps({ ds, dbUrl, smoke }: BenchContext): Promise<boolean> {
  const people = smoke ? 40 : 200;
  const seats = smoke ? 6 : 30;
  const admin = (await buildServices(ds).people.bootstrapAdmin('bench-admin@example.com', 'Admin', true))!.secret;
  const server = await startServer(dbUrl);
  // One connection per person: the burst arrives at once, as it would from 200 browsers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: people + 10 });
  const { port } = new URL(server.url);
  const call = (method: string, path: string, token: string, body?: unknown) =>
    new Promise<{ status: number; json: any; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          agent,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              json: text ? JSON.parse(text) : null,
              ms: performance.now() - started,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  try {
    await call('POST', '/v1/communities', admin, { slug: 'burst', name: 'Burst', timeZone: 'Europe/Berlin' });
    const at = new Date(Date.now() + 7 * 86400_000);
    const ev = await call('POST', '/v1/communities/burst/events', admin, {
      title: 'The popular one',
      startsAt: at.toISOString(),
      endsAt: new Date(at.getTime() + 3600_000).toISOString(),
      capacity: seats,
      onlineUrl: 'https://meet.example/burst',
    });
    await call('PATCH', `/v1/events/${ev.json.id}`, admin, { status: 'published' });
    const tokens: string[] = [];
    for (let i = 0; i < people; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, people - i) }, async (_, j) => {
          const p = await call('POST', '/v1/people', admin, { email: `fan${i + j}@burst.example` });
          return (await call('POST', `/v1/people/${p.json.id}/tokens`, admin, { name: 'bench' })).json.token as string;
        }),
      );
      tokens.push(...batch);
    }
    // Warm both paths, then the bursts.
    await Promise.all(tokens.slice(0, 10).map((t) => call('GET', '/bench/baseline', t)));
    const burst = async (fn: (token: string) => ReturnType<typeof call>) => {
      const started = performance.now();
      const answers = await Promise.all(tokens.map(fn));
      return { wall: performance.now() - started, answers };
    };
    const base = await burst((t) => call('GET', '/bench/baseline', t));
    const rsvp = await burst((t) => call('PUT', `/v1/events/${ev.json.id}/rsvps/me`, t, { status: 'going' }));
    const statuses = rsvp.answers.map((a) => (a.status < 300 ? a.json.status : `http ${a.status}`));
    const count = (s: string) => statuses.filter((x) => x === s).length;
    const [{ going, waitlisted }] = await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'going')::int AS going, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM rsvp WHERE event_id = $1`,
      [ev.json.id],
    );
    const exact = going === seats && waitlisted === people - seats && count('going') === seats;
    const row = (name: string, b: typeof base) =>
      `${name.padEnd(34)}${b.wall.toFixed(0).padStart(9)}${percentile(
        b.answers.map((a) => a.ms),
        0.5,
      )
        .toFixed(0)
        .padStart(9)}${percentile(
        b.answers.map((a) => a.ms),
        0.99,
      )
        .toFixed(0)
        .padStart(9)}${b.answers
        .filter((a) => a.status >= 300)
        .length.toString()
        .padStart(9)}`;
    console.log(`\nRSVP burst: ${people} people, ${seats} seats, all at once (one connection each, loopback)`);
    console.log(
      `${'burst'.padEnd(34)}${'wall ms'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}`,
    );
    console.log(row(`baseline: ${people} × SELECT 1`, base));
    console.log(row(`${people} × RSVP going`, rsvp));
    console.log(
      `answers: ${count('going')} going, ${count('waitlisted')} waitlisted; in the database: ${going} going, ${waitlisted} waitlisted — ${exact ? 'exact' : 'WRONG'}`,
    );
    return exact;
  } finally {
    agent.destroy();
    await server.stop();
  }
}
