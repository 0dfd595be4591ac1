/** Who gets a seat: the answer an RSVP becomes, as a table. No app, no database. */
import t from 'tap';
import { seatFor } from '../../src/modules/events/seats';
import type { RsvpStatus } from '../../src/modules/events/rsvp.entity';

type Row = [
  want: 'going' | 'declined',
  before: RsvpStatus | undefined,
  capacity: number | null,
  going: number,
  gets: RsvpStatus,
];

const TABLE: Row[] = [
  // a new answer of "going": a seat while one is free, the waitlist after
  ['going', undefined, 2, 0, 'going'],
  ['going', undefined, 2, 1, 'going'],
  ['going', undefined, 2, 2, 'waitlisted'],
  ['going', undefined, 2, 5, 'waitlisted'],
  ['going', undefined, 0, 0, 'waitlisted'],
  // no capacity: always a seat
  ['going', undefined, null, 10_000, 'going'],
  // someone who declined asks again: like a new answer
  ['going', 'declined', 1, 0, 'going'],
  ['going', 'declined', 1, 1, 'waitlisted'],
  // an existing place is kept: going stays going (even when over a lowered capacity),
  // the waitlisted keep their place in the queue rather than jump it
  ['going', 'going', 1, 1, 'going'],
  ['going', 'going', 1, 3, 'going'],
  ['going', 'waitlisted', 5, 0, 'waitlisted'],
  ['going', 'waitlisted', null, 0, 'waitlisted'],
  // declining is always possible
  ['declined', undefined, 1, 1, 'declined'],
  ['declined', 'going', 1, 1, 'declined'],
  ['declined', 'waitlisted', 1, 1, 'declined'],
  ['declined', 'declined', null, 0, 'declined'],
];

t.test('seatFor', async (t) => {
  for (const [want, before, capacity, going, gets] of TABLE)
    t.equal(
      seatFor(want, before, capacity, going),
      gets,
      `${want}, was ${before ?? 'nothing'}, ${going} going of ${capacity ?? 'unlimited'} → ${gets}`,
    );
});
