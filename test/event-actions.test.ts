/**
 * The API doors of what the organizers' pages do: several proposals decided at once (all or none),
 * a talk swapped with its neighbour on the agenda, series drafts published one or all.
 */
import t from 'tap';
import { community, eventWithTalk, setup, submitted } from './helper';

t.test('one decision for several proposals: all move, or none', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const a = await submitted(ctx, c, 'One');
  const b = await submitted(ctx, c, 'Two');
  const url = '/v1/communities/guild/decisions';

  const member = await ctx.req('POST', url, { token: c.member.token, body: { proposalIds: [a], to: 'accepted' } });
  t.equal(member.status, 403);

  // b accepted already: accepting both again is refused, and a stays as it was.
  await ctx.req('POST', `/v1/proposals/${b}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  const refused = await ctx.req('POST', url, {
    token: c.organizer.token,
    body: { proposalIds: [a, b], to: 'accepted' },
  });
  t.equal(refused.status, 409);
  t.equal((await ctx.req('GET', `/v1/proposals/${a}`, { token: c.organizer.token })).body.state, 'submitted');

  const c2 = await submitted(ctx, c, 'Three');
  const ok = await ctx.req('POST', url, {
    token: c.organizer.token,
    body: { proposalIds: [a, c2], to: 'rejected', reason: 'Full programme.', notify: false },
  });
  t.equal(ok.status, 200, ok.text);
  t.same(
    ok.body.items.map((p: { state: string }) => p.state),
    ['rejected', 'rejected'],
  );
  const sent = await ctx.req('POST', '/v1/communities/guild/decisions/send', { token: c.organizer.token });
  t.equal(sent.body.sent, 2, 'staged, then sent as one batch');

  const bad = await ctx.req('POST', url, { token: c.organizer.token, body: { proposalIds: [], to: 'accepted' } });
  t.equal(bad.status, 400);
  const other = await community(ctx, 'other');
  const foreign = await submitted(ctx, other, 'Elsewhere');
  await ctx.req('POST', '/v1/communities/other/members', {
    token: ctx.admin.token,
    body: { email: c.organizer.email, role: 'organizer' },
  });
  const wrong = await ctx.req('POST', url, {
    token: c.organizer.token,
    body: { proposalIds: [foreign], to: 'accepted' },
  });
  t.equal(wrong.status, 422, wrong.text);
  t.equal((await ctx.req('GET', `/v1/proposals/${foreign}`, { token: c.organizer.token })).body.state, 'submitted');
});

t.test('a talk swapped with its neighbour keeps its length and the gap', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const { eventId, talkId } = await eventWithTalk(ctx, c);
  const second = await submitted(ctx, c, 'Lightning', c.member);
  await ctx.req('POST', `/v1/proposals/${second}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  const place = (proposalId: string, startsAt: string) =>
    ctx.req('POST', `/v1/events/${eventId}/slots`, { token: c.organizer.token, body: { proposalId, startsAt } });
  await place(talkId, '2027-06-10T10:00:00Z');
  const v = await place(second, '2027-06-10T10:40:00Z');
  const [first, later] = v.body.agenda;
  const r = await ctx.req('POST', `/v1/slots/${later.id}/reorder`, {
    token: c.organizer.token,
    body: { direction: 'earlier' },
  });
  t.equal(r.status, 200, r.text);
  t.same(
    r.body.agenda.map((s: { id: string; startsAt: string; endsAt: string }) => [s.id, s.startsAt, s.endsAt]),
    [
      [later.id, '2027-06-10T10:00:00.000Z', '2027-06-10T10:30:00.000Z'],
      [first.id, '2027-06-10T10:40:00.000Z', '2027-06-10T11:10:00.000Z'],
    ],
  );
  const edge = await ctx.req('POST', `/v1/slots/${later.id}/reorder`, {
    token: c.organizer.token,
    body: { direction: 'earlier' },
  });
  t.equal(edge.status, 409, 'the first cannot go earlier');
  const member = await ctx.req('POST', `/v1/slots/${later.id}/reorder`, {
    token: c.member.token,
    body: { direction: 'later' },
  });
  t.equal(member.status, 403);
});

t.test('series drafts published one, then all', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const s = await ctx.req('POST', '/v1/communities/guild/series', {
    token: c.organizer.token,
    body: {
      title: 'Lunch',
      cadence: 'FREQ=WEEKLY;BYDAY=TH',
      startsOn: '2027-03-04',
      startTime: '12:00',
      durationMinutes: 60,
      upcoming: 3,
    },
  });
  const ids = (s.body.occurrences as { eventId: string }[]).map((e) => e.eventId);
  t.equal(ids.length, 3);
  const url = `/v1/series/${s.body.id}/publish`;
  t.equal((await ctx.req('POST', url, { token: c.member.token, body: {} })).status, 403);
  const one = await ctx.req('POST', url, { token: c.organizer.token, body: { eventIds: [ids[0]] } });
  t.same(one.body.published, [ids[0]]);
  const again = await ctx.req('POST', url, { token: c.organizer.token, body: { eventIds: [ids[0]] } });
  t.equal(again.status, 422, 'published already: not a draft');
  const rest = await ctx.req('POST', url, { token: c.organizer.token, body: {} });
  t.same(rest.body.published.sort(), ids.slice(1).sort());
  const events = await ctx.req('GET', '/v1/communities/guild/events', { token: c.organizer.token });
  t.same(
    events.body.items.map((e: { status: string }) => e.status),
    ['published', 'published', 'published'],
  );
});
