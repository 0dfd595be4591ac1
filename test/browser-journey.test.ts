/**
 * The whole life of a talk, clicked through in Chromium (playwright-core on @sparticuz/chromium,
 * or CHROMIUM_PATH): a speaker signs in by e-mail link, drafts and submits; a reviewer scores it
 * blind; the organizer accepts, sends the decision and schedules it; the speaker confirms and ticks
 * a task; a colleague RSVPs and subscribes (the feed is fetched and parsed); after the talk the
 * speaker writes the lesson and search finds it. A refused action keeps the form. axe checks every
 * page (no serious or critical violation); screenshots of the main pages land in test/screenshots/.
 */
import * as icalModule from 'ical.js';
import type { Page } from 'playwright-core';
import t from 'tap';
import { community } from './helper';
import { browserWorld } from './browser-helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

t.test('the life of a talk, in a real browser', async (t) => {
  const started = Date.now();
  const { ctx, base, browser, sink, signedIn, press, clean, shot } = await browserWorld(t, { mail: true });
  const c = await community(ctx, 'guild', { blindReview: true });
  const room = await ctx.req('POST', '/v1/communities/guild/rooms', {
    token: c.organizer.token,
    body: { name: 'Aula', capacity: 30, location: 'Building A' },
  });
  const soon = new Date(Date.now() + 7 * 86_400_000);
  soon.setUTCHours(11, 0, 0, 0);
  const ev = await ctx.req('POST', '/v1/communities/guild/events', {
    token: c.organizer.token,
    body: {
      title: 'Guild brown-bag',
      startsAt: soon.toISOString(),
      endsAt: new Date(soon.getTime() + 2 * 3_600_000).toISOString(),
      roomId: room.body.id,
      timeZone: 'Europe/Berlin',
    },
  });
  await ctx.req('PATCH', `/v1/events/${ev.body.id}`, { token: c.organizer.token, body: { status: 'published' } });
  const eventId = ev.body.id as string;

  const checked = async (page: Page, what: string, name?: string) => {
    await clean(page, what);
    if (name) await shot(page, name);
  };
  const h1 = (page: Page) => page.locator('h1').first().textContent();

  // 1. The speaker signs in by e-mail link and proposes a talk.
  const speaker = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  await speaker.goto(`${base}/c/guild`);
  t.equal(new URL(speaker.url()).pathname, '/sign-in', 'an internal community asks who you are');
  await speaker.getByLabel('Work e-mail address').fill(c.speaker.email);
  await press(speaker, 'Send me a sign-in link');
  await speaker.waitForURL(`${base}/sign-in/sent`);
  const [mail] = await sink.waitFor((r) => r.to.includes(c.speaker.email) && /sign-in link/.test(r.mail.subject ?? ''));
  await speaker.goto(/http:\/\/127\.0\.0\.1:\d+\/sign-in\/link\?token=[\w%-]+/.exec(mail.mail.text ?? '')![0]);
  await press(speaker, 'Continue');
  await speaker.waitForURL(`${base}/c/guild`);
  await checked(speaker, 'community home', 'community');
  await press(speaker, 'Propose a talk', 'link');
  await speaker.getByLabel('Title').fill('Zero-downtime migrations');
  await speaker.getByLabel('Abstract').fill('How we ship schema changes without waking anyone up.');
  await checked(speaker, 'propose form', 'propose');
  await press(speaker, 'Save draft');
  const proposalUrl = speaker.url();
  const proposalId = proposalUrl.split('/').pop()!;
  t.equal(await speaker.locator('.badge').first().textContent(), 'draft');

  // A refused action shows the API's words and keeps what was typed: the call closes meanwhile.
  await press(speaker, 'Edit', 'link');
  await speaker.getByLabel('Title').fill('Zero-downtime migrations, for real');
  await ctx.req('PATCH', `/v1/calls/${c.callId}`, {
    token: c.organizer.token,
    body: { opensAt: '2020-01-01T00:00:00Z', closesAt: '2020-02-01T00:00:00Z' },
  });
  await press(speaker, 'Save');
  await press(speaker, 'Submit');
  t.match(
    await speaker.getByRole('alert').textContent(),
    /This call for proposals closed .*2020/,
    "the refusal, in the reader's words, with the closing time",
  );
  t.equal(await speaker.locator('.badge').first().textContent(), 'draft', 'and nothing changed');
  await ctx.req('PATCH', `/v1/calls/${c.callId}`, { token: c.organizer.token, body: { closesAt: null } });
  await press(speaker, 'Submit');
  t.equal(await speaker.locator('.badge').first().textContent(), 'submitted');
  t.equal(await h1(speaker), 'Zero-downtime migrations, for real', 'the edit was kept');
  await checked(speaker, 'proposal page (speaker)');

  // 2. The reviewer scores it, blind.
  const reviewer = await signedIn(c.reviewer.email);
  await reviewer.goto(`${base}/c/guild/review`);
  t.equal(await reviewer.locator('article h2').textContent(), 'Zero-downtime migrations, for real');
  t.notMatch(await reviewer.locator('main').textContent(), 'Sam Speaker', 'blind review: no speaker in the queue');
  await checked(reviewer, 'review queue', 'review-queue');
  await reviewer.getByLabel('4').check();
  await reviewer.getByLabel('Comment').fill('Clear and useful.');
  await press(reviewer, 'Save review and go to the next');
  t.match(await reviewer.locator('main').textContent(), 'Nothing left to review');
  await reviewer.goto(proposalUrl);
  t.notMatch(await reviewer.locator('main').textContent(), 'Sam Speaker', 'blind review: nor on the proposal page');
  t.match(await reviewer.locator('main').textContent(), 'Speakers are hidden');

  // 3. The organizer accepts, sends the decision, and schedules the talk.
  const organizer = await signedIn(c.organizer.email);
  await organizer.goto(`${base}/c/guild/proposals?sort=-meanScore`);
  await checked(organizer, 'proposals table', 'proposals');
  await press(organizer, 'Zero-downtime migrations, for real', 'link');
  t.match(await organizer.locator('main').textContent(), 'Sam Speaker', 'organizers see who proposed');
  await press(organizer, 'Accept');
  t.equal(await organizer.locator('.badge').first().textContent(), 'accepted');
  await organizer.goto(`${base}/c/guild/proposals`);
  await press(organizer, 'Send the staged decisions');
  t.match(await organizer.getByRole('status').textContent(), 'One decision sent.');
  await sink.waitFor((r) => r.to.includes(c.speaker.email) && /Accepted/.test(r.mail.subject ?? ''));
  await organizer.goto(`${base}/events/${eventId}`);
  await organizer.getByLabel('Talk').selectOption({ label: 'Zero-downtime migrations, for real (30 min)' });
  await press(organizer, 'Place');
  t.match(await organizer.locator('main ol').textContent(), 'Zero-downtime migrations, for real');
  await checked(organizer, 'event page (organizer)');

  // 4. The speaker confirms and ticks a task.
  await speaker.goto(proposalUrl);
  await press(speaker, 'Confirm I will give it');
  t.equal(await speaker.locator('.badge').first().textContent(), 'confirmed');
  const open = await speaker.getByRole('button', { name: 'Mark done' }).count();
  t.ok(open > 0, 'the checklist is there');
  await press(speaker, 'Mark done');
  t.equal(await speaker.getByRole('button', { name: 'Mark done' }).count(), open - 1, 'one task done');
  await checked(speaker, 'proposal page with checklist', 'proposal');

  // 5. A colleague RSVPs and subscribes; the feed is fetched and parsed.
  const colleague = await signedIn(c.member.email);
  await colleague.goto(`${base}/events/${eventId}`);
  await press(colleague, 'I am going');
  t.match(await colleague.getByRole('status').first().textContent(), 'You are going.');
  await checked(colleague, 'event page', 'event');
  await colleague.goto(`${base}/c/guild`);
  await press(colleague, 'Make my personal calendar address');
  const feedUrl = await colleague.locator('#feed-url').inputValue();
  const feed = await fetch(feedUrl);
  t.equal(feed.status, 200);
  const vevents = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
  t.ok(
    vevents.some((v) => v.getFirstPropertyValue('summary') === 'Guild brown-bag'),
    'the event is on the calendar',
  );
  t.ok(
    vevents.some((v) => String(v.getFirstPropertyValue('summary')).includes('Zero-downtime migrations')),
    'and so is the talk',
  );

  // 6. After the talk: the speaker writes the lesson; search finds it.
  await ctx.ds.query(
    `UPDATE event SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE id = $1`,
    [eventId],
  );
  await ctx.ds.query(
    `UPDATE slot SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE event_id = $1`,
    [eventId],
  );
  await speaker.goto(proposalUrl);
  await press(speaker, 'What did you learn?', 'link');
  await speaker.getByLabel('Takeaways (one per line)').fill('Expand, migrate, contract\nBackfill in batches');
  await speaker.getByLabel('What went well').fill('The live demo of a lock queue.');
  await checked(speaker, 'lesson form', 'lesson');
  await press(speaker, 'Publish');
  t.match(await speaker.locator('main').textContent(), 'What the speakers learned', 'the talk page shows the lesson');
  t.match(await speaker.locator('main').textContent(), 'Backfill in batches');
  await colleague.goto(`${base}/lessons?q=backfill`);
  t.match(
    await colleague.locator('.hits').textContent(),
    'Zero-downtime migrations, for real',
    'search finds the lesson',
  );
  t.match(await colleague.locator('.hits mark').first().textContent(), /backfill/i, 'with the words found marked');
  await checked(colleague, 'lessons search', 'lessons');
  await press(colleague, 'Zero-downtime migrations, for real', 'link');
  t.match(colleague.url(), /\/talks\/[0-9a-f-]{36}$/, 'a hit opens the talk page');
  t.match(await colleague.locator('main').textContent(), 'Expand, migrate, contract', 'with what the speakers learned');
  await checked(colleague, 'talk page', 'talk');

  t.comment(`journey took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  void proposalId;
});
