/**
 * Browser tests' shared parts: Chromium (the build @sparticuz/chromium ships through npm, or
 * CHROMIUM_PATH) driven by playwright-core, a free port, sign-in by link, and axe.
 */
import { createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import * as sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createSignInLink } from '../src/modules/auth/links';

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
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  await page.goto(await createSignInLink(ds, base, email, '/', 60));
  await page.getByRole('button', { name: 'Continue' }).click();
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
