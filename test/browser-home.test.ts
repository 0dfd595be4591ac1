/**
 * The home page answers "what is next for me": a speaker with a proposal to confirm, another to edit,
 * a task, an RSVP, a co-speaker invitation and a nomination waiting for an answer, an open call and a
 * public community to join sees each as a link to its page, on a desktop and on a 390 px phone.
 */
import t from 'tap';
import { community, eventWithTalk, submitted } from './helper';
import { browserWorld } from './browser-helper';

t.test('the home page shows what is next', async (t) => {
  const { ctx, base, browser, signedIn, press, clean, shot } = await browserWorld(t);
  const c = await community(ctx, 'guild');
  await community(ctx, 'open-house', { eventVisibility: 'public' });
  const { eventId, talkId } = await eventWithTalk(ctx, c, { title: 'June brown-bag' });
  const draftId = await submitted(ctx, c, 'A second idea about indexes');
  t.equal(
    (await ctx.req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.speaker.token, body: { status: 'going' } }))
      .status,
    201,
    'the speaker is going',
  );
  const inviting = await ctx.req('POST', `/v1/communities/guild/proposals`, {
    token: c.member.token,
    body: { callId: c.callId, title: 'Pairing on incidents', format: 'talk', coSpeakers: [c.speaker.email] },
  });
  t.equal(inviting.status, 201, 'a colleague invites the speaker to co-present');
  const nominated = await ctx.req('POST', '/v1/communities/guild/nominations', {
    token: c.reviewer.token,
    body: { email: c.speaker.email, topic: 'Our on-call rota' },
  });
  t.equal(nominated.status, 201, 'a colleague nominates the speaker');
  const tasks = (await ctx.req('GET', `/v1/proposals/${talkId}/tasks`, { token: c.speaker.token })).body.items as {
    title: string;
    assignee: { id: string } | null;
  }[];
  const mine = tasks.filter((x) => x.assignee?.id === c.speaker.id);
  t.ok(mine.length > 0, 'the accepted talk gave the speaker tasks');

  const page = await signedIn(c.speaker.email);
  const block = (id: string) => page.locator(`#${id}`).locator('xpath=..');
  const links = async (id: string) =>
    block(id)
      .locator('li > a:first-child')
      .evaluateAll((as) => as.map((a) => [a.textContent, new URL((a as HTMLAnchorElement).href).pathname]));

  t.match(await links('home-invitations'), [
    [/Rita Reviewer suggests you give a talk about “Our on-call rota”/, `/nominations/${nominated.body.id}`],
    [/Max Member invites you to co-present “Pairing on incidents”/, `/proposals/${inviting.body.id}`],
  ]);
  const proposals = await links('home-proposals');
  t.same(
    proposals.map(([, href]) => href).sort(),
    [`/proposals/${talkId}`, `/proposals/${draftId}`].sort(),
    'both proposals, the one only invited to not among them',
  );
  t.equal(
    await page.getByRole('link', { name: /^Confirm your talk:/ }).getAttribute('href'),
    `/proposals/${talkId}`,
    'the accepted talk: confirm it',
  );
  t.equal(
    await page.getByRole('link', { name: 'Edit: A second idea about indexes' }).getAttribute('href'),
    `/proposals/${draftId}/edit`,
    'the submitted one: still editable',
  );
  const taskLinks = await links('home-tasks');
  t.equal(taskLinks.length, Math.min(mine.length, 8), 'the open tasks of the speaker');
  t.ok(
    taskLinks.every(([, href]) => href === `/proposals/${talkId}`),
    'each task links to its talk',
  );
  t.match(await links('home-events'), [['June brown-bag', `/events/${eventId}`]]);
  t.match(await block('home-events').textContent(), /You are going/, 'the RSVP is said');
  t.match(await links('home-calls'), [['Propose a talk to Talks 2026', '/c/guild/propose']]);
  t.match(await links('home-communities'), [['guild community', '/c/guild']]);
  t.match(await links('home-join'), [['open-house community', '/c/open-house']]);
  await clean(page, 'home');
  await shot(page, 'home');

  // On a phone: nothing wider than the screen, and still clean.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  t.ok((await page.evaluate(() => document.scrollingElement!.scrollWidth)) <= 390, 'the home page fits a 390 px phone');
  await clean(page, 'home on a phone');
  await shot(page, 'home-phone');

  // Each item leads somewhere: confirming, then joining.
  await Promise.all([
    page.waitForURL(`${base}/proposals/${talkId}`),
    page.getByRole('link', { name: /^Confirm your talk:/ }).click(),
  ]);
  t.equal(new URL(page.url()).pathname, `/proposals/${talkId}`);
  await page.goto(`${base}/`);
  await press(page, 'Join open-house community');
  t.equal(new URL(page.url()).pathname, '/c/open-house', 'joining lands on the community');
  await page.goto(`${base}/`);
  t.equal(await page.locator('#home-join').count(), 0, 'no community left to join');
  t.match(await links('home-communities'), [
    ['guild community', '/c/guild'],
    ['open-house community', '/c/open-house'],
  ]);
  await browser.close();
});
