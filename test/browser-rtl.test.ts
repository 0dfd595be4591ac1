/**
 * Right to left for real, in Chromium: a member picks Hebrew with the switch in the page's header (a
 * plain form, so it works without JavaScript) and the community page, the proposal form and an event
 * page come back in Hebrew, laid out right to left, at desktop and phone width: the header starts on
 * the right, nothing spills sideways at 390px, English titles and names inside keep their own direction,
 * and axe finds nothing serious. The Hebrew is a test catalogue (test/test-languages.ts) until the real
 * one lands; screenshots go to test/screenshots/rtl-*.png.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { community, eventWithTalk } from './helper';
import { browserWorld } from './browser-helper';
import { offerTestLanguages } from './test-languages';

offerTestLanguages('he');
t.setTimeout(300_000);

t.test('Hebrew pages, right to left, at desktop and phone width', async (t) => {
  const w = await browserWorld(t);
  const { ctx, base } = w;
  const c = await community(ctx, 'guild', { eventVisibility: 'public' });
  await ctx.req('PATCH', '/v1/communities/guild', {
    token: c.organizer.token,
    body: { name: 'קהילת המפתחים', description: 'מפגשי צהריים של צוותי הפיתוח, פעם בחודש (Berlin, floor 2).' },
  });
  const e = await eventWithTalk(ctx, c, { title: 'Rust in production: 3 lessons' });
  await ctx.req('PATCH', `/v1/events/${e.eventId}`, {
    token: c.organizer.token,
    body: { description: 'הרצאה על Rust ו־PostgreSQL, ואחריה שאלות.' },
  });
  await ctx.req('POST', `/v1/events/${e.eventId}/slots`, {
    token: c.organizer.token,
    body: { proposalId: e.talkId, startsAt: '2027-06-10T10:00:00Z' },
  });

  const page = await w.signedIn(c.member.email);
  await page.goto(`${base}/c/guild`);
  t.equal(await page.locator('html').getAttribute('dir'), 'ltr', 'English first (the browser asks for it)');
  await page.getByLabel('Language').selectOption('he');
  await Promise.all([page.waitForURL(`${base}/c/guild`), page.getByRole('button', { name: 'Change' }).click()]);
  t.equal(await page.locator('html').getAttribute('lang'), 'he');
  t.equal(await page.locator('html').getAttribute('dir'), 'rtl', 'the switch saved Hebrew: right to left');
  t.equal((await ctx.req('GET', '/v1/me', { token: c.member.token })).body.language, 'he', "it is the person's choice");

  const rightToLeft = async (p: Page, what: string) => {
    const width = p.viewportSize()!.width;
    const box = async (sel: string) => (await p.locator(sel).first().boundingBox())!;
    const brand = await box('.brand');
    t.ok(brand.x + brand.width > width / 2, `${what}: the header starts on the right`);
    const h1 = await box('main h1');
    const main = await box('main');
    t.ok(Math.abs(h1.x + h1.width - (main.x + main.width)) < 40, `${what}: the heading stands at the right edge`);
    t.ok(
      await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      `${what}: nothing spills sideways at ${width}px`,
    );
    await w.clean(p, what);
  };

  const pages: [string, string][] = [
    ['community', '/c/guild'],
    ['propose', '/c/guild/propose'],
    ['event', `/events/${e.eventId}`],
  ];
  for (const [width, suffix] of [
    [1100, ''],
    [390, '-phone'],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, url] of pages) {
      await page.goto(`${base}${url}`);
      t.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await rightToLeft(page, `${name} at ${width}px`);
      await w.shot(page, `rtl-${name}${suffix}`);
    }
  }

  // What people wrote keeps its own direction inside Hebrew: an English title reads left to right.
  await page.goto(`${base}/events/${e.eventId}`);
  t.equal(
    await page.locator('main h1').evaluate((el) => getComputedStyle(el).direction),
    'ltr',
    'an English title in a Hebrew page',
  );
  t.equal(
    await page.locator('main p.prose').evaluate((el) => getComputedStyle(el).direction),
    'rtl',
    'a Hebrew description',
  );
  // A Hebrew title typed into the form runs right to left as it is typed; an address stays left to right.
  await page.goto(`${base}/c/guild/propose`);
  await page.locator('#title').fill('למה PostgreSQL');
  t.equal(await page.locator('#title').evaluate((el) => el.matches(':dir(rtl)')), true, 'typed Hebrew: rtl');
  t.equal(await page.locator('#coSpeakers').getAttribute('dir'), 'auto');

  // The profile page (the choice, or automatic) and an organizer's community settings: axe on both.
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${base}/me`);
  t.equal(await page.locator('#my-language').inputValue(), 'he');
  await w.clean(page, 'profile page in Hebrew');
  await w.shot(page, 'rtl-profile');
  const olga = await w.signedIn(c.organizer.email);
  await olga.goto(`${base}/c/guild`);
  await w.press(olga, 'Settings', 'link');
  await olga.getByLabel('Default language').selectOption('he');
  await w.press(olga, 'Save');
  // Headless Chromium asks for no language, so the community's default decides her page at once.
  t.equal(await olga.getByRole('status').textContent(), 'נשמר.', 'saved, and said in the new default');
  // (the label is in Hebrew now: the field is found by its id)
  t.equal(await olga.locator('#default-language').inputValue(), 'he');
  t.equal(await olga.locator('html').getAttribute('dir'), 'rtl');
  await w.clean(olga, 'community settings');

  // Someone not signed in: the community's default (Hebrew) first, then the switch's cookie beats it.
  const anon = await (await w.browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
  await anon.goto(`${base}/c/guild`);
  t.equal(await anon.locator('html').getAttribute('dir'), 'rtl', "a reader not signed in: the community's default");
  await anon.getByLabel('שפה').selectOption('en');
  await Promise.all([anon.waitForURL(`${base}/c/guild`), anon.getByRole('button', { name: 'החלפה' }).click()]);
  t.equal(await anon.locator('html').getAttribute('dir'), 'ltr', 'the cookie beats the community');
  await anon.getByLabel('Language').selectOption('he');
  await Promise.all([anon.waitForURL(`${base}/c/guild`), anon.getByRole('button', { name: 'Change' }).click()]);
  t.equal(await anon.locator('html').getAttribute('dir'), 'rtl', 'and back');
});
