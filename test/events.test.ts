import t from 'tap';
import { community, eventWithTalk, setup } from './helper';

t.test('rooms and events', async (t) => {
  const ctx = await setup(t, { poolSize: 30 });
  const { req, admin } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');
  const org = c.organizer.token;

  const room = (
    await req('POST', '/v1/communities/guild/rooms', {
      token: org,
      body: { name: 'Aula', capacity: 40, location: 'Building A' },
    })
  ).body;

  t.test('rooms', async (t) => {
    t.match(room, { name: 'Aula', capacity: 40, location: 'Building A' });
    const dup = await req('POST', '/v1/communities/guild/rooms', { token: org, body: { name: 'Aula' } });
    t.equal(dup.status, 409);
    t.equal(dup.body.code, 'room-exists');
    t.equal(
      (await req('POST', '/v1/communities/guild/rooms', { token: c.member.token, body: { name: 'X' } })).status,
      403,
    );
    t.equal(
      (await req('POST', '/v1/communities/guild/rooms', { token: other.organizer.token, body: { name: 'X' } })).status,
      403,
    );
    t.equal(
      (await req('POST', '/v1/communities/guild/rooms', { token: org, body: { name: 'X', capacity: 0 } })).status,
      400,
    );
    t.equal((await req('GET', '/v1/communities/guild/rooms', { token: c.member.token })).body.items.length, 1);
    t.equal((await req('PATCH', `/v1/rooms/${room.id}`, { token: c.member.token, body: { capacity: 5 } })).status, 403);
  });

  const base = {
    title: 'Lunch talks',
    startsAt: '2027-03-03T11:00:00Z',
    endsAt: '2027-03-03T13:00:00Z',
    roomId: room.id,
  };

  t.test('create: drafts, defaults and refusals', async (t) => {
    const res = await req('POST', '/v1/communities/guild/events', { token: org, body: base });
    t.equal(res.status, 201);
    t.match(res.body, {
      status: 'draft',
      timeZone: 'Europe/Berlin',
      capacity: 40,
      sequence: 0,
      room: { name: 'Aula' },
      going: 0,
    });
    t.equal(res.body.calendarUrl, `http://brownbag.test/v1/events/${res.body.id}/calendar.ics`);
    t.equal(res.body.webcalUrl, `webcal://brownbag.test/v1/events/${res.body.id}/calendar.ics`);
    t.equal(
      (await req('GET', `/v1/events/${res.body.id}`, { token: c.member.token })).status,
      404,
      'drafts are for organizers',
    );
    const count = async () => (await ctx.ds.query('SELECT count(*)::int AS n FROM event'))[0].n;
    const before = await count();
    const cases: [object, number, string][] = [
      [{ ...base, timeZone: 'Europe/Atlantis' }, 422, 'invalid-time-zone'],
      [{ ...base, endsAt: base.startsAt }, 422, 'invalid-window'],
      [{ ...base, roomId: '00000000-0000-4000-8000-000000000000' }, 422, 'unknown-room'],
      [{ ...base, startsAt: '2027-03-03T12:00:00Z', endsAt: '2027-03-03T14:00:00Z' }, 409, 'room-conflict'],
      [{ ...base, onlineUrl: 'javascript:alert(1)' }, 400, 'validation'],
      [{ ...base, startsAt: '3 March' }, 400, 'validation'],
    ];
    for (const [body, status, code] of cases) {
      const r = await req('POST', '/v1/communities/guild/events', { token: org, body });
      t.equal(r.status, status, code);
      t.equal(r.body.code, code);
      if (code === 'room-conflict')
        t.match(r.body.conflictsWith, { id: res.body.id, title: 'Lunch talks' }, 'names the other event');
    }
    t.equal(
      (await req('POST', '/v1/communities/guild/events', { token: c.member.token, body: { ...base, roomId: null } }))
        .status,
      403,
    );
    const otherRoom = (
      await req('POST', '/v1/communities/other/rooms', { token: other.organizer.token, body: { name: 'Theirs' } })
    ).body;
    t.equal(
      (await req('POST', '/v1/communities/guild/events', { token: org, body: { ...base, roomId: otherRoom.id } })).body
        .code,
      'unknown-room',
    );
    t.equal(await count(), before, 'nothing created');
    t.equal(
      (
        await req('POST', '/v1/communities/guild/events', {
          token: org,
          body: { ...base, roomId: null, onlineUrl: 'https://meet.example/x' },
        })
      ).status,
      201,
      'online events take no room',
    );
  });

  t.test('50 concurrent bookings of one room and time → exactly one event', async (t) => {
    const r = (await req('POST', '/v1/communities/guild/rooms', { token: org, body: { name: 'Contested' } })).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        req('POST', '/v1/communities/guild/events', {
          token: org,
          body: {
            title: `Booking ${i}`,
            startsAt: '2027-05-05T10:00:00Z',
            endsAt: '2027-05-05T11:00:00Z',
            roomId: r.id,
          },
        }),
      ),
    );
    t.equal(results.filter((x) => x.status === 201).length, 1, 'one booking');
    t.ok(
      results.filter((x) => x.status !== 201).every((x) => x.status === 409 && x.body.code === 'room-conflict'),
      'the rest: room-conflict',
    );
    t.ok(
      results.every((x) => x.status < 500),
      'no 5xx',
    );
    const rows = await ctx.ds.query('SELECT count(*)::int AS n FROM event WHERE room_id = $1', [r.id]);
    t.equal(rows[0].n, 1);
  });

  t.test('publish, edit, cancel; sequence grows only when a calendar must see it', async (t) => {
    const e = (
      await req('POST', '/v1/communities/guild/events', {
        token: org,
        body: { ...base, startsAt: '2027-04-01T10:00:00Z', endsAt: '2027-04-01T11:00:00Z' },
      })
    ).body;
    const pub = await req('PATCH', `/v1/events/${e.id}`, { token: org, body: { status: 'published' } });
    t.equal(pub.body.status, 'published');
    t.equal(pub.body.sequence, 1);
    t.equal(
      (await req('GET', `/v1/events/${e.id}`, { token: c.member.token })).status,
      200,
      'members see published events',
    );
    const same = await req('PATCH', `/v1/events/${e.id}`, { token: org, body: { title: e.title, capacity: 10 } });
    t.equal(same.body.sequence, 1, 'a no-op title and a capacity change do not move calendars');
    const moved = await req('PATCH', `/v1/events/${e.id}`, {
      token: org,
      headers: { 'if-match': same.headers.etag as string },
      body: { startsAt: '2027-04-01T12:00:00Z', endsAt: '2027-04-01T13:00:00Z' },
    });
    t.equal(moved.body.sequence, 2, 'a new time does');
    const stale = await req('PATCH', `/v1/events/${e.id}`, {
      token: org,
      headers: { 'if-match': same.headers.etag as string },
      body: { title: 'x' },
    });
    t.equal(stale.status, 412);
    t.equal(
      (await req('PATCH', `/v1/events/${e.id}`, { token: org, body: { status: 'draft' } })).body.code,
      'invalid-transition',
      'no unpublishing',
    );
    t.equal((await req('DELETE', `/v1/events/${e.id}`, { token: org })).body.code, 'not-a-draft');
    const canceled = await req('PATCH', `/v1/events/${e.id}`, { token: org, body: { status: 'canceled' } });
    t.match(canceled.body, { status: 'canceled', sequence: 3 });
    t.equal(
      (await req('PATCH', `/v1/events/${e.id}`, { token: org, body: { title: 'Again' } })).body.code,
      'event-canceled',
    );
    const rebook = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { ...base, startsAt: '2027-04-01T12:00:00Z', endsAt: '2027-04-01T13:00:00Z' },
    });
    t.equal(rebook.status, 201, 'a canceled event frees its room');
    t.equal(
      (await req('DELETE', `/v1/events/${rebook.body.id}`, { token: c.member.token })).status,
      404,
      'members do not see drafts',
    );
    t.equal((await req('DELETE', `/v1/events/${rebook.body.id}`, { token: org })).status, 204, 'drafts may be deleted');
  });

  t.test('moving an event moves its talks; shrinking it past them is refused', async (t) => {
    const { eventId, talkId } = await eventWithTalk(ctx, c);
    await req('POST', `/v1/events/${eventId}/slots`, {
      token: org,
      body: { proposalId: talkId, startsAt: '2027-06-10T11:00:00Z' },
    });
    const moved = await req('PATCH', `/v1/events/${eventId}`, {
      token: org,
      body: { startsAt: '2027-06-11T10:00:00Z', endsAt: '2027-06-11T12:00:00Z' },
    });
    t.equal(moved.status, 200);
    t.match(
      moved.body.agenda[0],
      { startsAt: '2027-06-11T11:00:00.000Z', endsAt: '2027-06-11T11:30:00.000Z', sequence: 2 },
      'placed 1, moved with the event 2',
    );
    const shrink = await req('PATCH', `/v1/events/${eventId}`, {
      token: org,
      body: { endsAt: '2027-06-11T11:15:00Z' },
    });
    t.equal(shrink.status, 422);
    t.equal(shrink.body.code, 'slots-outside-event');
  });

  t.test('lists', async (t) => {
    const all = await req('GET', '/v1/communities/guild/events?limit=2', { token: org });
    t.equal(all.body.items.length, 2);
    const next = await req('GET', `/v1/communities/guild/events?limit=100&cursor=${all.body.nextCursor}`, {
      token: org,
    });
    t.ok(
      next.body.items.every((e: { startsAt: string }) => e.startsAt >= all.body.items[1].startsAt),
      'ordered by start',
    );
    const member = await req('GET', '/v1/communities/guild/events?limit=200', { token: c.member.token });
    t.ok(
      member.body.items.every((e: { status: string }) => e.status !== 'draft'),
      'no drafts for members',
    );
    const june = await req('GET', '/v1/communities/guild/events?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z', {
      token: org,
    });
    t.ok(june.body.items.length >= 1);
    t.ok(june.body.items.every((e: { startsAt: string }) => e.startsAt.startsWith('2027-06')));
    t.equal((await req('GET', '/v1/communities/guild/events?status=canceled', { token: org })).body.items.length, 1);
    t.equal(
      (await req('GET', '/v1/communities/guild', { token: admin.token })).body.calendarUrl,
      // internal (the default): the caller's own feed route, a template for one of their feed tokens
      'http://brownbag.test/v1/feeds/{token}/communities/guild/calendar.ics',
    );
  });
});
