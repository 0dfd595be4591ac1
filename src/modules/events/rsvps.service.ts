import { DataSource } from 'typeorm';
import { orProblem } from '../../db/fragments';
import { sql } from '../../db/sql';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { EventsService } from './events.service';
import { promote, seatFor, type RsvpCounts } from './seats';
import type { RsvpStatus } from './rsvp.entity';

export interface RsvpRow {
  event_id: string;
  person_id: string;
  name: string;
  email: string;
  department: string | null;
  status: RsvpStatus;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  position: number | null;
}

const ROW = `SELECT r.event_id, r.person_id, p.name, p.email, p.department, r.status, r.checked_in_at, r.created_at, r.updated_at,
                    CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM rsvp w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.arrival <= r.arrival) END AS position
               FROM rsvp r JOIN person p ON p.id = r.person_id`;

export class RsvpsService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: EventsService,
  ) {}

  /**
   * Going or declined. Capacity holds under any concurrency: the event row is locked, seats are
   * counted, and the answer is `going` while a seat is free, `waitlisted` after (in arrival order).
   * Declining frees the seat and promotes the first of the waitlist. Answering makes you a member.
   */
  async answer(
    actor: Actor,
    eventId: string,
    want: 'going' | 'declined',
  ): Promise<{ rsvp: RsvpRow; created: boolean; promoted: string[] }> {
    return this.ds.transaction(async (m) => {
      const v = await this.events.lockEvent(m, actor, eventId);
      if (v.event.status !== 'published')
        throw new Conflict('event-not-open', `A ${v.event.status} event takes no RSVPs.`);
      if (v.event.ends_at.getTime() < Date.now()) throw new Conflict('event-over', 'This event is over.');
      const [before] = await sql<{ status: RsvpStatus }>(
        m,
        'SELECT status FROM rsvp WHERE event_id = $1 AND person_id = $2',
        [eventId, actor.id],
      );
      const status = seatFor(want, before?.status, v.event.capacity, v.counts.going);
      const [{ inserted }] = await sql<{ inserted: boolean }>(
        m,
        `INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, $3::rsvp_status)
         ON CONFLICT (event_id, person_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now(),
           -- a new answer of "going" queues at the back
           arrival = CASE WHEN rsvp.status = 'declined' AND EXCLUDED.status <> 'declined' THEN nextval(pg_get_serial_sequence('rsvp', 'arrival')) ELSE rsvp.arrival END
         RETURNING (xmax = 0) AS inserted`,
        [eventId, actor.id, status],
      );
      await m.query(
        `INSERT INTO membership (community_id, person_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING`,
        [v.event.community_id, actor.id],
      );
      const promoted =
        before?.status === 'going' && status === 'declined' ? await promote(m, eventId, v.event.capacity) : [];
      // The invitation follows the seat: going gets REQUEST, leaving gets CANCEL, promotion both tells and invites.
      if (status === 'going' && before?.status !== 'going')
        await notify.event(m, eventId, 'REQUEST', { personIds: [actor.id] });
      if (before?.status === 'going' && status === 'declined')
        await notify.event(m, eventId, 'CANCEL', { personIds: [actor.id] });
      await notify.promoted(m, eventId, promoted);
      const [rsvp] = await sql<RsvpRow>(m, `${ROW} WHERE r.event_id = $1 AND r.person_id = $2`, [eventId, actor.id]);
      return { rsvp, created: inserted, promoted };
    });
  }

  async mine(actor: Actor, eventId: string): Promise<RsvpRow> {
    await this.events.get(actor, eventId);
    const [rsvp] = await sql<RsvpRow>(this.ds.manager, `${ROW} WHERE r.event_id = $1 AND r.person_id = $2`, [
      eventId,
      actor.id,
    ]);
    if (!rsvp) throw new NotFound('Your RSVP');
    return rsvp;
  }

  /** The attendee list, for organizers: going first, then the waitlist in order, then declined. */
  async list(actor: Actor, eventId: string, status?: RsvpStatus[]): Promise<{ items: RsvpRow[]; counts: RsvpCounts }> {
    const v = await this.events.get(actor, eventId);
    authorize(v.access, 'rsvp.list');
    const items = await sql<RsvpRow>(
      this.ds.manager,
      `${ROW} WHERE r.event_id = $1 AND ($2::rsvp_status[] IS NULL OR r.status = ANY($2::rsvp_status[]))
        ORDER BY array_position(ARRAY['going','waitlisted','declined']::rsvp_status[], r.status), r.arrival`,
      [eventId, status?.length ? status : null],
    );
    return { items, counts: v.counts };
  }

  /** Organizers check people in (or undo it); attendance feeds the community figures. */
  async checkIn(actor: Actor, eventId: string, personId: string, checkedIn: boolean): Promise<RsvpRow> {
    return this.ds.transaction(async (m) => {
      const v = await this.events.lockEvent(m, actor, eventId);
      authorize(v.access, 'event.check-in');
      if (v.event.status !== 'published')
        throw new Conflict('event-not-open', `A ${v.event.status} event takes no check-ins.`);
      const [row] = await sql<{ status: RsvpStatus }>(
        m,
        'SELECT status FROM rsvp WHERE event_id = $1 AND person_id = $2',
        [eventId, personId],
      );
      // Walk-ins: checking in someone without an RSVP records them as going.
      if (!row)
        await orProblem(
          sql(m, `INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, 'going')`, [eventId, personId]),
          '23503',
          () => new NotFound('That person'),
        );
      await m.query(
        'UPDATE rsvp SET checked_in_at = CASE WHEN $3 THEN coalesce(checked_in_at, now()) END, updated_at = now() WHERE event_id = $1 AND person_id = $2',
        [eventId, personId, checkedIn],
      );
      const [rsvp] = await sql<RsvpRow>(m, `${ROW} WHERE r.event_id = $1 AND r.person_id = $2`, [eventId, personId]);
      return rsvp;
    });
  }
}
