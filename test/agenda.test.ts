import t from 'tap';
import { community, eventWithTalk, setup, submitted } from './helper';

t.test('agenda', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');
  const org = c.organizer.token;
  const { eventId, talkId } = await eventWithTalk(ctx, c);

  t.test('backlog → slot → backlog', async (t) => {
    t.same(
      (await req('GET', '/v1/communities/guild/backlog', { token: org })).body.items.map((b: { id: string }) => b.id),
      [talkId],
    );
    t.equal((await req('GET', '/v1/communities/guild/backlog', { token: c.member.token })).status, 403);
    const placed = await req('POST', `/v1/events/${eventId}/slots`, {
      token: org,
      body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
    });
    t.equal(placed.status, 201);
    t.match(
      placed.body.agenda,
      [
        {
          proposalId: talkId,
          startsAt: '2027-06-10T10:00:00.000Z',
          endsAt: '2027-06-10T10:30:00.000Z',
          format: 'talk',
          speakers: [{ name: 'Sam Speaker' }],
        },
      ],
      'length defaults to the format',
    );
    t.equal(placed.body.sequence, 2, 'the event moved on calendars (publish was 1)');
    t.same((await req('GET', '/v1/communities/guild/backlog', { token: org })).body.items, []);
    const slotId = placed.body.agenda[0].id;
    const moved = await req('PATCH', `/v1/slots/${slotId}`, { token: org, body: { startsAt: '2027-06-10T11:00:00Z' } });
    t.match(
      moved.body.agenda[0],
      { startsAt: '2027-06-10T11:00:00.000Z', endsAt: '2027-06-10T11:30:00.000Z', sequence: 2 },
      "the talk's sequence: placed 1, moved 2",
    );
    t.equal(moved.body.sequence, 3);
    const removed = await req('DELETE', `/v1/slots/${slotId}`, { token: org });
    t.same(removed.body.agenda, []);
    t.equal(removed.body.sequence, 4);
    t.equal(
      (await req('GET', '/v1/communities/guild/backlog', { token: org })).body.items.length,
      1,
      'back in the backlog',
    );
  });

  t.test('every refusal names the conflict and changes nothing', async (t) => {
    const place = (body: object, ev = eventId) => req('POST', `/v1/events/${ev}/slots`, { token: org, body });
    const ok = await place({ proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' });
    t.equal(ok.status, 201);
    const second = await submitted(ctx, c, 'Second talk', c.member);
    await req('POST', `/v1/proposals/${second}/transitions`, { token: org, body: { to: 'accepted' } });
    const outside = await place({ proposalId: second, startsAt: '2027-06-10T11:45:00Z' });
    t.equal(outside.status, 422);
    t.equal(outside.body.code, 'slot-outside-event');
    const overlap = await place({ proposalId: second, startsAt: '2027-06-10T10:15:00Z' });
    t.equal(overlap.status, 409);
    t.match(overlap.body, { code: 'slot-overlap', conflictsWith: { title: ok.body.agenda[0].title } });
    const again = await place({ proposalId: talkId, startsAt: '2027-06-10T11:00:00Z' });
    t.match(again.body, { code: 'already-scheduled', slotId: ok.body.agenda[0].id });
    const draft = await submitted(ctx, c, 'Not decided', c.member);
    const undecided = await place({ proposalId: draft, startsAt: '2027-06-10T11:00:00Z' });
    t.match(undecided.body, { code: 'not-schedulable', state: 'submitted' });
    const foreign = await submitted(ctx, other, 'Elsewhere');
    t.equal((await place({ proposalId: foreign, startsAt: '2027-06-10T11:00:00Z' })).body.code, 'unknown-proposal');
    // the same speaker in another event at the same time
    const e2 = await eventWithTalk(ctx, c, { title: 'Parallel track' });
    const clash = await place({ proposalId: e2.talkId, startsAt: '2027-06-10T10:10:00Z' }, e2.eventId);
    t.equal(clash.status, 409);
    t.match(clash.body, {
      code: 'speaker-conflict',
      speaker: 'Sam Speaker',
      conflictsWith: { title: ok.body.agenda[0].title, event: 'June brown-bag' },
    });
    t.equal(
      (await place({ proposalId: second, startsAt: '2027-06-10T11:00:00Z' })).status,
      201,
      'a free speaker in a free slot',
    );
    t.equal(
      (
        await req('POST', `/v1/events/${eventId}/slots`, {
          token: c.member.token,
          body: { proposalId: second, startsAt: '2027-06-10T11:00:00Z' },
        })
      ).status,
      403,
    );
    const slots = await ctx.ds.query('SELECT count(*)::int AS n FROM slot');
    t.equal(slots[0].n, 2, 'only the two placements that passed');
  });

  t.test('moving between events, and a withdrawn talk leaves the agenda', async (t) => {
    const e3 = await eventWithTalk(ctx, c, { title: 'Autumn' });
    await req('PATCH', `/v1/events/${e3.eventId}`, {
      token: org,
      body: { startsAt: '2027-09-01T10:00:00Z', endsAt: '2027-09-01T12:00:00Z' },
    });
    const ev = await req('GET', `/v1/events/${eventId}`, { token: org });
    const slot = ev.body.agenda.find((s: { proposalId: string }) => s.proposalId === talkId);
    const noStart = await req('PATCH', `/v1/slots/${slot.id}`, { token: org, body: { eventId: e3.eventId } });
    t.equal(noStart.body.code, 'start-required');
    const moved = await req('PATCH', `/v1/slots/${slot.id}`, {
      token: org,
      body: { eventId: e3.eventId, startsAt: '2027-09-01T10:30:00Z' },
    });
    t.equal(moved.status, 200);
    t.equal(moved.body.id, e3.eventId);
    t.ok(moved.body.agenda.some((s: { proposalId: string }) => s.proposalId === talkId));
    const left = await req('GET', `/v1/events/${eventId}`, { token: org });
    t.notOk(
      left.body.agenda.some((s: { proposalId: string }) => s.proposalId === talkId),
      'gone from the first event',
    );
    t.ok(left.body.sequence > ev.body.sequence, 'which moved on calendars');
    await req('POST', `/v1/proposals/${talkId}/transitions`, { token: c.speaker.token, body: { to: 'withdrawn' } });
    const after = await req('GET', `/v1/events/${e3.eventId}`, { token: org });
    t.notOk(
      after.body.agenda.some((s: { proposalId: string }) => s.proposalId === talkId),
      'a withdrawn talk leaves the agenda',
    );
    t.ok(after.body.sequence > moved.body.sequence);
  });
});
