/**
 * Where announcements may go (issue #26, item 5), with the real worker posting over real HTTP:
 * loopback (by address and by a name that resolves to it), link-local and the service's own ports
 * are refused before any connection; DESTINATIONS_ALLOW lets a loopback stand-in through; the log
 * keeps status and timing, never the answer's body; and a destination that hangs holds up no mail
 * (a worker with one slot: the invitation arrives while the hanging request is still open).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { loadConfig } from '../src/config';
import { refusal, STRICT } from '../src/modules/announcements/egress';
import { community, eventWithTalk, setup } from './helper';
import { MAIL_SETTINGS, smtpSink, worker } from './mail-helper';

t.test('the policy', async (t) => {
  const own = { allow: [], ownPorts: [3000, 5432] };
  t.match(refusal('127.0.0.1', 80, STRICT), /loopback/);
  t.match(refusal('::ffff:127.0.0.2', 80, STRICT), /loopback/, 'an IPv4 loopback written as IPv6');
  t.match(refusal('::1', 80, STRICT), /loopback/);
  t.match(refusal('169.254.169.254', 80, STRICT), /link-local/, 'the cloud metadata service');
  t.match(refusal('fe80::1', 80, STRICT), /link-local/);
  t.match(refusal('0.0.0.0', 80, STRICT), /unspecified/);
  t.match(refusal('10.1.2.3', 5432, own), /own/, "PostgreSQL's port, on any address");
  for (const ok of ['10.1.2.3', '172.16.0.9', '192.168.1.20', 'fd00::5', '203.0.113.7'])
    t.equal(refusal(ok, 8065, own), null, `${ok}: private ranges and the outside are allowed`);
  t.equal(refusal('127.0.0.1', 9999, { allow: ['127.0.0.0/8'], ownPorts: [] }), null, 'allow-listed');
  t.same(loadConfig({ DESTINATIONS_ALLOW: '127.0.0.1, ::1/128' }).destinationsAllow, ['127.0.0.1', '::1/128']);
  t.same(loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://db:6543/x' }).ownPorts, [8080, 6543]);
  t.throws(() => loadConfig({ DESTINATIONS_ALLOW: 'intranet' }), { message: /DESTINATIONS_ALLOW is invalid/ });
});

t.test('deliveries by the worker', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const hits: string[] = [];
  const hanging: { closed: boolean }[] = [];
  const server = http.createServer((rq, res) => {
    hits.push(rq.url ?? '');
    if (rq.url === '/hang') {
      const h = { closed: false };
      hanging.push(h);
      rq.socket.on('close', () => (h.closed = true));
      return; // never answers
    }
    rq.resume();
    rq.on('end', () => res.writeHead(500).end('<h1>Internal admin console</h1> db password: hunter2'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  const sink = await smtpSink(t);
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const connect = async (url: string) =>
    (
      await req('POST', '/v1/communities/guild/destinations', {
        token: org,
        body: { name: url, kind: 'slack', url, happenings: ['event.published'] },
      })
    ).body.id as string;
  const test = (id: string) => req('POST', `/v1/destinations/${id}/test`, { token: org });
  const settled = async (id: string) => {
    for (;;) {
      const log = await req('GET', `/v1/destinations/${id}/deliveries`, { token: org });
      const last = log.body.items[0];
      if (last && last.attempts > 0) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  t.test('refused by default, before any connection', async (t) => {
    // A worker as shipped: nothing allowed, the service's own ports refused.
    await worker(t, ctx, sink.url, 2, { ...MAIL_SETTINGS, ownPorts: [5432, 3000] });
    const cases: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/direct`, /refused: 127\.0\.0\.1 is loopback/],
      [`http://localhost:${port}/by-name`, /refused: localhost resolves to .* loopback/],
      ['http://169.254.169.254/latest/meta-data/', /refused: 169\.254\.169\.254 is link-local/],
      ['http://10.255.255.1:5432/', /refused: port 5432 is this service's own/],
    ];
    for (const [url, why] of cases) {
      const id = await connect(url);
      t.equal((await test(id)).status, 202);
      const last = await settled(id);
      t.match(last.lastError, why, url);
      t.equal(last.lastStatus, null);
    }
    t.same(hits, [], 'the stand-in was never reached');
  });

  t.test('allow-listed: the log keeps status and timing, not the body', async (t) => {
    await worker(t, ctx, sink.url, 2, { ...MAIL_SETTINGS, destinationsAllow: ['127.0.0.1'] });
    const id = await connect(`http://127.0.0.1:${port}/busy`);
    await test(id);
    const last = await settled(id);
    t.match(last, { lastStatus: 500, lastError: 'HTTP 500' });
    t.type(last.lastDurationMs, 'number');
    const log = await req('GET', `/v1/destinations/${id}/deliveries`, { token: org });
    t.notMatch(log.text, /hunter2|admin console/, 'nothing the destination said');
    t.ok(hits.includes('/busy'));
  });

  t.test('a hanging destination holds up no mail', async (t) => {
    // One slot for mail: before, the hanging delivery took it until its 10 s timeout.
    await worker(t, ctx, sink.url, 1, { ...MAIL_SETTINGS, destinationsAllow: ['127.0.0.1'], announceConcurrency: 1 });
    const id = await connect(`http://127.0.0.1:${port}/hang`);
    await test(id);
    while (!hanging.length) await new Promise((r) => setTimeout(r, 50));
    const { eventId } = await eventWithTalk(ctx, c);
    const going = await req('PUT', `/v1/events/${eventId}/rsvps/me`, {
      token: c.member.token,
      body: { status: 'going' },
    });
    t.ok([200, 201].includes(going.status));
    await sink.waitFor((r) => r.to.includes(c.member.email));
    t.equal(hanging[0].closed, false, 'the invitation arrived while the hanging request was still open');
  });
});
