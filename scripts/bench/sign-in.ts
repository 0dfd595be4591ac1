/**
 * Issue #11's benchmark. (1) The e-mail sign-in round trip, as a person lives it: ask on the sign-in
 * page → the queued mail is built and written by the worker → open the link, press the button → the
 * session answers /v1/me; median and worst of 10 (smoke: 2). (2) One proposal list page (500
 * proposals, 50 per page) read with a session cookie beside the same list with a bearer token, in
 * one run: the session lookup must cost no more than the token lookup (target ≥ 90 %).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Logger, runOnce } from 'graphile-worker';
import { simpleParser } from 'mailparser';
import { defaultAuth } from '../../src/config';
import { taskList } from '../../src/worker/run';
import { createMailer } from '../../src/mail/transport';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { PeopleService } from '../../src/modules/people/people.service';
import type { BenchContext } from './lib';
import { seedScale } from '../seed/scale';
import { drive, printTable, startServer } from './lib';

const PUBLIC_URL = 'http://127.0.0.1';

export async function benchSignIn({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const data = await seedScale(ds, 1, smoke ? 50 : 500, () => undefined);
  const organizer = (await new PeopleService(ds).authenticate(data.organizerTokens[0]))!;
  const server = await startServer(dbUrl);
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-bench-mail-'));
  const mailer = createMailer({ smtpUrl: null, mailDir });
  try {
    // (1) the round trip
    const times: number[] = [];
    for (let i = 0; i < (smoke ? 2 : 10); i++) {
      const t0 = performance.now();
      const asked = await fetch(`${server.url}/sign-in/email`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL },
        body: new URLSearchParams({ email: organizer.email, next: '/v1/me' }),
      });
      if (asked.status !== 303) throw new Error(`asking for a link: ${asked.status}`);
      await runOnce({
        connectionString: dbUrl,
        taskList: taskList(ds, mailer, {
          mailFrom: 'b@b.test',
          organizerEmail: 'o@b.test',
          publicUrl: PUBLIC_URL,
          auth: defaultAuth,
        }),
        logger: new Logger(() => () => undefined),
      });
      const newest = fs
        .readdirSync(mailDir)
        .map((f) => path.join(mailDir, f))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
      const text = (await simpleParser(fs.readFileSync(newest))).text ?? '';
      const token = /sign-in\/link\?token=([A-Za-z0-9_%-]+)/.exec(text)?.[1];
      if (!token) throw new Error('no link in the mail');
      const landing = await fetch(`${server.url}/sign-in/link?token=${token}`);
      if (landing.status !== 200) throw new Error(`landing: ${landing.status}`);
      const signed = await fetch(`${server.url}/sign-in/link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL },
        body: new URLSearchParams({ token: decodeURIComponent(token) }),
      });
      const cookie = signed.headers
        .getSetCookie()
        .find((c) => c.startsWith('bb_session='))
        ?.split(';')[0];
      if (signed.status !== 303 || !cookie) throw new Error(`sign-in: ${signed.status}`);
      const me = await fetch(`${server.url}/v1/me`, { headers: { cookie } });
      if (me.status !== 200) throw new Error(`/v1/me: ${me.status}`);
      times.push(performance.now() - t0);
      await ds.query('DELETE FROM sign_in_link'); // the per-address limit is for people, not for this loop
    }
    times.sort((a, b) => a - b);
    console.log(
      `\ne-mail sign-in round trip (ask → worker writes the mail → landing → press → /v1/me), ${times.length} runs:` +
        ` median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms` +
        ' (includes starting a one-shot worker each time)',
    );

    // (2) cookie beside bearer
    const session = await new SessionsService(ds, 30).start(organizer.id, 'email-link', 'bench');
    const list = `/v1/communities/${data.slugs[0]}/proposals?limit=50`;
    const bearer = await drive(
      server,
      'proposal list, bearer token',
      { requests: [{ method: 'GET', path: list, headers: { authorization: `Bearer ${data.organizerTokens[0]}` } }] },
      seconds,
    );
    const cookie = await drive(
      server,
      'proposal list, session cookie',
      { requests: [{ method: 'GET', path: list, headers: { cookie: `bb_session=${session.secret}` } }] },
      seconds,
      90,
    );
    return printTable(
      `sign-in (a list page read with a session cookie vs a bearer token, ${seconds} s per route, 50 connections, loopback; "vs base" is vs the bearer row)`,
      [bearer, cookie],
      bearer,
    );
  } finally {
    mailer.close();
    await server.stop();
    fs.rmSync(mailDir, { recursive: true, force: true });
  }
}
