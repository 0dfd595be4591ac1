/**
 * Organizing events by clicking, in Chromium: create a draft, edit it (and be refused a stale edit
 * with what was typed kept), publish, move a talk in place, move the event (the attendee gets the
 * iTIP update), cancel it with a reason; publish series occurrences one by one and all at once;
 * decide two proposals at once. Add to calendar for an attendee. axe on every page, desktop and a
 * 390 px phone; screenshots land in test/screenshots/.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { community, submitted } from './helper';
import { calendarPart } from './mail-helper';
import { browserWorld } from './browser-helper';
import { jobsIdle } from './wait';

/** Nothing wider than the screen (a phone scrolls down, never sideways). */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

t.test('an organizer runs an event by clicking', async (t) => {
  const { ctx, base, signedIn, press, clean, shot, sink } = await browserWorld(t, { mail: true });
  const c = await community(ctx, 'guild');
  const room = await ctx.req('POST', '/v1/communities/guild/rooms', {
    token: c.organizer.token,
    body: { name: 'Aula', capacity: 40, location: 'Building A' },
  });
  t.equal(room.status, 201);

  const org = await signedIn(c.organizer.email);
  await org.goto(`${base}/c/guild`);
  await press(org, 'Events', 'link');
  t.equal(await org.locator('h1').textContent(), 'Events');
  await clean(org, 'events list');
  await press(org, 'New event', 'link');
  await org.getByLabel('Title').fill('June brown-bag');
  await org.getByLabel('Description (optional)').fill('Lunch and two talks.');
  await org.getByLabel('Starts (Europe/Berlin)').fill('2027-06-10T12:00');
  await org.getByLabel('Ends (Europe/Berlin)').fill('2027-06-10T14:00');
  await org.getByLabel('Room', { exact: true }).selectOption({ label: 'Aula — Building A' });
  await clean(org, 'new event form');
  await shot(org, 'event-new');
  // Ends before it starts: refused, and what was typed stays.
  await org.getByLabel('Ends (Europe/Berlin)').fill('2027-06-10T11:00');
  await press(org, 'Create the draft');
  t.match(await org.getByRole('alert').textContent(), 'The end must come after the start.');
  t.equal(await org.getByLabel('Title').inputValue(), 'June brown-bag');
  await org.getByLabel('Ends (Europe/Berlin)').fill('2027-06-10T14:00');
  await press(org, 'Create the draft');
  await org.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = org.url();
  const eventId = eventUrl.split('/').pop()!;
  t.match(await org.locator('h1').textContent(), /June brown-bag\s*Draft/);
  const api = await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token });
  t.equal(api.body.startsAt, '2027-06-10T10:00:00.000Z', 'typed in the community zone, stored in UTC');
  t.equal(api.body.status, 'draft');
  t.equal(api.body.room.name, 'Aula');
  await clean(org, 'draft event page');
  await shot(org, 'event-draft');

  // Edit; meanwhile another organizer changes the event: the stale edit is refused, the text kept.
  await press(org, 'Edit the event', 'link');
  await org.getByLabel('Title').fill('June brown-bag: queues');
  const other = await ctx.req('PATCH', `/v1/events/${eventId}`, {
    token: c.organizer.token,
    body: { description: 'Changed elsewhere.' },
  });
  t.equal(other.status, 200);
  await press(org, 'Save changes');
  t.match(await org.getByRole('alert').textContent(), 'Someone else changed this event');
  t.equal(await org.getByLabel('Title').inputValue(), 'June brown-bag: queues', 'what was typed is kept');
  t.equal(
    (await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token })).body.title,
    'June brown-bag',
    'nothing changed',
  );
  await clean(org, 'stale edit');
  await shot(org, 'event-edit-stale');
  await press(org, 'Save changes');
  await org.waitForURL(eventUrl);
  t.match(await org.locator('h1').textContent(), 'June brown-bag: queues');

  // Publish.
  await press(org, 'Publish');
  t.notMatch(await org.locator('h1').textContent(), 'Draft');
  t.equal((await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token })).body.status, 'published');

  // Two accepted talks on the agenda (the API places them); one moves in place, then they swap.
  const talks: string[] = [];
  for (const [title, at] of [
    ['Queues in Postgres', '2027-06-10T10:00:00Z'],
    ['Outbox patterns', '2027-06-10T10:30:00Z'],
  ]) {
    const id = await submitted(ctx, c, title);
    await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
    const placed = await ctx.req('POST', `/v1/events/${eventId}/slots`, {
      token: c.organizer.token,
      body: { proposalId: id, startsAt: at },
    });
    t.equal(placed.status, 201, `${title} placed`);
    talks.push(id);
  }
  await org.goto(eventUrl);
  await org.getByLabel('New start of Outbox patterns').fill('2027-06-10T13:00');
  await press(org, 'Move Outbox patterns');
  let agenda = (await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token })).body.agenda;
  t.same(
    agenda.map((s: { title: string; startsAt: string }) => [s.title, s.startsAt]),
    [
      ['Queues in Postgres', '2027-06-10T10:00:00.000Z'],
      ['Outbox patterns', '2027-06-10T11:00:00.000Z'],
    ],
  );
  await press(org, 'Move Outbox patterns earlier');
  agenda = (await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token })).body.agenda;
  t.same(
    agenda.map((s: { title: string; startsAt: string }) => [s.title, s.startsAt]),
    [
      ['Outbox patterns', '2027-06-10T10:00:00.000Z'],
      ['Queues in Postgres', '2027-06-10T11:00:00.000Z'],
    ],
    'swapped, the gap kept',
  );
  // A slot outside the event is refused on the page, with the API's words.
  await org.getByLabel('New start of Outbox patterns').fill('2027-06-10T18:00');
  await press(org, 'Move Outbox patterns');
  t.match(await org.getByRole('alert').textContent(), 'The slot must lie inside the event');
  t.equal(
    await org.getByLabel('New start of Outbox patterns').inputValue(),
    '2027-06-10T18:00',
    'the typed start is kept',
  );
  await clean(org, 'event page with agenda tools');
  await shot(org, 'event-organizer');

  // An attendee says yes, and is told an invitation was mailed; the page offers the one event.
  const member = await signedIn(c.member.email);
  await member.goto(eventUrl);
  await press(member, 'I am going');
  t.match(
    await member
      .locator('#add-to-calendar ~ p.notice, section[aria-labelledby="add-to-calendar"] p')
      .first()
      .textContent(),
    `An invitation was mailed to ${c.member.email}`,
  );
  const google = await member.getByRole('link', { name: 'Google Calendar' }).getAttribute('href');
  t.match(google, 'dates=20270610T100000Z%2F20270610T120000Z');
  t.match(google, 'text=June+brown-bag%3A+queues');
  const outlook = await member.getByRole('link', { name: 'Outlook' }).getAttribute('href');
  t.match(outlook, 'startdt=2027-06-10T10%3A00%3A00Z');
  t.equal(await member.getByRole('button', { name: 'Move' }).count(), 0, 'no organizer tools for a member');
  await clean(member, 'event page, attendee');
  await shot(member, 'event-attendee');
  await sink.waitFor((r) => r.to.includes(c.member.email) && calendarPart(r).method === 'REQUEST');

  // Move the whole event an hour later: its talks move with it, the attendee gets the update.
  await org.goto(eventUrl);
  await org.getByLabel('New start (Europe/Berlin)').fill('2027-06-10T13:00');
  await press(org, 'Move the event');
  const moved = (await ctx.req('GET', `/v1/events/${eventId}`, { token: c.organizer.token })).body;
  t.equal(moved.startsAt, '2027-06-10T11:00:00.000Z');
  t.equal(moved.endsAt, '2027-06-10T13:00:00.000Z', 'it keeps its length');
  t.equal(moved.agenda[0].startsAt, '2027-06-10T11:00:00.000Z', 'its talks move with it');
  const [update] = await sink.waitFor(
    (r) =>
      r.to.includes(c.member.email) && /Updated/.test(r.mail.subject ?? '') && calendarPart(r).method === 'REQUEST',
  );
  t.match(calendarPart(update).ics, 'DTSTART;TZID=Europe/Berlin:20270610T130000');

  // Cancel with a reason.
  await org.getByLabel('Reason (told to everyone invited)').fill('The room flooded.');
  await press(org, 'Cancel the event');
  t.match(await org.getByRole('status').first().textContent(), 'This event was cancelled.');
  t.match(await org.locator('h1').textContent(), 'canceled');
  const [cancel] = await sink.waitFor((r) => r.to.includes(c.member.email) && calendarPart(r).method === 'CANCEL');
  t.match(cancel.mail.text ?? '', 'The room flooded.');
  await clean(org, 'canceled event');

  // On a phone.
  for (const p of [org, member]) await p.setViewportSize({ width: 390, height: 844 });
  await member.goto(eventUrl);
  t.ok(await fits(member), 'the event page fits a phone');
  await clean(member, 'event page, phone');
  await shot(member, 'event-attendee-phone');
  // A second draft, published from the organizers' list.
  const draft = await ctx.req('POST', '/v1/communities/guild/events', {
    token: c.organizer.token,
    body: { title: 'Autumn mini-conference', startsAt: '2027-09-02T08:00:00Z', endsAt: '2027-09-02T15:00:00Z' },
  });
  await org.goto(`${base}/c/guild/events`);
  t.match(await org.locator('main li', { hasText: 'Autumn mini-conference' }).textContent(), 'Draft');
  t.ok(await fits(org), 'the events list fits a phone');
  await clean(org, 'events list, phone');
  await shot(org, 'events-list-phone');
  await press(org, 'Publish Autumn mini-conference');
  t.notMatch(await org.locator('main li', { hasText: 'Autumn mini-conference' }).textContent(), 'Draft');
  t.equal((await ctx.req('GET', `/v1/events/${draft.body.id}`, { token: c.organizer.token })).body.status, 'published');
  await org.goto(`${base}/c/guild/events/new`);
  t.ok(await fits(org), 'the new event form fits a phone');
  await clean(org, 'new event form, phone');
  await shot(org, 'event-new-phone');
  await jobsIdle(ctx.ds);
});

