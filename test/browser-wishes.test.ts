/**
 * Topic wishes in Chromium: a member wishes for a topic, a colleague votes for it and offers to talk
 * about it (a draft opens, the wisher gets a mail), the author closes it. axe on every page; a
 * screenshot of the list lands in test/screenshots/.
 */
import t from 'tap';
import { community } from './helper';
import { browserWorld, press } from './browser-helper';

t.test('topic wishes, clicked through', async (t) => {
  const { ctx, base, sink, signedIn, clean, shot } = await browserWorld(t, { mail: true });
  const c = await community(ctx, 'guild');
  await ctx.req('POST', '/v1/communities/guild/wishes', {
    token: c.reviewer.token,
    body: { title: 'Chaos engineering' },
  });

  // The member finds the wishes from the community page and posts one.
  const member = await signedIn(c.member.email);
  await member.goto(`${base}/c/guild`);
  await press(member, base, 'Topic wishes', 'link');
  t.equal(await member.locator('h1').textContent(), 'Topic wishes');
  await member.getByLabel('A topic you would like to hear about').fill('Observability on a budget');
  await member.getByLabel('What you would like to learn (optional)').fill('Which signals matter first.');
  await clean(member, 'wishes page');
  await press(member, base, 'Post the wish');
  const items = member.locator('ol.wishes > li');
  t.equal(await items.count(), 2);
  t.match(await items.nth(0).textContent(), /Chaos engineering.*1 vote/s, 'equal votes: the older first');
  t.match(await items.nth(1).textContent(), /Observability on a budget.*1 vote/s);
  t.equal(
    await member
      .getByRole('button', { name: 'Withdraw my vote: Observability on a budget' })
      .getAttribute('aria-pressed'),
    'true',
    'their own wish carries their vote',
  );
  // An empty title is refused on the page, and nothing is lost.
  await member.getByLabel('A topic you would like to hear about').fill(' ');
  await member.getByLabel('What you would like to learn (optional)').fill('Kept text');
  await member.locator('#wish-title').evaluate((e) => e.removeAttribute('required'));
  await press(member, base, 'Post the wish');
  t.ok(await member.getByRole('alert').isVisible(), 'the problem is said');
  t.equal(await member.getByLabel('What you would like to learn (optional)').inputValue(), 'Kept text');

  // The speaker votes from the list: the wish moves up.
  const speaker = await signedIn(c.speaker.email);
  await speaker.goto(`${base}/c/guild/wishes`);
  await press(speaker, base, 'Vote: Observability on a budget');
  t.match(await speaker.locator('ol.wishes > li').nth(0).textContent(), /Observability on a budget.*2 votes/s);
  await shot(speaker, 'wishes');

  // … and offers to talk about it: a draft opens with the wish's title; the wisher is told.
  await press(speaker, base, 'Observability on a budget', 'link');
  await clean(speaker, 'wish page');
  await press(speaker, base, 'I could talk about this');
  t.match(speaker.url(), /\/proposals\/[0-9a-f-]{36}\/edit$/);
  t.equal(await speaker.getByLabel('Title').inputValue(), 'Observability on a budget');
  const [mail] = await sink.waitFor(
    (r) => r.to.includes(c.member.email) && /could talk about/.test(r.mail.subject ?? ''),
  );
  t.match(mail.mail.subject, 'Sam Speaker could talk about "Observability on a budget"');

  // The author sees who offered, and closes the wish.
  await member.goto(`${base}/c/guild/wishes`);
  await press(member, base, 'Observability on a budget', 'link');
  t.match(await member.locator('#offers + ul').textContent(), 'Sam Speaker');
  await press(member, base, 'Close the wish');
  t.match(await member.locator('.badge').nth(1).textContent(), 'closed');
  t.equal(await member.getByRole('button', { name: 'I could talk about this' }).count(), 0, 'no more offers');
  await clean(member, 'closed wish');
});
