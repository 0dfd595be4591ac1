/**
 * `npm run cluster:check [-- --small]`: Brownbag scaled out, as real processes. One PostgreSQL,
 * three web instances started at the same moment (WORKER=off) and two separate workers sending to
 * a real SMTP sink on loopback. Mixed load goes through all three (submissions, RSVPs, feed polls,
 * event moves that fan out invitations); one instance is killed mid-load. Then it checks:
 *
 * - migrations ran once although all three started together;
 * - every job ran exactly once: no invitation arrived twice (same Message-ID), the queue drained;
 * - every instance serves the same feed right after a change;
 * - a revoked token is refused by every instance within a second;
 * - the killed instance lost no committed data: every write it (or another) acknowledged is there.
 *
 * Prints a table of figures and exits 1 when a check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { acquirePgServer, dropDatabase, recreateDatabase } from './lib/pg-server';

const SMALL = process.argv.includes('--small');
const LOAD_S = SMALL ? 4 : 15;
const MEMBERS = SMALL ? 12 : 60;
const ROOT = path.join(__dirname, '..', 'src');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Proc {
  name: string;
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Every process this check started, ready or not: all of them are ended when it ends, however it ends. */
const started: ChildProcess[] = [];

async function spawnProc(name: string, file: string, env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, file)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = Date.now() + 90000;
  while (!ready.test(out)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`${name} did not start:\n${out}`);
    await sleep(50);
  }
  return { name, child, port, output: () => out };
}

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/** SIGTERM to every process still running, SIGKILL to any that has not exited 10 s later. */
async function endAll(children: ChildProcess[]): Promise<void> {
  const exits = children
    .filter(running)
    .map((c) => new Promise<void>((resolve) => (running(c) ? c.once('exit', () => resolve()) : resolve())));
  for (const c of children) if (running(c)) c.kill('SIGTERM');
  const late = setTimeout(() => children.forEach((c) => running(c) && c.kill('SIGKILL')), 10_000);
  await Promise.all(exits);
  clearTimeout(late);
}

async function call(
  port: number,
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* a feed */
  }
  return { status: res.status, json, text, etag: res.headers.get('etag') };
}

