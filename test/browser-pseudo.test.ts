/**
 * Every word from the catalogue, and room for longer languages: the main pages of the demo community
 * read in the pseudo-locale xx-pseudo (src/core/i18n/pseudo.ts: each text accented, bracketed and a
 * third longer), in Chromium. A visible text (or label, title, placeholder, option) that still holds
 * plain ASCII words that are not user data was written into a template, not the catalogue; a button,
 * label, heading or link whose content overflows its box would clip a longer translation.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { LANGUAGES } from '../src/core/i18n/languages';
import { fieldLabel } from '../src/web/action';
import { pageForms } from '../src/web/form';
import { localeOf } from '../src/web/i18n';
import { checkAll } from '../src/modules/vitality/vitality.check';
import { setup, type Ctx } from './helper';
import { freePort, launch, readerPage } from './browser-helper';

process.env.BROWNBAG_PSEUDO_LOCALE = '1';
const HEADERS = { 'Accept-Language': 'xx-pseudo' };

// The demo seed is made through the services (hundreds of calls): see browser-health.test.ts.
t.setTimeout(600_000);

/** Words Intl writes in dates, times and language names (locale data, not our text). */
function intlWords(): Set<string> {
  const words = new Set(['AM', 'PM', 'GMT', 'UTC', 'at']);
  const add = (s: string) => s.match(/[A-Za-z]+/g)?.forEach((w) => words.add(w));
  for (let i = 0; i < 12; i++)
    for (const month of ['long', 'short'] as const)
      add(new Date(Date.UTC(2027, i, 1)).toLocaleString('en', { month, timeZone: 'UTC' }));
  for (let i = 0; i < 7; i++)
    for (const weekday of ['long', 'short'] as const)
      add(new Date(Date.UTC(2027, 0, 4 + i)).toLocaleString('en', { weekday, timeZone: 'UTC' }));
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const l of [...LANGUAGES, 'de', 'fr', 'es', 'it', 'pt', 'uk', 'ar']) add(names.of(l) ?? l);
  return words;
}

