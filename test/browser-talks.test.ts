/**
 * Feedback, calls and the task board in Chromium: an attendee rates a past talk on its page and
 * changes the rating, its speaker and the organizers read the summary; with two calls open the
 * speaker chooses one; the organizer opens and edits a call by page ("open until" a day is the end
 * of that day in the community's zone, and the page says so with the zone); the task board groups
 * tasks and a given talk's preparation is "after the talk", not overdue. axe on every page, desktop
 * and a 390 px phone; screenshots into test/screenshots/.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { community, submitted } from './helper';
import { browserWorld, press } from './browser-helper';

t.test('feedback, calls and the task board, clicked through', async (t) => {
  const { ctx, base, signedIn, clean, shot } = await browserWorld(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const phone = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    t.ok(wide <= 390, `${name} fits a 390 px phone (${wide} px)`);
    await clean(page, `${name} (phone)`);
    await shot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1100, height: 900 });
  };

  // A talk given last January, with the member checked in at the door.
  const talk = await submitted(ctx, c, 'Lessons from a year of on-call');
  await req('POST', `/v1/proposals/${talk}/transitions`, { token: org, body: { to: 'accepted' } });
  const ev = await req('POST', '/v1/communities/guild/events', {
    token: org,
    body: { title: 'January brown-bag', startsAt: '2026-01-15T11:00:00Z', endsAt: '2026-01-15T12:00:00Z' },
  });
  await req('PATCH', `/v1/events/${ev.body.id}`, { token: org, body: { status: 'published' } });
  await req('POST', `/v1/events/${ev.body.id}/slots`, {
    token: org,
    body: { proposalId: talk, startsAt: '2026-01-15T11:00:00Z' },
  });
  await req('PUT', `/v1/events/${ev.body.id}/rsvps/${c.member.id}/check-in`, {
    token: org,
    body: { checkedIn: true },
  });

  // ---- feedback ----------------------------------------------------------------------------
  const member = await signedIn(c.member.email);
  await member.goto(`${base}/talks/${talk}`);
  t.equal(await member.getByRole('heading', { name: 'Your feedback on this talk' }).count(), 1);
  await clean(member, 'talk page with the feedback form');
  await member.getByRole('radio', { name: '4' }).check();
  await member.getByLabel('Comment (optional)').fill('Clear, and the runbook slide was gold.');
  await press(member, base, 'Send feedback');
  t.match(await member.getByRole('status').textContent(), 'You rated this talk 4 of 5');
  const mine = await req('GET', `/v1/proposals/${talk}/feedback/me`, { token: c.member.token });
  t.match(mine.body, { rating: 4, comment: 'Clear, and the runbook slide was gold.' }, 'the API sees the same');
  // Changed later: the form holds the rating given.
  t.ok(await member.getByRole('radio', { name: '4' }).isChecked());
  await member.getByRole('radio', { name: '5' }).check();
  await press(member, base, 'Change my feedback');
  t.match(await member.getByRole('status').textContent(), 'You rated this talk 5 of 5');
  await shot(member, 'talk-feedback');
  await phone(member, 'talk-feedback');

  // Its speaker rates nothing but reads the summary, without names; a reviewer who was not there sees neither.
  const speaker = await signedIn(c.speaker.email);
  await speaker.goto(`${base}/talks/${talk}`);
  t.equal(await speaker.getByRole('button', { name: 'Send feedback' }).count(), 0, 'no form for its speaker');
  const summary = speaker.locator('section[aria-labelledby="feedback-summary"]');
  t.match(await summary.textContent(), 'One rating, 5 of 5 on average');
  t.match(await summary.textContent(), 'the runbook slide was gold');
  t.notMatch(await summary.textContent(), 'Max Member', 'without names');
  await clean(speaker, 'talk page with the feedback summary');
  await shot(speaker, 'talk-feedback-summary');
  const reviewer = await signedIn(c.reviewer.email);
  await reviewer.goto(`${base}/talks/${talk}`);
  t.equal(await reviewer.locator('#feedback, #feedback-summary').count(), 0, 'nothing for someone who was not there');

  // ---- calls -------------------------------------------------------------------------------
  const organizer = await signedIn(c.organizer.email);
  await organizer.goto(`${base}/c/guild/calls/new`);
  await clean(organizer, 'new call');
  await organizer.getByLabel('Title').fill('Autumn lightning');
  await organizer
    .getByLabel('Open until the end of this day (Europe/Berlin); leave empty for a rolling call')
    .fill('2099-03-01');
  await organizer.getByLabel('Formats, one per line: key, name, minutes').fill('lightning, Lightning talk, 5');
  await press(organizer, base, 'Open the call');
  const calls = (await req('GET', '/v1/communities/guild/calls', { token: org })).body.items as {
    id: string;
    title: string;
    closesAt: string | null;
  }[];
  const autumn = calls.find((x) => x.title === 'Autumn lightning')!;
  t.equal(
    autumn.closesAt,
    '2099-03-01T23:00:00.000Z',
    'open until the end of 1 March in Berlin: closes at its midnight',
  );
  const home = await organizer.locator('#call + ul').textContent();
  t.match(home, 'Talks 2026', 'both open calls are listed');
  t.match(home, /Autumn lightning\s*Open until Mar 1, 2099, 11:59\sPM \(Europe\/Berlin\)/, 'said with the zone');

  // The speaker chooses among the two.
  await speaker.goto(`${base}/c/guild`);
  await press(speaker, base, 'Propose a talk to “Autumn lightning”', 'link');
  t.match(await speaker.locator('main').textContent(), 'For the call “Autumn lightning”');
  t.same(await speaker.locator('#format option').allTextContents(), ['Lightning talk (5 min)']);
  await press(speaker, base, 'Choose another call', 'link');
  t.equal(await speaker.locator('h1').textContent(), 'Which call is your talk for?');
  await clean(speaker, 'choose a call');
  await phone(speaker, 'choose-call');
  await press(speaker, base, 'Propose a talk to “Autumn lightning”', 'link');
  await speaker.getByLabel('Title').fill('Five minutes of pg_stat_statements');
  await speaker.getByLabel('Abstract').fill('What to look at first.');
  await press(speaker, base, 'Submit');
  const proposalId = new URL(speaker.url()).pathname.split('/')[2];
  const p = await req('GET', `/v1/proposals/${proposalId}`, { token: c.speaker.token });
  t.equal(p.body.callId, autumn.id, 'filed under the call chosen');

  // The organizer edits the call by page; an unchanged day keeps its instant.
  await organizer.goto(`${base}/c/guild`);
  await press(organizer, base, 'Edit the call “Autumn lightning”', 'link');
  await clean(organizer, 'edit a call');
  const closes = organizer.getByLabel('Open until the end of this day (Europe/Berlin); leave empty for a rolling call');
  t.equal(await closes.inputValue(), '2099-03-01', 'the day it is open until, not the day after');
  await organizer.getByLabel('Title').fill('Autumn lightning talks');
  await closes.fill('2099-03-15');
  await press(organizer, base, 'Save the call');
  const edited = (await req('GET', `/v1/calls/${autumn.id}`, { token: org })).body;
  t.match(edited, { title: 'Autumn lightning talks', closesAt: '2099-03-15T23:00:00.000Z' });
  t.equal(edited.opensAt, (calls.find((x) => x.id === autumn.id) as unknown as { opensAt: string }).opensAt);
  await shot(organizer, 'community-calls');
  await phone(organizer, 'community-calls');

  // ---- the task board ----------------------------------------------------------------------
  // Another talk, accepted but not yet on an agenda: its tasks have no dates yet.
  const later = await submitted(ctx, c, 'Zero-downtime migrations');
  await req('POST', `/v1/proposals/${later}/transitions`, { token: org, body: { to: 'accepted' } });
  await organizer.goto(`${base}/c/guild/tasks`);
  await clean(organizer, 'task board by talk');
  const given = organizer.locator('section.task-group', {
    has: organizer.getByRole('link', { name: 'Lessons from a year of on-call' }),
  });
  const afterTalk = await given.locator('.badge', { hasText: 'after the talk' }).count();
  t.ok(afterTalk >= 5, `the given talk's preparation is "after the talk" (${afterTalk})`);
  t.equal(await given.locator('.badge', { hasText: 'overdue' }).count(), 1, 'only its follow-up is overdue');
  await shot(organizer, 'task-board');
  await organizer.getByLabel('Group by').selectOption('due');
  await press(organizer, base, 'Show');
  const headings = await organizer.locator('section.task-group h2').allTextContents();
  t.match(headings, [/^Overdue/, /^No due date yet/, /^After the talk/]);
  await clean(organizer, 'task board by due date');
  await press(organizer, base, 'Mark done');
  t.match(await organizer.locator('details.closed summary').textContent(), 'One task done or skipped');
  t.equal(await organizer.locator('details.closed').getAttribute('open'), null, 'folded away');
  await phone(organizer, 'task-board');

  // The API says the same.
  const board = await req('GET', '/v1/communities/guild/tasks?afterTalk=true', { token: org });
  t.equal(board.body.items.length, afterTalk, 'the API lists the same tasks after the talk');
  t.ok(board.body.items.every((x: { overdue: boolean; afterTalk: boolean }) => x.afterTalk && !x.overdue));
});
