/**
 * The four translations in Chromium: the main pages of the demo community read in Hebrew, Russian,
 * Polish and Finnish answer in that language (Hebrew right to left), and no button, label, heading or
 * link clips its longer words. (Words outside the catalogue are browser-pseudo.test.ts's job.)
 */
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { createSignInLink } from '../src/modules/auth/links';
import { checkAll } from '../src/modules/vitality/vitality.check';
import { setup, type Ctx } from './helper';
import { freePort, launch } from './browser-helper';

t.setTimeout(600_000);

/** Buttons, labels, headings and links whose content is wider than their box; and a page wider than the window. */
const clipped = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('button, label, h1, h2, h3, nav a, a.button, .badge, th'),
    ))
      if (el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1)
        out.push(`${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 60)}"`);
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth})`);
    return out;
  });

async function readerPage(browser: Browser, ctx: Ctx, base: string, lang: string, email: string | null) {
  const page = await (
    await browser.newContext({ viewport: { width: 1100, height: 900 }, extraHTTPHeaders: { 'Accept-Language': lang } })
  ).newPage();
  if (!email) return page;
  await page.goto(await createSignInLink(ctx.ds, base, email, '/', 60));
  await page.locator('main button[type=submit]').first().click();
  await page.waitForURL(`${base}/`);
  return page;
}

t.test('the main pages in he, ru, pl and fi: in that language, nothing clipped', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await setup(t, { publicUrl: base, poolSize: 20 });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  await seedDemo(ctx.app.services, admin, () => undefined);
  await checkAll(ctx.ds);
  const browser = await launch();
  t.teardown(() => browser.close());

  const [event] = await ctx.ds.query(`SELECT id FROM event WHERE title = 'Platform brown-bag: performance edition'`);
  const [proposal] = await ctx.ds.query(`SELECT id FROM proposal WHERE title = 'How we cut checkout latency by 40%'`);
  const [series] = await ctx.ds.query(`SELECT id FROM series LIMIT 1`);
  const c = `/c/${DEMO_SLUG}`;
  const olga = 'olga.organizer@example.com';
  const pages: [string | null, string][] = [
    [null, '/sign-in'],
    [olga, '/'],
    [olga, c],
    [olga, `${c}/propose`],
    [olga, `/events/${event.id}`],
    [olga, `/events/${event.id}/attendees`],
    [olga, `/proposals/${proposal.id}`],
    [olga, `${c}/tasks`],
    [olga, `${c}/health`],
    [olga, `/series/${series.id}`],
    [olga, `${c}/team`],
    [olga, `${c}/announcements`],
    [olga, `${c}/wishes`],
    [olga, '/me/calendar'],
    ['raj.reviewer@example.com', `${c}/review`],
  ];
  for (const lang of ['he', 'ru', 'pl', 'fi']) {
    const readers = new Map<string | null, Page>();
    for (const [who, path] of pages) {
      if (!readers.has(who)) readers.set(who, await readerPage(browser, ctx, base, lang, who));
      const page = readers.get(who)!;
      const res = await page.goto(`${base}${path}`);
      t.equal(res?.status(), 200, `${lang} ${path} answers`);
      t.equal(await page.getAttribute('html', 'lang'), lang, `${lang} ${path} is in ${lang}`);
      t.equal(await page.getAttribute('html', 'dir'), lang === 'he' ? 'rtl' : 'ltr', `${lang} ${path}: direction`);
      t.same(await clipped(page), [], `${lang} ${path}: nothing clipped`);
      if (process.env.SHOTS)
        await page.screenshot({ path: `${process.env.SHOTS}/${lang}${path.replace(/\W+/g, '_')}.png`, fullPage: true });
    }
  }
});