t.test('series occurrences published by clicking, one and then all', async (t) => {
  const { ctx, base, signedIn, press, clean, shot } = await browserWorld(t);
  const c = await community(ctx, 'guild');
  const s = await ctx.req('POST', '/v1/communities/guild/series', {
    token: c.organizer.token,
    body: {
      title: 'Guild lunch',
      cadence: 'FREQ=WEEKLY;BYDAY=TH',
      startTime: '12:00',
      durationMinutes: 60,
      startsOn: '2027-03-04',
      upcoming: 3,
    },
  });
  t.equal(s.status, 201, 'the series is made');
  const org = await signedIn(c.organizer.email);
  await org.goto(`${base}/series/${s.body.id}`);
  t.equal(await org.locator('ul.coming .badge', { hasText: 'draft' }).count(), 3, 'three drafts');
  await clean(org, 'series with drafts');
  await press(org, 'Publish: 2027-03-04');
  t.match(await org.getByRole('status').textContent(), 'One event published.');
  t.equal(await org.locator('ul.coming .badge', { hasText: 'draft' }).count(), 2);
  await press(org, 'Publish all 2 drafts');
  t.match(await org.getByRole('status').textContent(), '2 events published.');
  t.equal(await org.locator('ul.coming .badge', { hasText: 'draft' }).count(), 0);
  await shot(org, 'series-published');
  await org.setViewportSize({ width: 390, height: 844 });
  t.ok(await fits(org), 'the series page fits a phone');
  await clean(org, 'series, phone');
});

