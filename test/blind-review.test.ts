import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('blind review hides speakers from reviewers everywhere', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'blind', { blindReview: true });
  const res = await req('POST', '/v1/communities/blind/proposals', {
    token: c.speaker.token,
    body: {
      callId: c.callId,
      title: 'Anonymous talk',
      format: 'talk',
      coSpeakers: ['co.author@example.com'],
      submit: true,
    },
  });
  const id = res.body.id;
  const identities = [c.speaker.email, c.speaker.id, 'Sam Speaker', 'co.author@example.com', 'Co Author'];
  const leaks = (body: unknown) => identities.filter((x) => JSON.stringify(body).includes(x));

  const detail = await req('GET', `/v1/proposals/${id}`, { token: c.reviewer.token });
  t.equal(detail.status, 200);
  t.equal(detail.body.blind, true);
  t.equal(detail.body.speakers, null);
  t.equal(detail.body.invited, null, 'whom they asked is hidden too');
  t.same(leaks(detail.body), [], 'detail');
  const list = await req('GET', '/v1/communities/blind/proposals', { token: c.reviewer.token });
  t.equal(list.body.items.length, 1);
  t.same(leaks(list.body), [], 'list');
  const history = await req('GET', `/v1/proposals/${id}/history`, { token: c.reviewer.token });
  t.equal(history.body.items[0].actor, null);
  t.same(leaks(history.body), [], 'history');
  const review = await req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 4 } });
  t.same(leaks(review.body), [], 'review');
  const mine = await req('GET', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token });
  t.same(leaks(mine.body), [], 'my review');
  const filter = await req('GET', `/v1/communities/blind/proposals?speaker=${encodeURIComponent(c.speaker.email)}`, {
    token: c.reviewer.token,
  });
  t.equal(filter.status, 403, 'no filtering by speaker');
  t.equal(filter.body.code, 'blind-review');
  const filterCo = await req('GET', '/v1/communities/blind/proposals?speaker=co.author%40example.com', {
    token: c.reviewer.token,
  });
  t.equal(filterCo.status, 403);

  const org = await req('GET', `/v1/proposals/${id}`, { token: c.organizer.token });
  t.equal(org.body.blind, false);
  t.equal(org.body.speakers.length, 1, 'organizers see speakers');
  t.equal(org.body.invited.length, 1, '… and whom they asked');
  const own = await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token });
  t.equal(own.body.blind, false, 'speakers see themselves');

  // a reviewer who also speaks sees their own proposal in full, others blind
  const theirs = await submitted(ctx, c, 'Reviewer talk', c.reviewer);
  const mixed = await req('GET', '/v1/communities/blind/proposals', { token: c.reviewer.token });
  const byId = Object.fromEntries(mixed.body.items.map((p: { id: string; blind: boolean }) => [p.id, p.blind]));
  t.same(byId, { [id]: true, [theirs]: false });
  t.equal(
    (await req('GET', `/v1/communities/blind/proposals?speaker=${c.reviewer.id}`, { token: c.reviewer.token })).status,
    200,
    'filtering by oneself is fine',
  );
});
