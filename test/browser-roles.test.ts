/**
 * Every role's week by clicking, on the seeded demo world: a speaker proposes and edits a talk; a
 * reviewer scores it; the organizer edits a call, decides proposals, creates and publishes an event,
 * schedules the talk, looks at the task board and adds a member; the speaker confirms the accepted
 * talk, sees its checklist and writes a lesson; an attendee finds the event from home, RSVPs, takes
 * its calendar links and rates last month's talk. Each role's pages are checked with axe at desktop
 * (1100 px) and phone (390 px) width; screenshots go to test/screenshots/roles-<role>{,-phone}.png.
 */
import type { Page } from 'playwright-core';
import t from 'tap';
import { DateTime } from 'luxon';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { browserWorld } from './browser-helper';

t.setTimeout(300_000);

const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

t.test('each role by clicking, on the demo', async (t) => {
  const started = Date.now();
  const { ctx, base, signedIn, press, clean, shot } = await browserWorld(t);
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  const tokens = await seedDemo(ctx.app.services, admin, () => undefined);
  const c = `/c/${DEMO_SLUG}`;
  const h1 = (page: Page) => page.locator('h1').first().textContent();

  /** The role's pages again at 390 px: each fits and is clean; the first is the phone screenshot. */
  const onPhone = async (page: Page, role: string, paths: string[]) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [i, p] of paths.entries()) {
      await page.goto(`${base}${p}`);
      t.ok(await fits(page), `${role}: ${p} fits a 390 px phone`);
      await clean(page, `${role}: ${p} on a phone`);
      if (i === 0) await shot(page, `roles-${role}-phone`);
    }
    await page.setViewportSize({ width: 1100, height: 900 });
  };

  // ---- speaker (Eva): proposes and edits ---------------------------------------------------
  const eva = await signedIn('eva.novak@example.com');
  await eva.goto(`${base}${c}`);
  await press(eva, 'Propose a talk to “Brown-bag season 2027”', 'link');
  await eva.getByLabel('Title').fill('Design tokens across three apps');
  await eva.getByLabel('Abstract').fill('One source of colours and spacing for web, iOS and Android.');
  await clean(eva, 'speaker: propose form');
  await press(eva, 'Submit');
  await eva.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
  const proposalUrl = eva.url();
  t.equal(await eva.locator('.badge').first().textContent(), 'submitted', 'the talk is submitted');
  await press(eva, 'Edit', 'link');
  await eva.getByLabel('Title').fill('Design tokens across our three apps');
  await press(eva, 'Save');
  await eva.waitForURL(proposalUrl);
  t.equal(await h1(eva), 'Design tokens across our three apps', 'the edit is kept');
  await clean(eva, 'speaker: proposal page');

  // ---- reviewer (Raj): the queue, a score -------------------------------------------------
  const raj = await signedIn('raj.reviewer@example.com');
  await raj.goto(`${base}/`);
  await raj.goto(`${base}${c}`);
  await press(raj, 'Review queue', 'link');
  t.equal(await raj.locator('article h2').first().textContent(), 'Design tokens across our three apps');
  t.notMatch(await raj.locator('main').textContent(), 'Eva Novák', 'blind review: no speaker in the queue');
  await clean(raj, 'reviewer: queue');
  await shot(raj, 'roles-reviewer');
  await raj.getByLabel('4').check();
  await raj.getByLabel('Comment').fill('A clear scope; bring the before-and-after.');
  await press(raj, 'Save review and go to the next');
  t.match(await raj.locator('main').textContent(), 'Nothing left to review');
  const reviews = await ctx.ds.query(
    `SELECT r.score FROM review r JOIN proposal p ON p.id = r.proposal_id WHERE p.title = $1`,
    ['Design tokens across our three apps'],
  );
  t.same(
    reviews.map((r: { score: number }) => r.score),
    [4],
    'the score is stored',
  );
  await onPhone(raj, 'reviewer', [`${c}/review`, proposalUrl.slice(base.length)]);

  // ---- organizer (Olga): call, decisions, event, agenda, tasks, members -------------------
  const olga = await signedIn('olga.organizer@example.com');
  await olga.goto(`${base}${c}`);
  await press(olga, 'Edit the call “Brown-bag season 2027”', 'link');
  await olga.getByLabel('Title').fill('Brown-bag season 2027 (talks welcome)');
  await clean(olga, 'organizer: edit a call');
  await press(olga, 'Save the call');
  await olga.waitForURL(`${base}${c}`);
  t.match(await olga.locator('main').textContent(), 'Brown-bag season 2027 (talks welcome)', 'the call is renamed');

  await olga.goto(`${base}${c}/proposals`);
  await olga.getByLabel('Select Design tokens across our three apps').check();
  await olga.getByLabel('Select Accessible forms, one field at a time').check();
  await olga.getByLabel('Decision for the selected proposals').selectOption('accepted');
  await clean(olga, 'organizer: proposals to decide');
  await press(olga, 'Decide the selected');
  t.match(await olga.getByRole('status').first().textContent(), '2 proposals decided.');
  await press(olga, 'Send the staged decisions');
  t.match(await olga.getByRole('status').first().textContent(), /decisions? sent/i);

  const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 45 }).toISODate();
  await olga.goto(`${base}${c}`);
  await press(olga, 'Events', 'link');
  await press(olga, 'New event', 'link');
  await olga.getByLabel('Title').fill('Frontend brown-bag');
  await olga.getByLabel('Description (optional)').fill('Tokens, forms and lunch.');
  await olga.getByLabel('Starts (Europe/Berlin)').fill(`${day}T12:00`);
  await olga.getByLabel('Ends (Europe/Berlin)').fill(`${day}T13:30`);
  await olga.getByLabel('Room', { exact: true }).selectOption({ label: 'Library corner — Building B, 3rd floor' });
  await clean(olga, 'organizer: new event');
  await press(olga, 'Create the draft');
  await olga.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const eventPath = new URL(olga.url()).pathname;
  t.match(await h1(olga), /Frontend brown-bag\s*Draft/, 'a draft');
  await press(olga, 'Publish');
  t.notMatch(await h1(olga), 'Draft', 'published');
  await olga.getByLabel('Talk').selectOption({ label: 'Accessible forms, one field at a time (5 min)' });
  await press(olga, 'Place');
  t.match(await olga.locator('main ol').first().textContent(), 'Accessible forms, one field at a time', 'scheduled');
  await clean(olga, 'organizer: event with its agenda');
  await shot(olga, 'roles-organizer');

  await olga.goto(`${base}${c}`);
  await press(olga, 'Task board', 'link');
  t.ok((await olga.locator('section.task-group').count()) > 0, 'the task board has groups');
  await clean(olga, 'organizer: task board');
  await olga.goto(`${base}${c}`);
  await press(olga, 'Members', 'link');
  await olga.getByLabel('E-mail address').fill('lucas.meyer@example.com');
  await olga.getByLabel('Name (optional)').fill('Lucas Meyer');
  await press(olga, 'Add');
  t.match(await olga.locator('main').textContent(), 'Lucas Meyer', 'a member added');
  await clean(olga, 'organizer: members');
  await onPhone(olga, 'organizer', [eventPath, `${c}/proposals`, `${c}/tasks`, `${c}/members`, `${c}/events/new`]);

  // ---- speaker (Eva): confirms the accepted talk, its checklist, a lesson -----------------
  await eva.goto(`${base}/`);
  const [accepted] = await ctx.ds.query(
    `SELECT id FROM proposal WHERE title = 'Accessible forms, one field at a time'`,
  );
  await eva.goto(`${base}/proposals/${accepted.id}`);
  t.equal(await eva.locator('.badge').first().textContent(), 'accepted');
  await press(eva, 'Confirm I will give it');
  t.equal(await eva.locator('.badge').first().textContent(), 'confirmed', 'confirmed');
  const open = await eva.getByRole('button', { name: 'Mark done' }).count();
  t.ok(open > 0, 'the checklist is there');
  await press(eva, 'Mark done');
  t.equal(await eva.getByRole('button', { name: 'Mark done' }).count(), open - 1, 'one task done');
  await clean(eva, 'speaker: checklist');
  await shot(eva, 'roles-speaker');
  const [flags] = await ctx.ds.query(`SELECT id FROM proposal WHERE title = 'Feature flags without regret'`);
  await eva.goto(`${base}/proposals/${flags.id}`);
  await press(eva, 'What did you learn?', 'link');
  await eva.getByLabel('What went well').fill('Five minutes was enough; the kill switch demo landed.');
  await clean(eva, 'speaker: lesson form');
  await press(eva, 'Publish');
  t.match(await eva.locator('main').textContent(), 'the kill switch demo landed', 'the lesson is published');
  await onPhone(eva, 'speaker', [`/proposals/${accepted.id}`, proposalUrl.slice(base.length), `${c}/propose`]);

  // ---- attendee (Tom): home, RSVP, calendar links, feedback -------------------------------
  // Tom was at last month's brown-bag (the organizer checked him in at the door).
  const [past] = await ctx.ds.query(`SELECT id FROM event WHERE title = 'Platform brown-bag: operations edition'`);
  const [tom] = await ctx.ds.query(`SELECT id FROM person WHERE email = 'tom.berg@example.com'`);
  const checkIn = await ctx.req('PUT', `/v1/events/${past.id}/rsvps/${tom.id}/check-in`, {
    token: tokens['olga.organizer@example.com'],
    body: { checkedIn: true },
  });
  t.ok(checkIn.status < 300, 'Tom was checked in');
  const attendee = await signedIn('tom.berg@example.com');
  await clean(attendee, 'attendee: home');
  await press(attendee, 'Frontend brown-bag', 'link');
  t.equal(new URL(attendee.url()).pathname, eventPath, 'the home page leads to the event');
  await press(attendee, 'I am going');
  t.match(await attendee.getByRole('status').first().textContent(), 'You are going.');
  const google = await attendee
    .getByRole('link', { name: /Google Calendar/ })
    .first()
    .getAttribute('href');
  t.match(google, /^https:\/\/calendar\.google\.com\//, 'a Google Calendar link');
  const outlook = await attendee
    .getByRole('link', { name: /Outlook/ })
    .first()
    .getAttribute('href');
  t.match(outlook, /^https:\/\/outlook\./, 'an Outlook link');
  const ics = await attendee.locator('a[href$=".ics"]').first().getAttribute('href');
  const res = await attendee.request.get(new URL(ics!, base).toString());
  t.match(await res.text(), 'SUMMARY:Frontend brown-bag', 'the one event as .ics');
  await clean(attendee, 'attendee: event page');
  await shot(attendee, 'roles-attendee');
  const [obs] = await ctx.ds.query(`SELECT id FROM proposal WHERE title = 'Observability on a budget'`);
  await attendee.goto(`${base}/talks/${obs.id}`);
  await attendee.getByRole('radio', { name: '4' }).check();
  await attendee.getByLabel('Comment (optional)').fill('The sampling rules were the useful part.');
  await press(attendee, 'Send feedback');
  t.match(await attendee.getByRole('status').first().textContent(), 'You rated this talk 4 of 5');
  await clean(attendee, 'attendee: talk with feedback');
  await onPhone(attendee, 'attendee', [eventPath, '/', `/talks/${obs.id}`]);

  t.comment(`roles took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