t.test('two proposals decided at once', async (t) => {
  const { ctx, base, signedIn, press, clean, shot } = await browserWorld(t);
  const c = await community(ctx, 'guild');
  const a = await submitted(ctx, c, 'Indexes that help');
  const b = await submitted(ctx, c, 'Vacuum, explained');
  const kept = await submitted(ctx, c, 'Not decided yet');
  const org = await signedIn(c.organizer.email);
  await org.goto(`${base}/c/guild/proposals`);
  await org.getByLabel('Select Indexes that help').check();
  await org.getByLabel('Select Vacuum, explained').check();
  await org.getByLabel('Decision for the selected proposals').selectOption('accepted');
  await clean(org, 'proposals with checkboxes');
  await shot(org, 'proposals-decide');
  await press(org, 'Decide the selected');
  t.match(await org.getByRole('status').textContent(), '2 proposals decided.');
  for (const [id, state] of [
    [a, 'accepted'],
    [b, 'accepted'],
    [kept, 'submitted'],
  ]) {
    const p = await ctx.req('GET', `/v1/proposals/${id}`, { token: c.organizer.token });
    t.equal(p.body.state, state);
  }
  // Nothing selected: refused, nothing changes.
  await press(org, 'Decide the selected');
  t.ok(await org.getByRole('alert').isVisible());
  await org.setViewportSize({ width: 390, height: 844 });
  await org.goto(`${base}/c/guild/proposals`);
  t.ok(await fits(org), 'the proposals list fits a phone');
  await clean(org, 'proposals, phone');
  await shot(org, 'proposals-decide-phone');
});
