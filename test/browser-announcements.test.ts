/**
 * Announcements in Chromium: an organizer connects a Slack channel (a receiver on loopback stands
 * in for Slack), sends a test, sees it delivered in the log, pauses and resumes it. axe on the page;
 * a screenshot lands in test/screenshots/.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { community } from './helper';
import { browserWorld, press } from './browser-helper';

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

  const { ctx, base, signedIn, clean, shot } = await browserWorld(t, {
    mail: true,
    settings: { destinationsAllow: ['127.0.0.1'] },
  }); // the worker delivers
  const c = await community(ctx, 'guild');

  const org = await signedIn(c.organizer.email);
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
    await new Promise((r) => setTimeout(r, 50));
  }
  t.match(await org.locator('td').nth(1).textContent(), 'delivered');
  await shot(org, 'announcements');

  await press(org, base, 'Pause: #guild');
  t.match(await dest.locator('h2').textContent(), 'paused');
  await press(org, base, 'Resume: #guild');
  t.notMatch(await dest.locator('h2').textContent(), 'paused');
  await clean(org, 'announcements page with a destination');

  // A member is not shown the page.
  const member = await signedIn(c.member.email);
  const r = await member.goto(`${base}/c/guild/announcements`);
  t.equal(r?.status(), 403);
});