/** Every text a person or a community wrote (names, titles, abstracts…): any text column of any table. */
async function userData(ctx: Ctx): Promise<string[]> {
  const cols: { table_name: string; column_name: string }[] = await ctx.ds.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'citext')`,
  );
  const out = new Set<string>();
  for (const c of cols) {
    const rows: { v: string }[] = await ctx.ds.query(
      `SELECT DISTINCT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL LIMIT 5000`,
    );
    for (const { v } of rows) for (const line of v.split(/\r?\n/)) if (line.trim().length >= 3) out.add(line.trim());
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** What the page shows: visible text nodes, and the words of labels, titles, placeholders and options. */
const shown = (page: Page) =>
  page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && el.getClientRects().length > 0;
    };
    const where = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent?.trim() || el.closest('script, style, code, pre, textarea, option')) continue;
      if (visible(el) || el.closest('.visually-hidden')) out.push({ text: n.textContent, where: where(el) });
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')))
      for (const a of ['aria-label', 'title', 'placeholder', 'alt'])
        if (el.getAttribute(a)) out.push({ text: el.getAttribute(a)!, where: `${where(el)}[${a}]` });
    // An option in a language of its own (the language switch names each language in itself) is locale data.
    for (const o of Array.from(document.querySelectorAll('option')))
      if (!o.hasAttribute('lang')) out.push({ text: o.textContent ?? '', where: 'option' });
    for (const i of Array.from(document.querySelectorAll('input[type=submit], input[type=button]')))
      out.push({ text: (i as HTMLInputElement).value, where: 'input' });
    out.push({ text: document.title, where: 'title' });
    return out;
  });

/** Buttons, labels, headings and links whose content is wider than their box; and a page wider than the window. */
const clipped = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('button, label, h1, h2, h3, nav a, a.button, .badge, th'),
    )) {
      if (el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1)
        // (1px: visually hidden)
        out.push(
          `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 60)}" (${el.scrollWidth} > ${el.clientWidth})`,
        );
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      // the innermost elements that stick out (their ancestors stick out because of them)
      const out_ = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter(
        (el) =>
          el.getBoundingClientRect().right > doc.clientWidth + 1 &&
          !Array.from(el.children).some((c) => c.getBoundingClientRect().right > doc.clientWidth + 1),
      );
      const what = out_
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 40)}"`);
      out.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth}): ${what.join(', ')}`);
    }
    return out;
  });

/** What is left of a text once the catalogue's (pseudo) words, user data, numbers and Intl's words are taken out. */
function hardCoded(text: string, data: string[], intl: Set<string>): string[] {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/\[[^[\]]*\]/g, ' '); // innermost pseudo texts first: user data may sit inside one
  }
  for (const d of data) if (rest.includes(d)) rest = rest.split(d).join(' ');
  rest = rest.replace(/\b[A-Z][A-Za-z_]+\/[A-Za-z_/+-]+/g, ' '); // time zones (Europe/Berlin)
  rest = rest.replace(/(\d:\d\d(?: [AP]M)?) [A-Z]{2,5}\b/g, '$1'); // and their short names after a time (EST)
  rest = rest.replace(/\b[A-Z]+=[A-Z0-9,;=+-]+/g, ' '); // RRULE syntax (FREQ=WEEKLY;BYDAY=TH): not words
  rest = rest.replace(/\S+@\S+|https?:\/\/\S+|webcal:\/\/\S+|\/[\w/-]+/g, ' '); // addresses, paths
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !intl.has(w));
}

t.test('the main pages in the pseudo-locale: every word from the catalogue, nothing clipped', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await setup(t, { publicUrl: base, poolSize: 20 });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  await seedDemo(ctx.app.services, admin, () => undefined);
  await checkAll(ctx.ds);
  // A refused field is named by its label: every field of every page form has one in the catalogue.
  const unlabelled = pageForms().flatMap((f) =>
    (f.fields ?? Object.keys((f.schema as { properties?: object } | null)?.properties ?? {}))
      .filter((field) => field !== 'version' && fieldLabel(localeOf('en'), field) === field)
      .map((field) => `${f.url} ${field}`),
  );
  t.same(unlabelled, [], 'every page form field has a label in the catalogue (web/action.tsx fieldLabel)');
  const browser = await launch();
  t.teardown(() => browser.close());
  const [data, intl] = [await userData(ctx), intlWords()];

  const [event] = await ctx.ds.query(`SELECT id FROM event WHERE title = 'Platform brown-bag: performance edition'`);
  const [proposal] = await ctx.ds.query(`SELECT id FROM proposal WHERE title = 'How we cut checkout latency by 40%'`);
  const [series] = await ctx.ds.query(`SELECT id FROM series LIMIT 1`);
  const [wish] = await ctx.ds.query(`SELECT id FROM topic_wish ORDER BY created_at LIMIT 1`);
  const c = `/c/${DEMO_SLUG}`;
  const pages: [string | null, string][] = [
    [null, '/sign-in'],
    ['olga.organizer@example.com', '/'],
    ['olga.organizer@example.com', c],
    ['olga.organizer@example.com', `${c}/propose`],
    ['olga.organizer@example.com', `/events/${event.id}`],
    ['olga.organizer@example.com', `/events/${event.id}/attendees`],
    ['olga.organizer@example.com', `/proposals/${proposal.id}`],
    ['olga.organizer@example.com', `${c}/figures`],
    ['olga.organizer@example.com', `${c}/tasks`],
    ['olga.organizer@example.com', `${c}/health`],
    ['olga.organizer@example.com', `${c}/series`],
    ['olga.organizer@example.com', `/series/${series.id}`],
    ['olga.organizer@example.com', `${c}/team`],
    ['olga.organizer@example.com', `${c}/announcements`],
    ['olga.organizer@example.com', `${c}/wishes`],
    ['olga.organizer@example.com', `/wishes/${wish.id}`],
    ['olga.organizer@example.com', '/me/calendar'],
    ['olga.organizer@example.com', '/nominations'],
    ['raj.reviewer@example.com', `${c}/review`],
  ];
  const readers = new Map<string | null, Page>();
  const check = async (page: Page, what: string) => {
    t.equal(await page.getAttribute('html', 'lang'), 'xx-pseudo', `${what} is in the pseudo-locale`);
    const found = (await shown(page)).flatMap(({ text, where }) => {
      const words = hardCoded(text, data, intl);
      return words.length ? [`${where}: "${text.trim().slice(0, 80)}" (${words.join(' ')})`] : [];
    });
    t.same(found, [], `${what}: no text outside the catalogue`);
    t.same(await clipped(page), [], `${what}: nothing clipped`);
  };
  for (const [who, path] of pages) {
    if (!readers.has(who)) readers.set(who, await readerPage(browser, ctx.ds, base, HEADERS, who));
    const page = readers.get(who)!;
    const res = await page.goto(`${base}${path}`);
    t.equal(res?.status(), 200, `${path} answers`);
    await check(page, path);
  }

  // Refusals are the catalogue's too: a page that does not exist, a form refused (nominating oneself).
  const olga = readers.get('olga.organizer@example.com')!;
  t.equal((await olga.goto(`${base}/no-such-page`))?.status(), 404);
  await check(olga, 'the not-found page');
  await olga.goto(`${base}${c}/nominate`);
  await olga.fill('#nominee-email', 'olga.organizer@example.com');
  await olga.fill('#topic', 'Kotlin');
  await olga.locator('main form button[type=submit]').click();
  await olga.getByRole('alert').waitFor();
  await check(olga, 'a refused nomination');

  // A phone's width: longer words must wrap, not clip.
  for (const page of readers.values()) await page.setViewportSize({ width: 390, height: 800 });
  for (const [who, path] of pages) {
    const page = readers.get(who)!;
    await page.goto(`${base}${path}`);
    t.same(await clipped(page), [], `${path} at 390px: nothing clipped`);
  }
});
