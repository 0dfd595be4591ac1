/**
 * The five languages in Chromium, on the demo community. First a journey per language (en, he, ru,
 * pl, fi) by clicking: sign in by link, the community page, proposing a talk (a draft is saved), an
 * event page and the community's figures, each in that language (html lang; Hebrew right to left),
 * axe clean; screenshots test/screenshots/lang-<lang>-{community,event}.png (and Hebrew on a phone).
 * Then the main pages read in Hebrew, Russian, Polish and Finnish answer in that language and no
 * button, label, heading or link clips its longer words (SHOTS=<dir> screenshots all of them).
 * (Words outside the catalogue are browser-pseudo.test.ts's job.)
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { createSignInLink } from '../src/modules/auth/links';
import { checkAll } from '../src/modules/vitality/vitality.check';
import path from 'node:path';
import { setup } from './helper';
import { freePort, launch, readerPage, violations } from './browser-helper';
import { REPO } from './repo';

t.setTimeout(600_000);

/** A talk title in each language, typed into the propose form. */
const titles: Record<string, string> = {
  en: 'Caching without tears',
  he: 'מטמון בלי דמעות',
  ru: 'Кэширование без слёз',
  pl: 'Pamięć podręczna bez łez',
  fi: 'Välimuisti ilman kyyneliä',
};

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

t.test('five languages: a journey each, then the main pages with nothing clipped', async (t) => {
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

  // ---- a journey per language, by clicking -------------------------------------------------
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(REPO, 'test', 'screenshots', `${name}.png`), fullPage: true });
  for (const lang of ['en', 'he', 'ru', 'pl', 'fi']) {
    const inLang = async (page: Page, what: string) => {
      t.equal(await page.getAttribute('html', 'lang'), lang, `${lang} ${what}: in ${lang}`);
      t.equal(await page.getAttribute('html', 'dir'), lang === 'he' ? 'rtl' : 'ltr', `${lang} ${what}: direction`);
      t.same(await violations(page), [], `${lang} ${what}: no serious or critical accessibility violations`);
    };
    const page = await readerPage(browser, ctx.ds, base, { 'Accept-Language': lang }, null);
    await page.goto(`${base}/sign-in`);
    await inLang(page, 'sign-in');
    await page.goto(await createSignInLink(ctx.ds, base, olga, c, 60));
    await inLang(page, 'sign-in link');
    await Promise.all([page.waitForURL(`${base}${c}`), page.locator('main button[type=submit]').first().click()]);
    await inLang(page, 'community');
    await shot(page, `lang-${lang}-community`);
    await Promise.all([
      page.waitForURL(/\/propose\?call=/),
      page.locator(`main a[href^="${c}/propose?call="]`).first().click(),
    ]);
    await page.locator('input[name=title]').fill(`${lang}: ${titles[lang]}`);
    await page.locator('textarea[name=abstract]').fill(titles[lang]);
    await inLang(page, 'propose');
    await Promise.all([
      page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/),
      page.locator('button[name=submit][value=false]').click(),
    ]);
    t.equal(await page.locator('h1').first().textContent(), `${lang}: ${titles[lang]}`, `${lang}: the draft is saved`);
    await inLang(page, 'proposal');
    await page.goto(`${base}${c}`);
    await Promise.all([
      page.waitForURL(`${base}/events/${event.id}`),
      page.locator(`main a[href="/events/${event.id}"]`).first().click(),
    ]);
    await inLang(page, 'event');
    await shot(page, `lang-${lang}-event`);
    await page.goto(`${base}${c}`);
    await Promise.all([page.waitForURL(`${base}${c}/figures`), page.locator(`main a[href="${c}/figures"]`).click()]);
    await inLang(page, 'figures');
    if (lang === 'he') {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [what, to] of [
        ['community', c],
        ['event', `/events/${event.id}`],
      ]) {
        await page.goto(`${base}${to}`);
        await inLang(page, `${what} on a phone`);
        t.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `he ${what} fits a phone`,
        );
        await shot(page, `lang-he-${what}-phone`);
      }
    }
    await page.context().close();
  }

  // ---- the main pages in the four translations, nothing clipped ----------------------------
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
      if (!readers.has(who))
        readers.set(who, await readerPage(browser, ctx.ds, base, { 'Accept-Language': lang }, who));
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
