/**
 * Issue #4's benchmark: invite 2,000 attendees to one event and time until a local SMTP sink has
 * received all 2,000, beside raw nodemailer pooled sending of the same messages to the same sink.
 * Target: ≥ 50 % of the raw throughput, zero lost.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { startWorker } from '../../src/worker/run';
import { MessageBuilder, type MailJob } from '../../src/worker/messages';
import { notify } from '../../src/mail/notify';
import { createMailer } from '../../src/mail/transport';
import type { BenchContext } from './lib';

const SETTINGS = {
  mailFrom: 'Brownbag <brownbag@bench.example>',
  organizerEmail: 'organizers@bench.example',
  publicUrl: 'http://bench.example',
};

async function sink() {
  let count = 0;
  const ids = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        count++;
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) ids.add(id);
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    reset: () => {
      count = 0;
      ids.clear();
    },
    get count() {
      return count;
    },
    get distinct() {
      return ids.size;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function seed(ds: DataSource, n: number) {
  return ds.transaction(async (m) => {
    const [{ id: cid }] = await m.query(
      `INSERT INTO community (slug, name, time_zone) VALUES ($1, 'Mail bench guild', 'Europe/Berlin') RETURNING id`,
      [`mail-${Date.now().toString(36)}`],
    );
    const [{ id: eventId }] = await m.query(
      `INSERT INTO event (community_id, title, description, starts_at, ends_at, time_zone, status) VALUES ($1, 'All-hands brown-bag', 'Everyone is invited.',
         now() + interval '30 days', now() + interval '30 days 1 hour', 'Europe/Berlin', 'published') RETURNING id`,
      [cid],
    );
    const people: { id: string }[] = await m.query(
      `INSERT INTO person (email, name, department) SELECT 'attendee' || g || '@bench.example', 'Attendee ' || g, 'Dept ' || (g % 20) FROM generate_series(1, $1) g RETURNING id`,
      [n],
    );
    await m.query(`INSERT INTO rsvp (event_id, person_id, status) SELECT $1, unnest($2::uuid[]), 'going'`, [
      eventId,
      people.map((p) => p.id),
    ]);
    return { eventId, personIds: people.map((p) => p.id) };
  });
}

async function until(pred: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

export async function benchMail({ ds, dbUrl, smoke }: BenchContext): Promise<boolean> {
  const n = smoke ? 100 : 2000;
  const { eventId, personIds } = await seed(ds, n);
  const smtp = await sink();
  try {
    // Raw: the same messages, built beforehand, through one pooled nodemailer transport.
    const builder = new MessageBuilder(ds, SETTINGS);
    const messages: Mail.Options[] = [];
    const built = performance.now();
    for (const personId of personIds) {
      const job: MailJob = { kind: 'invite', item: 'event', id: eventId, personId, method: 'REQUEST' };
      messages.push((await builder.build(job))!);
    }
    const buildMs = performance.now() - built;
    const u = new URL(smtp.url);
    u.searchParams.set('pool', 'true');
    const raw = nodemailer.createTransport(u.toString());
    let t0 = performance.now();
    await Promise.all(messages.map((msg) => raw.sendMail(msg)));
    const rawSeconds = (performance.now() - t0) / 1000;
    raw.close();
    const rawReceived = smtp.count;
    smtp.reset();

    // Brownbag: one transaction enqueues the 2,000 invitations; the worker builds and sends them.
    t0 = performance.now();
    await ds.transaction((m) => notify.event(m, eventId, 'REQUEST', { personIds }));
    const enqueued = (performance.now() - t0) / 1000;
    const mailer = createMailer({ smtpUrl: smtp.url, mailDir: '/nonexistent' });
    const worker = await startWorker({
      connectionString: dbUrl,
      ds,
      mailer,
      settings: SETTINGS,
      concurrency: 10,
      pollInterval: 500,
    });
    await until(() => smtp.count >= n, 300_000);
    const oursSeconds = (performance.now() - t0) / 1000;
    await worker.stop();
    mailer.close();
    const received = smtp.count;
    const left = (
      await ds.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'mail'`)
    )[0].n;

    const rawRate = n / rawSeconds;
    const ourRate = n / oursSeconds;
    const ratio = (ourRate / rawRate) * 100;
    const pad = (x: string | number, w: number) => String(x).padStart(w);
    console.log(`\nmail (${n} invitations to one event, SMTP sink on loopback, pooled connections)`);
    console.log(
      `${'path'.padEnd(46)}${pad('seconds', 9)}${pad('msg/s', 8)}${pad('received', 10)}${pad('lost', 6)}${pad('vs raw', 8)}`,
    );
    console.log(
      `${'raw nodemailer pool, messages prebuilt'.padEnd(46)}${pad(rawSeconds.toFixed(2), 9)}${pad(rawRate.toFixed(0), 8)}${pad(rawReceived, 10)}${pad(n - rawReceived, 6)}${pad('100 %', 8)}`,
    );
    console.log(
      `${'enqueue in one transaction → worker → SMTP'.padEnd(46)}${pad(oursSeconds.toFixed(2), 9)}${pad(ourRate.toFixed(0), 8)}${pad(received, 10)}${pad(n - received, 6)}${pad(`${ratio.toFixed(0)} %`, 8)}`,
    );
    console.log(
      `building the ${n} messages one at a time (untimed for raw) took ${buildMs.toFixed(0)} ms; enqueueing ${n} jobs took ${(enqueued * 1000).toFixed(0)} ms; distinct Message-IDs received: ${smtp.distinct}; jobs left in the queue: ${left}`,
    );
    const met = ratio >= 50 && received === n && left === 0;
    console.log(`target ≥ 50 % of raw, zero lost: ${met ? 'met' : 'MISSED'}`);
    return met;
  } finally {
    await smtp.close();
  }
}
