/**
 * Where mail goes: an SMTP server (SMTP_URL, pooled connections), or — the zero-setup default —
 * .eml files in MAIL_DIR that any mail client opens.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export interface Mailer {
  send(message: Mail.Options): Promise<void>;
  close(): void;
  describe: string;
}

/** The one-click sign-in link in a sign-in mail's text (see mail/messages.ts: its id starts `sign-in.`). */
const signInLinkOf = (message: Mail.Options): string | null =>
  String(message.messageId ?? '').startsWith('<sign-in.')
    ? (/https?:\/\/\S+\/sign-in\/link\?token=[\w%.~-]+/.exec(String(message.text ?? ''))?.[0] ?? null)
    : null;

export function createMailer(o: {
  smtpUrl: string | null;
  mailDir: string;
  /** Mail to a folder only: told each sign-in link written, so a local start can print it. */
  onSignInLink?: (to: string, url: string) => void;
}): Mailer {
  if (o.smtpUrl) {
    const u = new URL(o.smtpUrl);
    if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
    const transport = nodemailer.createTransport(u.toString());
    return {
      describe: `SMTP ${u.protocol}//${u.host}`,
      async send(message) {
        await transport.sendMail(message);
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let made = false;
  return {
    describe: `files in ${o.mailDir}`,
    async send(message) {
      if (!made) {
        await fs.mkdir(o.mailDir, { recursive: true });
        made = true;
      }
      const info = await transport.sendMail(message);
      const id = String(message.messageId ?? info.messageId)
        .replace(/[^A-Za-z0-9.@_-]+/g, '_')
        .slice(0, 150);
      await fs.writeFile(
        path.join(o.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`),
        info.message as Buffer,
      );
      const link = o.onSignInLink && signInLinkOf(message);
      if (link) {
        const to = message.to as Mail.Address | string;
        o.onSignInLink!(typeof to === 'string' ? to : (to.address ?? ''), link);
      }
    },
    close: () => transport.close(),
  };
}
