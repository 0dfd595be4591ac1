/**
 * Announcements to a real HTTP receiver on loopback: chat bodies and Standard Webhooks signatures
 * (verified with the library), retries after a 500 that stop after success, one delivery per
 * happening however often and by however many it is announced, nothing for a paused destination,
 * pausing after three failed deliveries (organizers told), redelivery, and secrets never shown again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import t from 'tap';
import { announce } from '../src/modules/announcements/announcements.queries';
import { deliver } from '../src/modules/announcements/deliver';
import { community } from './helper';
import { MAIL_SETTINGS, mailWorld, worker } from './mail-helper';
import { jobsIdle } from './wait';

/** The receiver is a loopback stand-in: allowed as an operator would (DESTINATIONS_ALLOW). */
const ALLOW = { destinationsAllow: ['127.0.0.1'] };

interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function receiver(t: { teardown(fn: () => unknown): void }) {
  const hits: Hit[] = [];
  const failFirst = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const left = failFirst.get(path) ?? 0;
      if (left > 0) {
        failFirst.set(path, left - 1);
        res.writeHead(500).end('busy');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    failFirst,
    async waitFor(path: string, n: number, ms = 20000) {
      const until = Date.now() + ms;
      while (hits.filter((h) => h.path === path).length < n) {
        if (Date.now() > until)
          throw new Error(`waited for ${n} on ${path}; have ${hits.map((h) => h.path).join(' ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return hits.filter((h) => h.path === path);
    },
  };
}

t.test('announcements', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20, settings: ALLOW });
  const { req } = ctx;
  const rx = await receiver(t);
  await worker(t, ctx, sink.url, 2, { ...MAIL_SETTINGS, ...ALLOW }); // a second worker on the same queue
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const connect = (body: Record<string, unknown>) =>
    req('POST', '/v1/communities/guild/destinations', {
      token: org,
      body: { name: '#guild', happenings: ['event.published', 'wish.created'], ...body },
    });
  /** The destination's log once nothing in it is pending (the receiver has a request before its answer is kept). */
  const settled = async (id: string) => {
    const until = Date.now() + 20000;
    for (;;) {
      const log = await req('GET', `/v1/destinations/${id}/deliveries`, { token: org });
      if (!log.body.items.some((x: { status: string }) => x.status === 'pending') || Date.now() > until) return log;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const event = async (title: string) => {
    const e = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title, startsAt: '2027-06-10T10:00:00Z', endsAt: '2027-06-10T11:00:00Z', timeZone: 'Europe/Berlin' },
    });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    return e.body.id as string;
  };

  const hook = await connect({ kind: 'webhook', url: `${rx.base}/hook`, name: 'intranet' });
  t.equal(hook.status, 201);
  t.match(hook.body.secret, /^whsec_[A-Za-z0-9+/=]{32}$/, 'the signing secret, shown once');
  const slack = await connect({ kind: 'slack', url: `${rx.base}/slack/T000/B000/XXXX` });
  await connect({ kind: 'teams', url: `${rx.base}/teams`, happenings: ['event.published'] });
  t.equal(slack.body.secret, null);

  t.test('secrets are never shown again', async (t) => {
    const list = await req('GET', '/v1/communities/guild/destinations', { token: org });
    t.equal(list.body.items.length, 3);
    t.notMatch(list.text, rx.base, 'no URL in the answer');
    t.notMatch(list.text, 'whsec_');
    t.equal(list.body.items[1].urlHint, `${new URL(rx.base).host}/…XXXX`);
    const [row] = await ctx.ds.query('SELECT url_sealed, secret_sealed FROM announcement_destination WHERE id = $1', [
      hook.body.id,
    ]);
    t.notMatch(row.url_sealed, '127.0.0.1', 'sealed at rest');
    t.notMatch(row.secret_sealed, 'whsec_');
  });

  t.test('an event published: each destination gets its body; the webhook is signed', async (t) => {
    const id = await event('Guild lunch');
    const [signed] = await rx.waitFor('/hook', 1);
    const payload = new Webhook(hook.body.secret).verify(signed.body, signed.headers as Record<string, string>) as {
      type: string;
      data: { title: string; url: string };
    };
    t.match(payload, {
      type: 'event.published',
      data: { title: 'New: Guild lunch', url: `http://brownbag.test/events/${id}` },
    });
    t.throws(
      () =>
        new Webhook(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(
          signed.body,
          signed.headers as Record<string, string>,
        ),
      'another secret does not verify',
    );
    const [s] = await rx.waitFor('/slack/T000/B000/XXXX', 1);
    t.match(
      JSON.parse(s.body).text,
      /^\*New: Guild lunch\*\n.*\n<http:\/\/brownbag\.test\/events\/[0-9a-f-]+\|Open in Brownbag>$/s,
    );
    const [m] = await rx.waitFor('/teams', 1);
    t.match(JSON.parse(m.body), {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }],
    });
    const log = await settled(hook.body.id);
    t.match(log.body.items, [{ happening: 'event.published', status: 'delivered', attempts: 1, lastStatus: 200 }]);
  });

  t.test('a 500 is retried, and success stops the retries', async (t) => {
    const flaky = await connect({ kind: 'mattermost', url: `${rx.base}/flaky`, happenings: ['wish.created'] });
    rx.failFirst.set('/flaky', 1);
    await req('POST', '/v1/communities/guild/wishes', { token: c.member.token, body: { title: 'eBPF' } });
    await rx.waitFor('/flaky', 2);
    const log = await settled(flaky.body.id);
    await jobsIdle(ctx.ds);
    t.equal(rx.hits.filter((h) => h.path === '/flaky').length, 2, 'no third request after the success');
    t.match(log.body.items, [{ status: 'delivered', attempts: 2, lastStatus: 200 }]);
  });

  t.test('one happening, announced many times by many: one delivery each', async (t) => {
    const before = rx.hits.filter((h) => h.path === '/hook').length;
    const [{ id: cid }] = await ctx.ds.query(`SELECT id FROM community WHERE slug = 'guild'`);
    const made = await Promise.all(
      [1, 2, 3, 4].map(() =>
        ctx.ds.transaction((m) =>
          announce(m, cid, 'wish.created', 'wish.created:the-same', {
            type: 'wish.created',
            community: 'guild',
            title: 'Topic wish: once',
            text: '',
            path: '/c/guild/wishes',
          }),
        ),
      ),
    );
    t.equal(
      made.reduce((a, b) => a + b, 0),
      3,
      'one for each of the three destinations that take wishes',
    );
    await rx.waitFor('/hook', before + 1);
    await jobsIdle(ctx.ds);
    t.equal(rx.hits.filter((h) => h.path === '/hook').length, before + 1, 'delivered once');
  });

  t.test('a paused destination gets nothing; resuming and redelivering sends it', async (t) => {
    const paused = await req('PATCH', `/v1/destinations/${slack.body.id}`, { token: org, body: { paused: true } });
    t.equal(paused.body.paused, true);
    const before = rx.hits.filter((h) => h.path.startsWith('/slack')).length;
    await event('While paused');
    await rx.waitFor('/hook', 1);
    await jobsIdle(ctx.ds);
    t.equal(rx.hits.filter((h) => h.path.startsWith('/slack')).length, before, 'nothing while paused');
    await req('PATCH', `/v1/destinations/${slack.body.id}`, { token: org, body: { paused: false } });
    const log = await req('GET', `/v1/destinations/${slack.body.id}/deliveries`, { token: org });
    const first = log.body.items.at(-1);
    const again = await req('POST', `/v1/deliveries/${first.id}/redeliver`, { token: org });
    t.equal(again.status, 202);
    await rx.waitFor('/slack/T000/B000/XXXX', before + 1);
  });

  t.test('three failed deliveries in a row pause a destination; the organizers are told', async (t) => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const dead = await connect({
      kind: 'google-chat',
      url: `http://127.0.0.1:${port}/gone`,
      happenings: ['talk.tomorrow'],
    });
    // Three deliveries on their last attempt (written here, without jobs, so no worker races this test).
    for (const n of [1, 2, 3]) {
      const [d] = await ctx.ds.query(
        `INSERT INTO announcement_delivery (destination_id, happening, happening_key, payload, attempts)
         VALUES ($1, 'talk.tomorrow', $2, $3, 4) RETURNING id`,
        [
          dead.body.id,
          `talk.tomorrow:dead-${n}`,
          JSON.stringify({
            type: 'talk.tomorrow',
            community: 'guild',
            title: `Tomorrow ${n}`,
            text: '',
            path: '/c/guild',
          }),
        ],
      );
      await deliver(ctx.ds, 'http://brownbag.test', d.id, 5, 5, { allow: ['127.0.0.1'], ownPorts: [] });
    }
    const after = await req('GET', `/v1/destinations/${dead.body.id}`, { token: org });
    t.match(after.body, { paused: true, failuresInARow: 3 });
    const [mail] = await sink.waitFor(
      (r) => r.to.includes(c.organizer.email) && /^Announcements paused/.test(r.mail.subject ?? ''),
    );
    t.match(mail.mail.text, 'could not be delivered');
    const log = await req('GET', `/v1/destinations/${dead.body.id}/deliveries`, { token: org });
    t.match(log.body.items[0], { status: 'failed', lastStatus: null });
    t.match(log.body.items[0].lastError, /ECONNREFUSED/);
  });

  t.test('bad input and strangers: clear 4xx, nothing kept', async (t) => {
    const [{ n: before }] = await ctx.ds.query('SELECT count(*)::int AS n FROM announcement_destination');
    const outsider = await ctx.person('out@else.example');
    const cases: [string, string, unknown, number, string | undefined][] = [
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'irc', url: `${rx.base}/x`, name: 'x', happenings: ['event.published'] },
        400,
        org,
      ],
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'slack', url: 'ftp://x.example/', name: 'x', happenings: ['event.published'] },
        400,
        org,
      ],
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'slack', url: 'https://u:p@x.example/', name: 'x', happenings: ['event.published'] },
        400,
        org,
      ],
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'slack', url: `${rx.base}/x`, name: 'x', happenings: [] },
        400,
        org,
      ],
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'slack', url: `${rx.base}/x`, name: 'x', happenings: ['everything'] },
        400,
        org,
      ],
      [
        'POST',
        '/v1/communities/guild/destinations',
        { kind: 'slack', url: `${rx.base}/x`, name: 'x', happenings: ['event.published'] },
        403,
        c.member.token,
      ],
      ['GET', `/v1/destinations/${hook.body.id}`, undefined, 404, outsider.token],
      ['GET', `/v1/destinations/${hook.body.id}/deliveries`, undefined, 404, c.member.token],
      ['POST', '/v1/deliveries/00000000-0000-4000-8000-000000000000/redeliver', undefined, 404, org],
      ['PATCH', `/v1/destinations/${hook.body.id}`, {}, 400, org],
    ];
    for (const [method, url, body, status, token] of cases) {
      const r = await req(method, url, { token, body });
      t.equal(r.status, status, `${method} ${url} ${JSON.stringify(body ?? '')}`);
      t.match(r.headers['content-type'], /application\/problem\+json/);
    }
    const [{ n: after }] = await ctx.ds.query('SELECT count(*)::int AS n FROM announcement_destination');
    t.equal(after, before);
  });
});
