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

export function createMailer(o: { smtpUrl: string | null; mailDir: string }): Mailer {
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
    },
    close: () => transport.close(),
  };
}
