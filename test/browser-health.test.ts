/**
 * Community health in Chromium, on the demo community: the organizer finds the health page from the
 * community page, reads the attendance story (act, its reason, the next step), follows the step's
 * link, and turns the monthly invitation off; the figures page too. axe on every page; a screenshot
 * of the health page lands in test/screenshots/.
 */
import path from 'node:path';
import t from 'tap';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { checkAll } from '../src/modules/vitality/vitality.check';
import { setup } from './helper';
import { freePort, launch, press, signedInPage, violations } from './browser-helper';
import { REPO } from './repo';

// The demo seed is made through the services (hundreds of calls): on a crowded machine this file needs
// more than the default three minutes; nothing in it waits on a clock.
t.setTimeout(420_000);

t.test('community health, clicked through on the demo', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await setup(t, { publicUrl: base, poolSize: 20 });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  await seedDemo(ctx.app.services, admin, () => undefined);
  await checkAll(ctx.ds); // what the daily digest job does first: the alert is raised
  const browser = await launch();
  t.teardown(() => browser.close());
  const clean = async (page: Awaited<ReturnType<typeof signedInPage>>, what: string) =>
    t.same(await violations(page), [], `${what}: no serious or critical accessibility violations`);

  const olga = await signedInPage(browser, ctx.ds, base, 'olga.organizer@example.com');
  await olga.goto(`${base}/c/${DEMO_SLUG}`);
  await press(olga, base, 'Community health', 'link');
  t.equal(await olga.locator('h1').textContent(), 'Community health');
  const cards = olga.locator('section.card h2');
  t.equal(await cards.count(), 9, 'seven indicators, the invitation, the settings');
  const attendance = olga.locator('#indicator-attendance');
  t.match(await attendance.locator('h2').textContent(), /Attendance\s*Act/);
  t.match(await attendance.textContent(), 'Attendance fell 3 meetings in a row: 9 → 8 → 6.');
  t.match(await attendance.textContent(), /Needs action since .*; the organizers were told once\./);
  await clean(olga, 'health page');
  await olga.screenshot({ path: path.join(REPO, 'test', 'screenshots', 'health.png'), fullPage: true });

  // The setting: the monthly invitation off.
  await olga.getByLabel('Send the monthly invitation to propose').uncheck();
  await press(olga, base, 'Save the settings');
  t.equal(await olga.getByRole('status').textContent(), 'Saved.');
  t.match(await olga.locator('body').textContent(), 'The monthly invitation to propose is off for this community.');
  // A threshold that contradicts its pair is refused on the page; the form comes back.
  await olga.getByLabel('% of members who came to a meeting (90 days), below which: act').fill('90');
  await press(olga, base, 'Save the settings');
  t.match(await olga.getByRole('alert').textContent(), /\(90\) must be no milder than “.*below which: watch” \(/);
  await clean(olga, 'health page with a problem');

  // The next step's link takes the organizer where the step is taken.
  await olga.goto(`${base}/c/${DEMO_SLUG}/health`);
  await attendance.getByRole('link', { name: 'Take this step' }).click();
  await olga.waitForURL(`${base}/c/${DEMO_SLUG}/wishes`);

  await olga.goto(`${base}/c/${DEMO_SLUG}/figures`);
  t.equal(await olga.locator('h1').textContent(), 'Community in figures');
  await clean(olga, 'figures page');

  // A member may not see it.
  const tom = await signedInPage(browser, ctx.ds, base, 'tom.berg@example.com');
  const res = await tom.goto(`${base}/c/${DEMO_SLUG}/health`);
  t.equal(res?.status(), 403);
});
