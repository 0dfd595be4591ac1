/**
 * Browser tests' shared parts: Chromium (the build @sparticuz/chromium ships through npm, or
 * CHROMIUM_PATH) driven by playwright-core, a free port, sign-in by link, and axe; and
 * `browserWorld(t)`, which puts them together around the app listening on loopback.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import * as sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createSignInLink } from '../src/modules/auth/links';
import { setup, type Ctx } from './helper';
import { mailWorld, type Sink } from './mail-helper';
import { REPO } from './repo';

const Chromium = ((sparticuz as { default?: unknown }).default ??
  sparticuz) as typeof import('@sparticuz/chromium').default;

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (await Chromium.executablePath()),
    // Not the package's own Lambda flags: --single-process lets browser contexts share cookies.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
    headless: true,
  });
}

/** A new browser context signed in as `email` (through a sign-in link, as a mail would carry). */
export async function signedInPage(browser: Browser, ds: DataSource, base: string, email: string): Promise<Page> {
  return (await readerPage(browser, ds, base, {}, email))!;
}

/**
 * A desktop-sized page sending `headers` (e.g. Accept-Language), signed in as `email` through a
 * one-click link, or not signed in when `email` is null. The link's button is found by its place,
 * not its words, so it works in every language.
 */
export async function readerPage(
  browser: Browser,
  ds: DataSource,
  base: string,
  headers: Record<string, string>,
  email: string | null,
): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport: { width: 1100, height: 900 }, extraHTTPHeaders: headers })
  ).newPage();
  if (!email) return page;
  await page.goto(await createSignInLink(ds, base, email, '/', 60));
  await page.locator('main button[type=submit]').first().click();
  await page.waitForURL(`${base}/`);
  return page;
}

/** Clicks, then waits until the request it made has answered and htmx has swapped the page in. */
export async function press(page: Page, base: string, name: string, role: 'button' | 'link' = 'button') {
  await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(base) && r.request().resourceType() !== 'stylesheet'),
    page.getByRole(role, { name, exact: true }).first().click(),
  ]);
  await page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'));
}

/** The serious and critical axe violations of a page, as readable lines (none is the goal). */
export async function violations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface World {
  ctx: Ctx;
  /** The app's address: `http://127.0.0.1:<port>`. */
  base: string;
  browser: Browser;
  /** A new page signed in as `email`. */
  signedIn(email: string): Promise<Page>;
  /** Clicks the named button (or link) and waits until htmx has swapped the answer in. */
  press(page: Page, name: string, role?: 'button' | 'link'): Promise<void>;
  /** Asserts that the page has no serious or critical accessibility violations. */
  clean(page: Page, what: string): Promise<void>;
  /** A full-page screenshot into test/screenshots/<name>.png (the docs show them). */
  shot(page: Page, name: string): Promise<void>;
}

interface Tap {
  teardown(fn: () => unknown): void;
  same(...args: any[]): unknown;
}

type WorldOptions = Omit<NonNullable<Parameters<typeof mailWorld>[1]>, 'publicUrl'>;

/**
 * The browser test world: the app on its own database listening on a free loopback port, Chromium,
 * and the helpers every journey uses; with `mail: true`, the SMTP sink and the job worker too.
 */
export async function browserWorld(t: Tap, opts?: WorldOptions & { mail?: false }): Promise<World>;
export async function browserWorld(t: Tap, opts: WorldOptions & { mail: true }): Promise<World & { sink: Sink }>;
export async function browserWorld(
  t: Tap,
  { mail, ...opts }: WorldOptions & { mail?: boolean } = {},
): Promise<World & { sink?: Sink }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const o = { poolSize: 20, ...opts, publicUrl: base };
  const { ctx, sink } = mail ? await mailWorld(t, o) : { ctx: await setup(t, o), sink: undefined };
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const browser = await launch();
  t.teardown(() => browser.close());
  return {
    ctx,
    base,
    browser,
    sink,
    signedIn: (email) => signedInPage(browser, ctx.ds, base, email),
    press: (page, name, role = 'button') => press(page, base, name, role),
    clean: async (page, what) => {
      t.same(await violations(page), [], `${what}: no serious or critical accessibility violations`);
    },
    shot: async (page, name) => {
      await page.screenshot({ path: path.join(REPO, 'test', 'screenshots', `${name}.png`), fullPage: true });
    },
  };
}
