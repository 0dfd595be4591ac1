/**
 * Test helper: every test file gets its own database, cloned from the migrated template, and the
 * real app built by buildApp() on it. Requests go through app.inject (the whole Fastify stack).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { buildApp } from '../src/app';
import type { AuthConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { acquirePgServer, dropDatabase, recreateDatabase, type PgServer } from '../scripts/lib/pg-server';
import { prepareTemplate, TEMPLATE } from '../scripts/lib/test-db';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}
export interface Person {
  id: string;
  email: string;
  token: string;
}
export interface Ctx {
  app: FastifyInstance;
  ds: DataSource;
  dbUrl: string;
  admin: Person;
  req<T = any>(
    method: string,
    url: string,
    opts?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<Res<T>>;
  person(email: string, name?: string): Promise<Person>;
}

interface TapLike {
  teardown(fn: () => unknown): void;
}

async function server(): Promise<{ server: PgServer; template: string }> {
  if (process.env.BROWNBAG_TEST_PG_URL) {
    process.env.TEST_DATABASE_URL = process.env.BROWNBAG_TEST_PG_URL;
    return { server: await acquirePgServer(), template: process.env.BROWNBAG_TEST_TEMPLATE ?? TEMPLATE };
  }
  // Run directly (`npx tap test/x.test.ts`) without the npm test wrapper: make a template of our own.
  const s = await acquirePgServer();
  const template = `brownbag_tpl_${process.pid}`;
  await prepareTemplate(s, template);
  return { server: s, template };
}

export async function setup(
  t: TapLike,
  opts: {
    poolSize?: number;
    auth?: AuthConfig;
    publicUrl?: string;
    /** Reach the database another way (through a proxy that a test can cut). */
    via?: (url: string) => Promise<string>;
    logger?: FastifyServerOptions['logger'];
    metricsToken?: string;
  } = {},
): Promise<Ctx> {
  const { server: pg, template } = await server();
  const name = `brownbag_t_${randomBytes(6).toString('hex')}`;
  await recreateDatabase(pg, name, template);
  const dbUrl = pg.url(name);
  const ds = createDataSource(opts.via ? await opts.via(dbUrl) : dbUrl, opts.poolSize ?? 10);
  await ds.initialize();
  // TEST_LOG=1 prints what the app logs at error level (the cause of any 500) while tests run.
  const app = await buildApp({
    ds,
    config: {
      bodyLimitBytes: 262144,
      publicUrl: opts.publicUrl ?? 'http://brownbag.test',
      auth: opts.auth,
      metricsToken: opts.metricsToken ?? null,
    },
    logger: opts.logger ?? (process.env.TEST_LOG ? { level: 'error' } : false),
  });
  await app.ready();
  t.teardown(async () => {
    await app.close();
    await ds.destroy();
    await dropDatabase(pg, name);
    if (template !== (process.env.BROWNBAG_TEST_TEMPLATE ?? TEMPLATE)) await dropDatabase(pg, template);
    await pg.release();
  });

  const req: Ctx['req'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });
    let body: any = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = null;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  };

  const boot = await app.services.people.bootstrapAdmin('admin@example.com', 'Admin', false);
  const admin: Person = { id: boot!.token.personId, email: 'admin@example.com', token: boot!.secret };

  const person: Ctx['person'] = async (email, name) => {
    let res = await req('POST', '/v1/people', { token: admin.token, body: { email, ...(name ? { name } : {}) } });
    if (res.status === 409)
      res = await req('GET', `/v1/people?email=${encodeURIComponent(email)}`, { token: admin.token }).then((r) => ({
        ...r,
        body: r.body.items[0],
      }));
    const tok = await req('POST', `/v1/people/${res.body.id}/tokens`, { token: admin.token, body: { name: 'test' } });
    return { id: res.body.id, email: res.body.email, token: tok.body.token };
  };

  return { app, ds, dbUrl, admin, req, person };
}

/** A community with one person per role, an open call with two formats and a track. */
export async function community(
  ctx: Ctx,
  slug = 'guild',
  opts: { blindReview?: boolean; callOpen?: boolean; eventVisibility?: 'public' | 'internal' } = {},
) {
  const { req, admin } = ctx;
  await req('POST', '/v1/communities', {
    token: admin.token,
    body: {
      slug,
      name: `${slug} community`,
      blindReview: opts.blindReview ?? false,
      timeZone: 'Europe/Berlin',
      eventVisibility: opts.eventVisibility ?? 'internal',
    },
  });
  const organizer = await ctx.person(`org@${slug}.example`, 'Olga Organizer');
  const reviewer = await ctx.person(`rev@${slug}.example`, 'Rita Reviewer');
  const member = await ctx.person(`mem@${slug}.example`, 'Max Member');
  const speaker = await ctx.person(`spk@${slug}.example`, 'Sam Speaker');
  for (const [p, role] of [
    [organizer, 'organizer'],
    [reviewer, 'reviewer'],
    [member, 'member'],
    [speaker, 'member'],
  ] as const) {
    await req('POST', `/v1/communities/${slug}/members`, { token: admin.token, body: { email: p.email, role } });
  }
  const open = opts.callOpen ?? true;
  const call = await req('POST', `/v1/communities/${slug}/calls`, {
    token: organizer.token,
    body: {
      title: 'Talks 2026',
      opensAt: open ? '2020-01-01T00:00:00Z' : '2099-01-01T00:00:00Z',
      formats: [
        { key: 'talk', name: 'Talk', durationMinutes: 30 },
        { key: 'lightning', name: 'Lightning', durationMinutes: 5 },
      ],
      tracks: [{ key: 'backend', name: 'Backend' }],
    },
  });
  return { slug, organizer, reviewer, member, speaker, callId: call.body.id as string };
}

export type Community = Awaited<ReturnType<typeof community>>;

/** Submits a proposal as `speaker` and returns its id. */
export async function submitted(
  ctx: Ctx,
  c: Community,
  title = 'Postgres for fun and profit',
  speaker = c.speaker,
): Promise<string> {
  const res = await ctx.req('POST', `/v1/communities/${c.slug}/proposals`, {
    token: speaker.token,
    body: { callId: c.callId, title, abstract: 'An abstract.', format: 'talk', track: 'backend', submit: true },
  });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** A room, a published event in it (2027-06-10 10:00–12:00 UTC) and an accepted talk ready to place. */
export async function eventWithTalk(ctx: Ctx, c: Community, opts: { capacity?: number; title?: string } = {}) {
  const room = await ctx.req('POST', `/v1/communities/${c.slug}/rooms`, {
    token: c.organizer.token,
    body: {
      name: `Aula ${Math.random().toString(36).slice(2, 7)}`,
      capacity: opts.capacity ?? 50,
      location: 'Building A, floor 2',
    },
  });
  const ev = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
    token: c.organizer.token,
    body: {
      title: opts.title ?? 'June brown-bag',
      startsAt: '2027-06-10T10:00:00Z',
      endsAt: '2027-06-10T12:00:00Z',
      roomId: room.body.id,
      timeZone: 'Europe/Berlin',
    },
  });
  if (ev.status !== 201) throw new Error(`event: ${ev.text}`);
  await ctx.req('PATCH', `/v1/events/${ev.body.id}`, { token: c.organizer.token, body: { status: 'published' } });
  const talk = await submitted(ctx, c, `Talk for ${ev.body.id.slice(0, 6)}`);
  await ctx.req('POST', `/v1/proposals/${talk}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  return { roomId: room.body.id as string, eventId: ev.body.id as string, talkId: talk };
}
