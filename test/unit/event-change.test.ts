/**
 * Who hears what when an event changes, as a table: for each kind of change, whether calendars see
 * it, whether the waitlist moves, what the community's chats are told, and which invitations go out.
 * Pure (src/modules/events/event-change.ts): no app, no database.
 */
import t from 'tap';
import {
  eventEffects,
  whatChanged,
  type EventAfter,
  type EventBefore,
  type EventChange,
} from '../../src/modules/events/event-change';

const BEFORE: EventBefore = {
  id: 'ev1',
  title: 'June brown-bag',
  description: 'Talks over lunch',
  starts_at: new Date('2027-06-10T10:00:00Z'),
  ends_at: new Date('2027-06-10T11:30:00Z'),
  time_zone: 'Europe/Berlin',
  room_id: 'aula',
  online_url: null,
  capacity: 30,
  status: 'published',
  sequence: 4,
};
const SAME: EventAfter = {
  start: BEFORE.starts_at,
  end: BEFORE.ends_at,
  roomId: 'aula',
  status: 'published',
  capacity: 30,
};
const later = (h: number) => new Date(BEFORE.starts_at.getTime() + h * 3_600_000);

type Patch = Parameters<typeof eventEffects>[1];
interface Row {
  what: string;
  before?: Partial<EventBefore>;
  patch?: Patch;
  after?: Partial<EventAfter>;
  /** calendar sees it · waitlist promoted · invitations · announcement (happening key) */
  want: { calendar: boolean; promote: boolean; invite: string | null; announce: string | null };
}

const ROWS: Row[] = [
  {
    what: 'a save that changes nothing: nobody hears anything',
    patch: { title: 'June brown-bag' },
    want: { calendar: false, promote: false, invite: null, announce: null },
  },
  {
    what: 'publishing a draft: the speakers are invited, the chats told',
    before: { status: 'draft' },
    patch: { status: 'published' },
    after: { status: 'published' },
    want: { calendar: true, promote: false, invite: 'talks', announce: 'event.published:ev1' },
  },
  {
    what: 'a draft changed: calendars see it (no one subscribed), nobody is told',
    before: { status: 'draft' },
    patch: { title: 'July brown-bag' },
    after: { status: 'draft' },
    want: { calendar: true, promote: false, invite: null, announce: null },
  },
  {
    what: 'canceling a draft: nobody was invited, nobody is told',
    before: { status: 'draft' },
    patch: { status: 'canceled' },
    after: { status: 'canceled' },
    want: { calendar: true, promote: false, invite: null, announce: null },
  },
  {
    what: 'canceling a published event: everyone invited gets a CANCEL, the chats are told',
    patch: { status: 'canceled', cancelReason: '  The room flooded  ' },
    after: { status: 'canceled' },
    want: { calendar: true, promote: false, invite: 'cancel', announce: 'event.canceled:ev1' },
  },
  {
    what: 'a published event moved in time: an update to everyone, "moved" to the chats',
    patch: { startsAt: later(2).toISOString(), endsAt: later(3.5).toISOString() },
    after: { start: later(2), end: later(3.5) },
    want: { calendar: true, promote: false, invite: 'update', announce: 'event.moved:ev1:5' },
  },
  {
    what: 'a published event moved to another room: an update, "moved"',
    patch: { roomId: 'library' },
    after: { roomId: 'library' },
    want: { calendar: true, promote: false, invite: 'update', announce: 'event.moved:ev1:5' },
  },
  {
    what: 'only the end moves: an update, but not "moved" for the chats',
    patch: { endsAt: later(2).toISOString() },
    after: { end: later(2) },
    want: { calendar: true, promote: false, invite: 'update', announce: null },
  },
  {
    what: 'a new title: an update, not "moved"',
    patch: { title: 'June lightning talks' },
    want: { calendar: true, promote: false, invite: 'update', announce: null },
  },
  {
    what: 'an online link added: an update',
    patch: { onlineUrl: 'https://meet.example.com/bb' },
    want: { calendar: true, promote: false, invite: 'update', announce: null },
  },
  {
    what: 'a new description: calendars see it, nobody is mailed',
    patch: { description: 'Talks and cake' },
    want: { calendar: true, promote: false, invite: null, announce: null },
  },
  {
    what: 'another time zone (the same instants): calendars see it, nobody is mailed',
    patch: { timeZone: 'Europe/Paris' },
    want: { calendar: true, promote: false, invite: null, announce: null },
  },
  {
    what: 'more seats: the waitlist moves up; nothing a calendar shows',
    patch: { capacity: 40 },
    after: { capacity: 40 },
    want: { calendar: false, promote: true, invite: null, announce: null },
  },
  {
    what: 'the limit lifted: the waitlist moves up',
    patch: { capacity: null },
    after: { capacity: null },
    want: { calendar: false, promote: true, invite: null, announce: null },
  },
  {
    what: 'fewer seats: nobody loses theirs, nobody moves up',
    patch: { capacity: 10 },
    after: { capacity: 10 },
    want: { calendar: false, promote: false, invite: null, announce: null },
  },
  {
    what: 'seats added to an event that had no limit: nothing to promote',
    before: { capacity: null },
    patch: { capacity: 50 },
    after: { capacity: 50 },
    want: { calendar: false, promote: false, invite: null, announce: null },
  },
];

