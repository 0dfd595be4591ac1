import type { DataSource } from 'typeorm';
import { orProblem } from '../../db/fragments';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { EventsService } from './events.service';
import { promote, seatFor, type RsvpCounts } from './seats';
import type { RsvpStatus } from './rsvp.entity';
import * as q from './rsvps.queries';
import type { RsvpRow } from './rsvps.queries';

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
        throw new Conflict('event-not-open', `A ${v.event.status} event takes no RSVPs.`).saying({
          status: v.event.status,
          doing: 'rsvp',
        });
      if (v.event.ends_at.getTime() < Date.now()) throw new Conflict('event-over', 'This event is over.');
      const before = await q.rsvpStatus(m, eventId, actor.id);
      const status = seatFor(want, before, v.event.capacity, v.counts.going);
      const inserted = await q.upsertRsvp(m, v.event.community_id, eventId, actor.id, status);
      const promoted = before === 'going' && status === 'declined' ? await promote(m, eventId, v.event.capacity) : [];
      // The invitation follows the seat: going gets REQUEST, leaving gets CANCEL, promotion both tells and invites.
      if (status === 'going' && before !== 'going')
        await notify.event(m, eventId, 'REQUEST', { personIds: [actor.id] });
      if (before === 'going' && status === 'declined')
        await notify.event(m, eventId, 'CANCEL', { personIds: [actor.id] });
      await notify.promoted(m, eventId, promoted);
      const rsvp = await q.rsvpRow(m, eventId, actor.id);
      return { rsvp, created: inserted, promoted };
    });
  }

  async mine(actor: Actor, eventId: string): Promise<RsvpRow> {
    await this.events.get(actor, eventId);
    const rsvp = await q.rsvpRow(this.ds.manager, eventId, actor.id);
    if (!rsvp) throw new NotFound('Your RSVP');
    return rsvp;
  }

  /** The attendee list, for organizers: going first, then the waitlist in order, then declined. */
  async list(actor: Actor, eventId: string, status?: RsvpStatus[]): Promise<{ items: RsvpRow[]; counts: RsvpCounts }> {
    const v = await this.events.get(actor, eventId);
    authorize(v.access, 'rsvp.list');
    const items = await q.rsvpsOf(this.ds.manager, eventId, status?.length ? status : null);
    return { items, counts: v.counts };
  }

  /** Organizers check people in (or undo it); attendance feeds the community figures. */
  async checkIn(actor: Actor, eventId: string, personId: string, checkedIn: boolean): Promise<RsvpRow> {
    return this.ds.transaction(async (m) => {
      const v = await this.events.lockEvent(m, actor, eventId);
      authorize(v.access, 'event.check-in');
      if (v.event.status !== 'published')
        throw new Conflict('event-not-open', `A ${v.event.status} event takes no check-ins.`).saying({
          status: v.event.status,
          doing: 'checkIn',
        });
      const row = await q.rsvpStatus(m, eventId, personId);
      // Walk-ins: checking in someone without an RSVP records them as going.
      if (!row) await orProblem(q.insertWalkIn(m, eventId, personId), '23503', () => new NotFound('That person'));
      await q.setCheckedIn(m, eventId, personId, checkedIn);
      return q.rsvpRow(m, eventId, personId);
    });
  }
}
