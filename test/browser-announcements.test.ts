/**
 * Announcements in Chromium: an organizer connects a Slack channel (a receiver on loopback stands
 * in for Slack), sends a test, sees it delivered in the log, pauses and resumes it. axe on the page;
 * a screenshot lands in test/screenshots/.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { community, setup } from './helper';
import { MAIL_SETTINGS, smtpSink, worker } from './mail-helper';
import { freePort, launch, press, signedInPage, violations } from './browser-helper';

t.test('announcements, clicked through', async (t) => {
  const bodies: string[] = [];
  const slack = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push(b);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => slack.close(() => resolve())));
  const hookUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T1/B2/abcd`;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await setup(t, { publicUrl: base, poolSize: 20 });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const sink = await smtpSink(t);
  await worker(t, ctx, sink.url, 5, { ...MAIL_SETTINGS, publicUrl: base, destinationsAllow: ['127.0.0.1'] });
  const c = await community(ctx, 'guild');
  const browser = await launch();
  t.teardown(() => browser.close());
  const clean = async (page: Awaited<ReturnType<typeof signedInPage>>, what: string) =>
    t.same(await violations(page), [], `${what}: no serious or critical accessibility violations`);

  const org = await signedInPage(browser, ctx.ds, base, c.organizer.email);
  await org.goto(`${base}/c/guild`);
  await press(org, base, 'Announcements', 'link');
  t.equal(await org.locator('h1').textContent(), 'Announcements');
  await org.getByLabel('Where').selectOption('slack');
  await org.getByLabel('Name (e.g. #guild)').fill('#guild');
  await org.getByLabel('Incoming webhook URL').fill(hookUrl);
  await org.getByLabel('a new topic wish').uncheck();
  await clean(org, 'announcements page');
  await press(org, base, 'Connect');
  const dest = org.locator('section.card').first();
  t.match(await dest.locator('h2').textContent(), '#guild');
  t.notMatch(await org.content(), hookUrl, 'the URL is not shown again');
  t.notMatch(await dest.textContent(), 'a new topic wish');

  await press(org, base, 'Send a test: #guild');
  const until = Date.now() + 20000;
  while (!bodies.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  t.match(JSON.parse(bodies[0]).text, '*Brownbag is connected*');
  // The log shows it delivered (the job records the answer just after the receiver has it).
  for (let i = 0; i < 40; i++) {
    await org.goto(`${base}/c/guild/announcements`);
    if ((await org.locator('td').nth(1).textContent())?.includes('delivered')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.match(await org.locator('td').nth(1).textContent(), 'delivered');
  await org.screenshot({ path: path.join(__dirname, 'screenshots', 'announcements.png'), fullPage: true });

  await press(org, base, 'Pause: #guild');
  t.match(await dest.locator('h2').textContent(), 'paused');
  await press(org, base, 'Resume: #guild');
  t.notMatch(await dest.locator('h2').textContent(), 'paused');
  await clean(org, 'announcements page with a destination');

  // A member is not shown the page.
  const member = await signedInPage(browser, ctx.ds, base, c.member.email);
  const r = await member.goto(`${base}/c/guild/announcements`);
  t.equal(r?.status(), 403);
});
