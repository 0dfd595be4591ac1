import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('cached list pages follow every change a list shows', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'cache');
  const id = await submitted(ctx, c, 'Cached talk');
  const list = async (token = c.organizer.token, q = 'sort=-meanScore') =>
    (await req('GET', `/v1/communities/cache/proposals?${q}`, { token })).body.items;
  const first = (await list())[0];
  t.match(first, { title: 'Cached talk', reviewCount: 0, meanScore: null });
  t.same(await list(), await list(), 'served again');

  await req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 4 } });
  t.match((await list())[0], { reviewCount: 1, meanScore: 4 }, 'a review');

  await req('PATCH', '/v1/me', { token: c.speaker.token, body: { name: 'Samantha Speaker' } });
  t.equal((await list())[0].speakers[0].name, 'Samantha Speaker', "a speaker's new name");

  await req('PATCH', `/v1/calls/${c.callId}`, {
    token: c.organizer.token,
    body: {
      formats: [
        { key: 'talk', name: 'Long talk', durationMinutes: 45 },
        { key: 'lightning', name: 'Lightning', durationMinutes: 5 },
      ],
    },
  });
  t.match((await list())[0].format, { name: 'Long talk', durationMinutes: 45 }, 'a renamed format');

  await req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  t.equal((await list())[0].state, 'accepted', 'a transition');

  await ctx.ds.query(`UPDATE proposal SET title = 'Edited in psql' WHERE id = $1`, [id]);
  t.equal((await list())[0].title, 'Edited in psql', 'a write from outside the service');

  t.equal((await list(c.member.token, '')).length, 0, 'a member sees nothing');
  await req('PATCH', `/v1/communities/cache/members/${c.member.id}`, {
    token: c.organizer.token,
    body: { role: 'organizer' },
  });
  t.equal((await list(c.member.token, '')).length, 1, 'a new role');

  await req('PATCH', '/v1/communities/cache', { token: c.organizer.token, body: { blindReview: true } });
  const reviewerView = await list(c.reviewer.token, '');
  t.equal(reviewerView.length, 1);
  t.equal(reviewerView[0].blind, true, 'blind review hides speakers at once');
  t.equal(reviewerView[0].speakers, null);
});