async function main() {
  const pg = await acquirePgServer();
  const name = `brownbag_cluster_${process.pid}`;
  await recreateDatabase(pg, name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-cluster-'));
  fs.chmodSync(dir, 0o755);
  const received: { messageId: string; to: string; subject: string }[] = [];
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        const header = (h: string) => new RegExp(`^${h}:\\s*(.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
        received.push({
          messageId: header('Message-ID'),
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: header('Subject'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const smtpPort = (sink.server.address() as net.AddressInfo).port;
  const env = {
    DATABASE_URL: pg.url(name),
    BROWNBAG_DATA_DIR: dir,
    WORKER: 'off',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: 'http://brownbag.cluster',
  };
  const results: [string, string, boolean][] = [];
  const check = (what: string, figure: string, ok: boolean) => results.push([what, figure, ok]);
  const db = new Client({ connectionString: pg.url(name) });
  try {
    // Three web instances at the same moment, then two workers.
    const webs = await Promise.all(
      [1, 2, 3].map((i) => spawnProc(`web${i}`, 'server.js', { ...env, LOG_LEVEL: 'info' }, /Brownbag is listening/)),
    );
    await Promise.all(
      [1, 2].map((i) => spawnProc(`worker${i}`, 'worker.js', { ...env, WORKER_CONCURRENCY: '4' }, /worker running/)),
    );
    await db.connect();
    const applied = webs.filter((w) => /migrations applied/.test(w.output())).length;
    const rows = (await db.query('SELECT count(*)::int AS n FROM typeorm_migrations')).rows[0].n;
    check('migrations ran once (3 instances started together)', `${applied} instance applied ${rows}`, applied === 1);

    // A community, its organizer, members, an open call and a published event.
    const admin = fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim();
    const [a, b, c] = webs.map((w) => w.port);
    const tokenFor = async (email: string) => {
      const p = await call(a, 'POST', '/v1/people', admin, { email, name: email.split('@')[0] });
      return (await call(a, 'POST', `/v1/people/${p.json.id}/tokens`, admin, { name: 'cluster' })).json.token as string;
    };
    await call(a, 'POST', '/v1/communities', admin, {
      slug: 'scale',
      name: 'Scale guild',
      timeZone: 'Europe/Berlin',
      eventVisibility: 'public',
    });
    const organizer = await tokenFor('org@scale.example');
    await call(a, 'POST', '/v1/communities/scale/members', admin, { email: 'org@scale.example', role: 'organizer' });
    const members = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => tokenFor(`m${i}@scale.example`)));
    const callId = (
      await call(a, 'POST', '/v1/communities/scale/calls', organizer, {
        title: 'Scale talks',
        opensAt: '2020-01-01T00:00:00Z',
        formats: [{ key: 'talk', name: 'Talk', durationMinutes: 30 }],
      })
    ).json.id;
    const start = new Date(Date.now() + 30 * 86400_000);
    const ev = await call(a, 'POST', '/v1/communities/scale/events', organizer, {
      title: 'Scale meetup',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      capacity: Math.floor(MEMBERS / 2),
      onlineUrl: 'https://meet.example/scale',
    });
    const eventId = ev.json.id;
    await call(a, 'PATCH', `/v1/events/${eventId}`, organizer, { status: 'published' });

    // Mixed load through all three; the third is killed halfway.
    const ports = [a, b, c];
    const acknowledged: string[] = [];
    let stopping = false;
    let killed = false;
    const tally = { writes: 0, reads: 0, moves: 0, refused: 0 };
    const known = new Map<number, string>(); // each instance's feed ETag, as a polling client keeps it
    const pick = (i: number) => ports[i % (killed ? 2 : 3)];
    const loops = [
      ...members.map(async (token, i) => {
        for (let n = 0; !stopping; n++) {
          const port = pick(i + n);
          try {
            if (n % 3 === 0) {
              const r = await call(port, 'PUT', `/v1/events/${eventId}/rsvps/me`, token, {
                status: n % 6 === 0 ? 'going' : 'declined',
              });
              if (r.status < 300) tally.writes++;
            } else if (n % 3 === 1) {
              const r = await call(port, 'POST', '/v1/communities/scale/proposals', token, {
                callId,
                title: `Talk ${i}.${n}`,
                format: 'talk',
                submit: true,
              });
              if (r.status === 201) {
                acknowledged.push(r.json.id);
                tally.writes++;
              }
            } else {
              // a calendar client polling: conditional on what it has (answered from memory when unchanged)
              const r = await call(port, 'GET', '/v1/communities/scale/calendar.ics', undefined, undefined, {
                'if-none-match': known.get(port) ?? '"none"',
              });
              if (r.status === 200 && r.etag) known.set(port, r.etag);
              tally.reads++;
            }
          } catch {
            tally.refused++; // the killed instance's connections
          }
        }
      }),
      (async () => {
        for (let n = 1; !stopping; n++) {
          const at = new Date(start.getTime() + n * 15 * 60_000);
          await call(pick(n), 'PATCH', `/v1/events/${eventId}`, organizer, {
            startsAt: at.toISOString(),
            endsAt: new Date(at.getTime() + 3600_000).toISOString(),
          }).catch(() => undefined);
          tally.moves++;
          await sleep(SMALL ? 700 : 1500);
        }
      })(),
    ];
    await sleep((LOAD_S * 1000) / 2);
    webs[2].child.kill('SIGKILL');
    killed = true;
    await sleep((LOAD_S * 1000) / 2);
    stopping = true;
    await Promise.all(loops);

    const present = (
      await db.query('SELECT count(*)::int AS n FROM proposal WHERE id = ANY($1::uuid[])', [acknowledged])
    ).rows[0].n;
    check(
      'no committed data lost (web3 killed mid-load)',
      `${present} of ${acknowledged.length} acknowledged submissions present; ${tally.writes} writes, ${tally.reads} feed polls, ${tally.moves} event moves, ${tally.refused} refused by the killed instance`,
      present === acknowledged.length,
    );

    // Every instance serves the same feed right after a change, and a poll with the old tag sees it.
    const before = await Promise.all([a, b].map((p) => call(p, 'GET', '/v1/communities/scale/calendar.ics')));
    const polls = [a, b].map((p, i) => ({ p, etag: before[i].etag ?? '' }));
    for (const q of polls)
      await call(q.p, 'GET', '/v1/communities/scale/calendar.ics', undefined, undefined, { 'if-none-match': q.etag });
    const changedAt = Date.now();
    await call(a, 'PATCH', `/v1/events/${eventId}`, organizer, { title: 'Scale meetup (final)' });
    const seen = await Promise.all(
      polls.map(async (q) => {
        for (;;) {
          const r = await call(q.p, 'GET', '/v1/communities/scale/calendar.ics', undefined, undefined, {
            'if-none-match': q.etag,
          });
          if (r.status === 200 || Date.now() - changedAt > 1000)
            return { status: r.status, ms: Date.now() - changedAt };
          await sleep(5);
        }
      }),
    );
    check(
      'a poll with the old tag sees a change on every instance within 1 s',
      seen.map((x, i) => `web${i + 1}: ${x.status} after ${x.ms} ms`).join(', '),
      seen.every((x) => x.status === 200),
    );
    const feeds = await Promise.all([a, b].map((p) => call(p, 'GET', '/v1/communities/scale/calendar.ics')));
    check(
      'identical feeds right after a change',
      `ETags ${feeds.map((f) => f.etag).join(' = ')}`,
      feeds.every((f) => f.text === feeds[0].text && f.etag === feeds[0].etag && /final/.test(f.text)),
    );

    // A revoked token, refused everywhere within a second.
    const doomed = await call(a, 'POST', '/v1/me/tokens', organizer, { name: 'doomed' });
    await Promise.all([a, b].map((p) => call(p, 'GET', '/v1/me', doomed.json.token)));
    await call(a, 'DELETE', `/v1/me/tokens/${doomed.json.id}`, organizer);
    const revokedAt = Date.now();
    const refusedAfter = await Promise.all(
      [a, b].map(async (p) => {
        while (Date.now() - revokedAt < 5000) {
          if ((await call(p, 'GET', '/v1/me', doomed.json.token)).status === 401) return Date.now() - revokedAt;
          await sleep(10);
        }
        return Infinity;
      }),
    );
    check(
      'a revoked token refused everywhere within 1 s',
      refusedAfter.map((ms, i) => `web${i + 1}: ${ms} ms`).join(', '),
      refusedAfter.every((ms) => ms <= 1000),
    );

    // The queue drains, and nothing was delivered twice.
    const drainedBy = Date.now() + 60000;
    let left = -1;
    while (Date.now() < drainedBy) {
      left = (
        await db.query(
          'SELECT ((SELECT count(*) FROM graphile_worker.jobs WHERE attempts < max_attempts) + (SELECT count(*) FROM job_outbox))::int AS n',
        )
      ).rows[0].n;
      if (left === 0) break;
      await sleep(250);
    }
    await sleep(500);
    const ids = new Map<string, number>();
    for (const m of received) ids.set(m.messageId, (ids.get(m.messageId) ?? 0) + 1);
    const twice = [...ids.values()].filter((n) => n > 1).length;
    // Subjects may be RFC 2047 encoded words (=?UTF-8?Q?Invitation=3A_…).
    const invitations = received.filter((m) =>
      /^(=\?UTF-8\?Q\?)?(Invitation|Updated|Canceled)(:|=3A)/i.test(m.subject),
    ).length;
    check(
      'every job exactly once (two workers)',
      `${received.length} mails (${invitations} invitations) delivered, ${twice} twice; ${left} jobs left`,
      twice === 0 && left === 0 && invitations > 0,
    );
  } finally {
    await endAll(started);
    await db.end().catch(() => undefined);
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await dropDatabase(pg, name).catch(() => undefined);
    await pg.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`# cluster check: 3 web instances, 2 workers, ${MEMBERS} members, ${LOAD_S} s of mixed load\n`);
  console.log('| check | figures | |');
  console.log('|---|---|---|');
  for (const [what, figure, ok] of results) console.log(`| ${what} | ${figure} | ${ok ? 'ok' : 'FAILED'} |`);
  if (results.length < 5 || results.some(([, , ok]) => !ok)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
