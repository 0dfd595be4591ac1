/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with mailparser,
 * and can refuse mail for a while; and the real job worker delivering to it.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startWorker } from '../src/worker/run';
import { createMailer } from '../src/mail/transport';
import type { MailSettings } from '../src/worker/messages';
import { setup, type Ctx } from './helper';

export const MAIL_SETTINGS = {
  mailFrom: 'Brownbag <brownbag@brownbag.test>',
  organizerEmail: 'organizers@brownbag.test',
  publicUrl: 'http://brownbag.test',
};

export interface Received {
  mail: ParsedMail;
  raw: string;
  to: string[];
}

export async function smtpSink(t: { teardown(fn: () => unknown): void }) {
  const received: Received[] = [];
  const state = { refuse: false, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      if (state.refuse) {
        state.refused++;
        const err = new Error('Try again later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ mail: await simpleParser(raw), raw, to: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    port,
    received,
    state,
    url: `smtp://127.0.0.1:${port}`,
    /** Waits until `n` messages match, or fails after `ms`. */
    async waitFor(pred: (r: Received) => boolean, n = 1, ms = 20000): Promise<Received[]> {
      const until = Date.now() + ms;
      for (;;) {
        const hits = received.filter(pred);
        if (hits.length >= n) return hits;
        if (Date.now() > until)
          throw new Error(
            `waited ${ms} ms for ${n} message(s); have ${hits.length}: ${received.map((r) => r.mail.subject).join(' | ')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export async function worker(
  t: { teardown(fn: () => unknown): void },
  ctx: Ctx,
  smtpUrl: string,
  concurrency = 5,
  settings: MailSettings = MAIL_SETTINGS,
) {
  const mailer = createMailer({ smtpUrl, mailDir: '/nonexistent' });
  const runner = await startWorker({
    connectionString: ctx.dbUrl,
    ds: ctx.ds,
    mailer,
    settings,
    concurrency,
    pollInterval: 200,
  });
  t.teardown(async () => {
    await runner.stop();
    mailer.close();
  });
  return runner;
}

/** The text/calendar alternative of a message (decoded by mailparser) and the names of its attachments. */
export function calendarPart(r: Received): { method: string; ics: string; attachmentNames: string[] } {
  const part = r.mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no text/calendar part in "${r.mail.subject}"`);
  const ct = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return {
    method: ct?.params?.method ?? '',
    ics: part.content.toString('utf8'),
    attachmentNames: r.mail.attachments.map((a) => a.filename ?? ''),
  };
}

export type Sink = Awaited<ReturnType<typeof smtpSink>>;

/**
 * The mail test world: the app on its own database (`setup`), the SMTP sink, and the real job worker
 * delivering to it (links in mail point at `publicUrl`; `settings` change the worker's mail settings).
 */
export async function mailWorld(
  t: { teardown(fn: () => unknown): void },
  opts: Parameters<typeof setup>[1] & { concurrency?: number; settings?: Partial<MailSettings> } = {},
): Promise<{ ctx: Ctx; sink: Sink }> {
  const { concurrency = 5, settings, ...o } = opts;
  const ctx = await setup(t, o);
  const sink = await smtpSink(t);
  await worker(t, ctx, sink.url, concurrency, {
    ...MAIL_SETTINGS,
    publicUrl: o.publicUrl ?? MAIL_SETTINGS.publicUrl,
    ...settings,
  });
  return { ctx, sink };
}
