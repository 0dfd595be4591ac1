/**
 * Every page kind on a 390 × 844 phone: nothing is wider than the screen (the document does not
 * scroll sideways) and axe finds no serious or critical violation. The world has long titles with
 * long words, tables with rows (proposals, tasks, deliveries, thresholds) and every role's pages.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { community, eventWithTalk, submitted } from './helper';
import { browserWorld, violations } from './browser-helper';
import { REPO } from './repo';
import path_ from 'node:path';
import { createSignInLink } from '../src/modules/auth/links';

/** The pages that were wider than a phone before (issue #27), kept as screenshots. */
const SHOTS: Record<string, string> = {
  'organizer /c/guild/proposals': 'phone-proposals',
  'organizer /c/guild/tasks': 'phone-tasks',
  'organizer /c/guild/announcements': 'phone-announcements',
};

const LONG = 'Observability-pipelines-with-OpenTelemetry-collectors-everywhere-and-nowhere';

t.test('every page fits a 390 px phone', async (t) => {
  const { ctx, base, browser } = await browserWorld(t, { settings: { destinationsAllow: ['127.0.0.1'] } });
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  await ctx.req('POST', '/v1/communities/guild/destinations', {
    token: org,
    body: {
      name: '#guild-announcements-channel',
      kind: 'slack',
      url: 'http://127.0.0.1:9/services/T1/B2/abcd',
      happenings: ['event.published'],
    },
  });
  const { eventId, talkId } = await eventWithTalk(ctx, c, { title: `June brown-bag: ${LONG}` });
  await ctx.req('POST', `/v1/events/${eventId}/slots`, {
    token: org,
    body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
  });
  await ctx.req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  const long = await submitted(ctx, c, `A talk about ${LONG} for the whole company`);
  await submitted(ctx, c, 'Indexes');
  const wish = await ctx.req('POST', '/v1/communities/guild/wishes', {
    token: c.member.token,
    body: { title: `Wish: ${LONG}`, details: LONG },
  });
  const nomination = await ctx.req('POST', '/v1/communities/guild/nominations', {
    token: c.member.token,
    body: { email: c.speaker.email, topic: `Topic ${LONG}` },
  });
  const series = await ctx.req('POST', '/v1/communities/guild/series', {
    token: org,
    body: {
      title: 'Guild meetup',
      cadence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
      startsOn: '2027-03-04',
      startTime: '12:00',
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
    },
  });
  t.equal(series.status, 201, 'a series');

  const phone = async (email: string | null): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    if (email) {
      await page.goto(await createSignInLink(ctx.ds, base, email, '/', 60));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(`${base}/`);
    }
    return page;
  };
  const as = {
    organizer: await phone(c.organizer.email),
    reviewer: await phone(c.reviewer.email),
    speaker: await phone(c.speaker.email),
    member: await phone(c.member.email),
    guest: await phone(null),
  };
  const pages: [keyof typeof as, string][] = [
    ['organizer', '/'],
    ['speaker', '/'],
    ['organizer', '/c/guild'],
    ['organizer', '/c/guild/proposals'],
    ['speaker', '/c/guild/proposals'],
    ['reviewer', '/c/guild/review'],
    ['organizer', '/c/guild/tasks'],
    ['organizer', '/c/guild/figures'],
    ['organizer', '/c/guild/health'],
    ['organizer', '/c/guild/announcements'],
    ['organizer', '/c/guild/series'],
    ['organizer', `/series/${series.body.id}`],
    ['organizer', '/c/guild/team'],
    ['organizer', '/c/guild/calls/new'],
    ['member', '/c/guild/wishes'],
    ['member', `/wishes/${wish.body.id}`],
    ['member', '/c/guild/nominate'],
    ['member', '/nominations'],
    ['speaker', `/nominations/${nomination.body.id}`],
    ['speaker', '/c/guild/propose'],
    ['speaker', `/proposals/${talkId}`],
    ['speaker', `/proposals/${long}`],
    ['speaker', `/proposals/${long}/edit`],
    ['organizer', `/proposals/${talkId}`],
    ['member', `/talks/${talkId}`],
    ['member', `/events/${eventId}`],
    ['organizer', `/events/${eventId}/attendees`],
    ['member', '/me/calendar'],
    ['member', '/lessons'],
    ['member', '/lessons?q=observability'],
    ['guest', '/sign-in'],
  ];
  const wide: string[] = [];
  const bad: string[] = [];
  for (const [who, path] of pages) {
    const page = as[who];
    const res = await page.goto(`${base}${path}`);
    t.ok(res && res.status() < 400, `${who} ${path}: ${res?.status()}`);
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    if (width > 390) wide.push(`${who} ${path}: ${width} px`);
    for (const v of await violations(page)) bad.push(`${who} ${path}: ${v}`);
    const shot = SHOTS[`${who} ${path}`];
    if (shot) await page.screenshot({ path: path_.join(REPO, 'test', 'screenshots', `${shot}.png`), fullPage: true });
  }
  t.same(wide, [], 'no page is wider than a 390 px phone');
  t.same(bad, [], 'no serious or critical accessibility violation on a phone');
});
