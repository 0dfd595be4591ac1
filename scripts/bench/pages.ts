/**
 * Issue #12's benchmark: the web pages on demo-sized data (the demo seed: two communities, ten
 * people, events with agendas and RSVPs), read by a signed-in organizer at 50 connections for 10 s
 * each: the community home and an event page, beside the SELECT 1 baseline route, in one run.
 * Target ≥ 40 % of the baseline.
 */
import { buildServices } from '../../src/app';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { DEMO_SLUG, seedDemo } from '../seed/demo';
import type { BenchContext } from './lib';
import { baselines, drive, printTable, startServer } from './lib';

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
  try {
    for (const path of [`/c/${DEMO_SLUG}`, `/events/${event.id}`]) {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    const { pooled: baseline, noDb } = await baselines(server, seconds);
    const home = await drive(
      server,
      'community home (signed in)',
      { requests: [{ method: 'GET', path: `/c/${DEMO_SLUG}`, headers }] },
      seconds,
      40,
    );
    const page = await drive(
      server,
      'event page (signed in)',
      { requests: [{ method: 'GET', path: `/events/${event.id}`, headers }] },
      seconds,
      40,
    );
    return printTable(
      `pages (demo data, an organizer's session, ${seconds} s per route, 50 connections, loopback)`,
      [noDb, baseline, home, page],
      baseline,
      noDb,
    );
  } finally {
    await server.stop();
  }
}
