/**
 * Meetup series in Chromium: an organizer starts a series from the form, skips an occurrence,
 * changes the cadence and ends it; a member sees it without the organizer's forms. axe on every
 * page; a screenshot of the series lands in test/screenshots/.
 */
import t from 'tap';
import { community, submitted } from './helper';
import { browserWorld, press } from './browser-helper';

t.test('a meetup series, clicked through', async (t) => {
  const { ctx, base, signedIn, clean, shot } = await browserWorld(t);
  const c = await community(ctx, 'guild');

  const org = await signedIn(c.organizer.email);
  await org.goto(`${base}/c/guild`);
  await press(org, base, 'Meetup series', 'link');
  t.equal(await org.locator('h1').textContent(), 'Meetup series');
  await org.getByLabel('Title').fill('Guild lunch');
  await org.getByLabel('Meets').selectOption('biweekly');
  await org.getByLabel('On', { exact: true }).selectOption('TH');
  await org.getByLabel('Starts at (local time)').fill('12:00');
  await org.getByLabel('Minutes').fill('60');
  await org.getByLabel('From', { exact: true }).fill('2027-03-04');
  await org.getByLabel('Format mix per meeting (optional), e.g. talk: 2, lightning: 3').fill('talk: 2, lightning: 3');
  await clean(org, 'series list');
  await press(org, base, 'Start the series');
  await org.waitForURL(/\/series\/[0-9a-f-]{36}$/);
  const seriesUrl = org.url();
  t.equal(await org.locator('h1').textContent(), 'Guild lunch');
  t.match(
    await org.locator('main > p').nth(1).textContent(),
    'every second week on Thursday, 12:00 (60 min, Europe/Berlin)',
  );
  const coming = org.locator('ul.coming > li');
  t.equal(await coming.count(), 6, 'six upcoming occurrences');
  t.match(await coming.nth(0).textContent(), /Mar 4, 2027, 12:00 PM/);
  t.match(await coming.nth(2).textContent(), /Apr 1, 2027, 12:00 PM/, 'still 12:00 after the DST change');
  await clean(org, 'series page');

  // The backlog fills it: an accepted talk is proposed for the first occurrence; one click places it.
  const talk = await submitted(ctx, c, 'Queues in Postgres');
  await ctx.req('POST', `/v1/proposals/${talk}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  await org.goto(seriesUrl);
  t.match(await org.locator('section[aria-labelledby="backlog"]').textContent(), '2027-03-04: Queues in Postgres');
  await clean(org, 'series page with a backlog plan');
  await press(org, base, 'Put them on the agenda: 2027-03-04');
  t.match(await org.getByRole('status').textContent(), 'One talk placed.');
  t.notMatch(await coming.nth(0).textContent(), 'no talks yet');

  // A holiday: skip 18 March.
  await press(org, base, 'Skip: 2027-03-18');
  t.match(await org.getByRole('status').textContent(), 'Done: 0 moved, 1 removed or canceled.');
  t.notMatch(await coming.nth(1).textContent(), /Mar 18/);
  t.match(await org.locator('section[aria-labelledby="coming"]').textContent(), /Skipped.*2027-03-18/s);
  await shot(org, 'series');

  // From 1 April, monthly on the first Tuesday at 17:00.
  await org.getByLabel('From (the first day of the new cadence)').fill('2027-04-01');
  await org.locator('#change-every').selectOption('monthly-1');
  await org.locator('#change-weekday').selectOption('TU');
  await org.locator('#change-time').fill('17:00');
  await press(org, base, 'Change the cadence', 'button');
  t.match(await org.locator('main > p').nth(1).textContent(), 'monthly, on the first Tuesday, 17:00');
  t.match(await coming.nth(1).textContent(), /Apr 6, 2027, 05:00 PM/);
  await clean(org, 'after a cadence change');

  // A bad cadence is refused with the reason, and nothing changes.
  await org.getByLabel('From (the first day of the new cadence)').fill('2027-05-01');
  await org.locator('#change-rrule').fill('FREQ=HOURLY');
  await press(org, base, 'Change the cadence', 'button');
  t.match(await org.getByRole('alert').textContent(), 'FREQ=DAILY, WEEKLY, MONTHLY or YEARLY');

  // A member sees the series, without the organizer's forms.
  const member = await signedIn(c.member.email);
  await member.goto(seriesUrl);
  t.equal(await member.locator('h1').textContent(), 'Guild lunch');
  t.equal(await member.getByRole('button', { name: 'Change the cadence' }).count(), 0);
  await clean(member, 'series page, member');

  await org.getByLabel('Last day it meets').fill('2027-04-30');
  await press(org, base, 'End the series', 'button');
  t.match(await org.locator('main > p').nth(1).textContent(), 'ends 2027-04-30');
  t.equal(await coming.count(), 2, 'two left: 4 March and 6 April');
});
