/**
 * Issue #12's benchmark: the web pages on demo-sized data (the demo seed: two communities, ten
 * people, events with agendas and RSVPs), read by a signed-in organizer at 50 connections for 10 s
 * each: the community home and an event page, beside the SELECT 1 baseline route, in one run; then
 * the same pages from a server with the render caches off (every request a miss).
 * Targets ≥ 40 % of the baseline cached, ≥ 20 % uncached.
 */
import { buildServices } from '../../src/app';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { DEMO_SLUG, seedDemo } from '../seed/demo';
import type { BenchContext } from './lib';
import { baselines, drive, printTable, startServer, UNCACHED } from './lib';

export async function benchPages({ ds, dbUrl, seconds }: BenchContext): Promise<boolean> {
  const services = buildServices(ds, 'http://127.0.0.1');
  const made = await services.people.bootstrapAdmin('bench.admin@example.com', 'Bench Admin');
  const admin = (await services.people.authenticate(made!.secret))!;
  await seedDemo(services, admin, () => undefined);
  const olga = (await services.people.findByEmail('olga.organizer@example.com'))!;
  const session = await new SessionsService(ds, 30).start(olga.id, 'email-link', 'bench');
  const [event] = await ds.query(
    `SELECT e.id FROM event e JOIN community c ON c.id = e.community_id
      WHERE c.slug = $1 AND e.status = 'published' AND e.starts_at > now() ORDER BY e.starts_at LIMIT 1`,
    [DEMO_SLUG],
  );
  const server = await startServer(dbUrl);
  const headers = { cookie: `bb_session=${session.secret}`, accept: 'text/html' };
  const routes = [
    { name: 'community home (signed in)', path: `/c/${DEMO_SLUG}` },
    { name: 'event page (signed in)', path: `/events/${event.id}` },
  ];
  try {
    for (const path of [`/c/${DEMO_SLUG}`, `/events/${event.id}`]) {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    const { pooled: baseline, noDb } = await baselines(server, seconds);
    const rows = [noDb, baseline];
    for (const r of routes)
      rows.push(await drive(server, r.name, { requests: [{ path: r.path, headers }] }, seconds, 40));
    await server.stop();
    const uncached = await startServer(dbUrl, UNCACHED);
    try {
      for (const r of routes)
        rows.push(await drive(uncached, `${r.name}, uncached`, { requests: [{ path: r.path, headers }] }, seconds, 20));
    } finally {
      await uncached.stop();
    }
    return printTable(
      `pages (demo data, an organizer's session, ${seconds} s per route, 50 connections, loopback)`,
      rows,
      baseline,
      noDb,
    );
  } finally {
    if (server.child.exitCode === null) await server.stop();
  }
}
