/**
 * The rest of the web app in Chromium: nominating a colleague (who signs in from the mail and
 * accepts into a draft), accepting an invitation to co-present, a personal calendar address (fetched and parsed), and the organizer's
 * task board, check-in at the door and figures. axe on every page.
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { community, eventWithTalk } from './helper';
import { browserWorld, press } from './browser-helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

t.test('nominations, my calendar, and the organizer pages', async (t) => {
  const { ctx, base, browser, sink, signedIn, clean, shot } = await browserWorld(t, { mail: true });
  const c = await community(ctx, 'guild');
  const { eventId, talkId } = await eventWithTalk(ctx, c);
  await ctx.req('POST', `/v1/events/${eventId}/slots`, {
    token: c.organizer.token,
    body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
  });
  await ctx.req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });

  // A member nominates a colleague, who signs in from the mail and accepts into a draft.
  const member = await signedIn(c.member.email);
  await member.goto(`${base}/c/guild`);
  await press(member, base, 'Nominate a colleague', 'link');
  await member.getByLabel("Colleague's e-mail address").fill('quinn@guild.example');
  await member.getByLabel("Colleague's name (if Brownbag does not know them yet)").fill('Quinn Expert');
  await member.getByLabel('Topic').fill('Payments at scale');
  await member.getByLabel('Why them (goes into the mail)').fill('Quinn untangled our ledger.');
  await clean(member, 'nominate form');
  await press(member, base, 'Send the nomination');
  t.match(await member.getByRole('status').textContent(), 'Thank you!');
  const [mail] = await sink.waitFor((r) => r.to.includes('quinn@guild.example'));
  const link = /http:\/\/127\.0\.0\.1:\d+\/sign-in\/link\?token=[\w%-]+/.exec(mail.mail.text ?? '')![0];
  const quinn = await (await browser.newContext()).newPage();
  await quinn.goto(link);
  await quinn.getByRole('button', { name: 'Continue' }).click();
  await quinn.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
  t.equal(await quinn.locator('h1').textContent(), 'Payments at scale');
  await clean(quinn, 'nomination page');
  await press(quinn, base, 'Accept and start a draft');
  t.match(quinn.url(), /\/proposals\/[0-9a-f-]{36}\/edit$/, 'the draft opens to be shaped');
  t.equal(await quinn.getByLabel('Title').inputValue(), 'Payments at scale');

  // Asked to co-present: the reviewer reads the proposal and says yes by clicking.
  const asked = await ctx.req('POST', '/v1/communities/guild/proposals', {
    token: c.speaker.token,
    body: { callId: c.callId, title: 'Pairing on incidents', format: 'talk', coSpeakers: [c.reviewer.email] },
  });
  const reviewer = await signedIn(c.reviewer.email);
  await reviewer.goto(`${base}/proposals/${asked.body.id}`);
  t.equal(await reviewer.getByRole('heading', { level: 2, name: 'You are asked to co-present' }).count(), 1);
  await clean(reviewer, 'an invitation to co-present');
  await shot(reviewer, 'co-present');
  await press(reviewer, base, 'Accept and co-present');
  t.match(await reviewer.getByRole('region', { name: 'Speakers' }).textContent(), 'Rita Reviewer', 'a speaker now');
  t.equal(await reviewer.getByRole('button', { name: 'Accept and co-present' }).count(), 0);

  // My calendar: an address, fetched and parsed.
  await member.goto(`${base}/me/calendar`);
  await press(member, base, 'Make a calendar address');
  const feedUrl = await member.locator('#feed-url').inputValue();
  await clean(member, 'my calendar');
  const feed = await fetch(feedUrl);
  t.equal(feed.status, 200);
  const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
  t.ok(
    events.some((v) => v.getFirstPropertyValue('summary') === 'June brown-bag'),
    'the event I go to',
  );
  // A reminder 30 minutes before: the feed's entries carry the alarm.
  await member.getByLabel('Remind me').selectOption('30');
  await press(member, base, 'Save');
  t.equal(await member.getByLabel('Remind me').inputValue(), '30', 'kept');
  await clean(member, 'my calendar, with a reminder');
  const reminded = new ICAL.Component(ICAL.parse(await (await fetch(feedUrl)).text())).getAllSubcomponents('vevent');
  t.same(
    reminded.map((v) => String(v.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger'))),
    reminded.map(() => '-PT30M'),
  );

  // The organizer: task board, check-in, figures.
  const organizer = await signedIn(c.organizer.email);
  await organizer.goto(`${base}/c/guild/tasks`);
  await clean(organizer, 'task board');
  const open = await organizer.getByRole('button', { name: 'Mark done' }).count();
  t.ok(open > 0);
  await press(organizer, base, 'Mark done');
  t.equal(new URL(organizer.url()).pathname, '/c/guild/tasks', 'back on the board');
  t.equal(await organizer.getByRole('button', { name: 'Mark done' }).count(), open - 1);
  await organizer.getByLabel('Assignee').first().selectOption({ label: 'Olga Organizer' });
  await press(organizer, base, 'Assign');
  t.equal(new URL(organizer.url()).pathname, '/c/guild/tasks', 'reassigned on the board');
  t.equal(await organizer.getByLabel('Assignee').first().locator('option:checked').textContent(), 'Olga Organizer');
  await organizer.goto(`${base}/events/${eventId}/attendees`);
  await clean(organizer, 'attendees');
  await press(organizer, base, 'Check in');
  t.match(await organizer.locator('main').textContent(), 'checked in: 1');
  await organizer.goto(`${base}/c/guild/figures`);
  await clean(organizer, 'figures');
  t.ok(await organizer.locator('svg[role=img]').count(), 'charts are drawn');
  const csv = await fetch(
    `${base}${await organizer.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')}`,
    {
      headers: { cookie: (await organizer.context().cookies()).map((k) => `${k.name}=${k.value}`).join('; ') },
    },
  );
  t.match(await csv.text(), /^bucket,proposalsSubmitted/);

  // Opening a call from the page; a bad format line is refused and the form kept.
  await organizer.goto(`${base}/c/guild/calls/new`);
  await organizer.getByLabel('Title').fill('Autumn season');
  await organizer.getByLabel('Formats, one per line: key, name, minutes').fill('Talk!, Talk, 30');
  await press(organizer, base, 'Open the call');
  t.match(await organizer.getByRole('alert').textContent(), 'Write each format as');
  t.equal(await organizer.getByLabel('Title').inputValue(), 'Autumn season', 'what was typed is kept');
  await organizer.getByLabel('Formats, one per line: key, name, minutes').fill('talk, Talk, 30');
  await clean(organizer, 'call set-up');
  await press(organizer, base, 'Open the call');
  t.equal(new URL(organizer.url()).pathname, '/c/guild');
  t.match(await organizer.locator('main').textContent(), 'Autumn season', 'the new call is open');

  // The agenda: take a talk off it again.
  await organizer.goto(`${base}/events/${eventId}`);
  await press(organizer, base, 'Take off the agenda');
  t.match(await organizer.locator('main').textContent(), 'No talks on the agenda yet.');

  // The organizing team: name a role held by Olga, then hand it to nobody and back.
  await organizer.goto(`${base}/c/guild`);
  await press(organizer, base, 'Organizing team', 'link');
  await organizer.getByLabel('Role', { exact: true }).fill('Community ambassador');
  await organizer.getByLabel('Held by').selectOption({ label: 'Olga Organizer' });
  await press(organizer, base, 'Add the role');
  t.match(await organizer.locator('main ul.list').textContent(), 'Community ambassador — Olga Organizer');
  await clean(organizer, 'organizing team');
  await organizer.getByLabel('Community ambassador: hand over to').selectOption({ label: 'nobody' });
  await press(organizer, base, 'Hand over: Community ambassador');
  t.match(await organizer.getByRole('status').textContent(), 'Community ambassador handed over');
  t.match(await organizer.locator('main ul.list').textContent(), 'Community ambassador — nobody');

  // A page that does not exist is a page.
  const missing = await organizer.goto(`${base}/no/such/page`);
  t.equal(missing?.status(), 404);
  t.equal(await organizer.locator('h1').textContent(), 'Not found');
});