t.test('eventEffects', async (t) => {
  for (const r of ROWS) {
    const fx = eventEffects({ ...BEFORE, ...r.before }, r.patch ?? {}, { ...SAME, ...r.after });
    t.same(
      { calendar: fx.calendarChange, promote: fx.promote, invite: fx.invite, announce: fx.announce?.key ?? null },
      r.want,
      r.what,
    );
  }
});

t.test('what the chats and the cancellation say', async (t) => {
  const published = eventEffects({ ...BEFORE, status: 'draft' }, { status: 'published' }, SAME);
  t.same(published.announce, {
    happening: 'event.published',
    key: 'event.published:ev1',
    title: 'New: June brown-bag',
    text: 'Thursday 10 June 2027, 12:00–13:30 (Europe/Berlin)',
  });
  const reason = eventEffects(
    BEFORE,
    { status: 'canceled', cancelReason: '  The room flooded  ' },
    {
      ...SAME,
      status: 'canceled',
    },
  );
  t.equal(reason.cancelReason, 'The room flooded', 'the reason is kept, trimmed');
  t.match(reason.announce, { title: 'Cancelled: June brown-bag', text: 'The room flooded' });
  const none = eventEffects(BEFORE, { status: 'canceled', cancelReason: '   ' }, { ...SAME, status: 'canceled' });
  t.equal(none.cancelReason, null, 'a blank reason is no reason');
  t.equal(none.announce?.text, 'It was planned for Thursday 10 June 2027, 12:00–13:30 (Europe/Berlin).');
  const moved = eventEffects(BEFORE, { title: 'Moved on' }, { ...SAME, start: later(24), end: later(25.5) });
  t.same(moved.announce, {
    happening: 'event.moved',
    key: 'event.moved:ev1:5',
    title: 'Moved: Moved on',
    text: 'Now Friday 11 June 2027, 12:00–13:30 (Europe/Berlin).',
  });
});

t.test('the update names the place only when the room changed', async (t) => {
  t.equal(eventEffects(BEFORE, { roomId: 'library' }, { ...SAME, roomId: 'library' }).placeChanged, true);
  t.equal(eventEffects(BEFORE, { title: 'x' }, SAME).placeChanged, false);
  const noRoom = { ...BEFORE, room_id: null };
  t.equal(
    eventEffects(
      noRoom,
      { startsAt: later(1).toISOString() },
      { ...SAME, roomId: null, start: later(1), end: later(2.5) },
    ).placeChanged,
    false,
    'no room before or after: the update does not say "Place: none → none"',
  );
});

t.test('whatChanged: the changes an update tells, before → after', async (t) => {
  const e = { ...BEFORE, room_name: 'Aula', room_location: 'Building A' };
  const now = {
    start: BEFORE.starts_at,
    end: BEFORE.ends_at,
    timeZone: 'Europe/Berlin',
    onlineUrl: null as string | null,
    title: BEFORE.title,
  };
  const rows: [string, Partial<typeof now> & { place?: string | null }, EventChange[]][] = [
    ['nothing', {}, []],
    [
      'the time',
      { start: later(2), end: later(3.5) },
      [
        {
          what: 'time',
          before: { start: '2027-06-10T10:00:00.000Z', end: '2027-06-10T11:30:00.000Z', timeZone: 'Europe/Berlin' },
          after: { start: '2027-06-10T12:00:00.000Z', end: '2027-06-10T13:30:00.000Z', timeZone: 'Europe/Berlin' },
        },
      ],
    ],
    ['the place', { place: 'Library' }, [{ what: 'place', before: 'Aula, Building A', after: 'Library' }]],
    ['the room removed', { place: null }, [{ what: 'place', before: 'Aula, Building A', after: null }]],
    [
      'the link',
      { onlineUrl: 'https://meet.example.com/x' },
      [{ what: 'online', before: null, after: 'https://meet.example.com/x' }],
    ],
    ['the title', { title: 'New title' }, [{ what: 'title', before: 'June brown-bag', after: 'New title' }]],
  ];
  for (const [what, change, lines] of rows) t.same(whatChanged(e, { ...now, ...change }), lines, what);
});
