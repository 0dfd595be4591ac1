/**
 * Secrets in URLs never reach the request log: personal feed tokens (in the path) and sign-in link
 * tokens (in the query). The app logs to a stream read back here.
 */
import { Writable } from 'node:stream';
import t from 'tap';
import { buildApp } from '../src/app';
import { redactUrl } from '../src/http/redact';
import { setup } from './helper';

t.test('redactUrl keeps the route, not the credential', async (t) => {
  t.equal(redactUrl('/v1/feeds/feed_abc123/calendar.ics'), '/v1/feeds/[redacted]/calendar.ics');
  t.equal(
    redactUrl('/v1/feeds/feed_abc/communities/guild/calendar.ics?talks=true'),
    '/v1/feeds/[redacted]/communities/guild/calendar.ics?talks=true',
  );
  t.equal(redactUrl('/sign-in/link?token=link_xyz&x=1'), '/sign-in/link?token=[redacted]&x=1');
  t.equal(redactUrl('/v1/proposals?limit=5'), '/v1/proposals?limit=5');
});

t.test('the request log never holds a feed secret', async (t) => {
  const ctx = await setup(t);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    ds: ctx.ds,
    config: { bodyLimitBytes: 262144, publicUrl: 'http://brownbag.test' },
    logger: { level: 'info', stream },
  });
  t.teardown(() => app.close());
  const made = await ctx.req('POST', '/v1/me/feed-tokens', { token: ctx.admin.token, body: { name: 'phone' } });
  const secret = made.body.token as string;
  const res = await app.inject({ method: 'GET', url: `/v1/feeds/${secret}/calendar.ics` });
  t.equal(res.statusCode, 200);
  await app.inject({ method: 'GET', url: `/sign-in/link?token=link_${secret}` });
  const log = lines.join('');
  t.match(log, '/v1/feeds/[redacted]/calendar.ics', 'the request is logged');
  t.notMatch(log, secret, 'but not its secret');
});
