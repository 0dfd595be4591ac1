/**
 * Sign-in in a real browser: Chromium (the build @sparticuz/chromium ships through npm) driven by
 * playwright-core, against Brownbag listening on a port, with the real worker and an SMTP server on
 * loopback. Each page is checked with axe. This is the test that caught Chrome sending "Origin: null"
 * under a no-referrer policy, which no injected request would have.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import t from 'tap';
import { browserWorld } from './browser-helper';

async function noViolations(t: { same(...a: any[]): unknown }, page: Page, what: string) {
  const r = await new AxeBuilder({ page }).analyze();
  t.same(
    r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: no accessibility violations`,
  );
}

t.test('a person signs in with an e-mail link and out again, in Chromium', async (t) => {
  const { ctx, browser, base, sink } = await browserWorld(t, { mail: true, poolSize: 10 });
  await ctx.person('ada@corp.example', 'Ada Lovelace');
  const page = await (await browser.newContext()).newPage();

  await page.goto(`${base}/v1/me`, { waitUntil: 'load' });
  t.equal(new URL(page.url()).pathname, '/sign-in', 'an API link opened in a browser leads to sign-in');
  t.equal(await page.locator('h1').textContent(), 'Sign in to Brownbag');
  await noViolations(t, page, 'sign-in page');

  await page.getByLabel('Work e-mail address').fill('ada@corp.example');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.waitForURL(`${base}/sign-in/sent`);
  t.equal(await page.locator('h1').textContent(), 'Check your mail');
  await noViolations(t, page, 'check-your-mail page');

  const [mail] = await sink.waitFor((r) => r.to.includes('ada@corp.example'));
  const link = /http:\/\/127\.0\.0\.1:\d+\/sign-in\/link\?token=[A-Za-z0-9_%-]+/.exec(mail.mail.text ?? '')![0];
  await page.goto(link);
  t.equal(await page.locator('h1').textContent(), 'Sign in as Ada Lovelace');
  await noViolations(t, page, 'landing page');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${base}/v1/me`);
  t.match(await page.locator('body').textContent(), '"email":"ada@corp.example"', 'back at the link it started from');

  await page.goto(`${base}/`);
  t.equal(await page.locator('h1').textContent(), 'Hello, Ada Lovelace');
  await noViolations(t, page, 'home page');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'bb_session');
  t.match(cookie, { httpOnly: true, sameSite: 'Lax', path: '/' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${base}/sign-in`);
  await page.goto(`${base}/`);
  t.equal(new URL(page.url()).pathname, '/sign-in', 'signed out for good');

  await page.goto(link);
  t.equal(await page.locator('h1').textContent(), 'This link has expired');
  await noViolations(t, page, 'expired-link page');
});
