import type { DataSource, EntityManager } from 'typeorm';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, RuleBroken } from '../../core/errors';
import { authorize, TALK_STATES } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import type { EventsService } from './events.service';
import type { EventView } from './events.queries';
import { lockRow } from '../../db/fragments';
import * as q from './agenda.queries';
import type { BacklogRow, Talk } from './agenda.queries';

const SCHEDULABLE: readonly string[] = TALK_STATES;

/**
 * The agenda: accepted or confirmed talks placed in events as slots. Every refusal names what it
 * collides with. Slots of one event cannot overlap (exclusion constraint); a speaker is never in two
 * overlapping slots anywhere (checked under advisory locks on the speakers, so two organizers placing
 * the same speaker at once cannot both pass).
 */
export class AgendaService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly communities: CommunitiesService,
  ) {}

  async place(
    actor: Actor,
    eventId: string,
    input: { proposalId: string; startsAt: string; endsAt?: string },
  ): Promise<EventView> {
    return this.slotConflicts(() =>
      this.ds.transaction(async (m) => {
        const v = await this.openEvent(m, actor, eventId);
        const talk = await this.talk(m, input.proposalId, v.event.community_id);
        const existing = await q.slotOfTalk(m, talk.id);
        if (existing)
          throw new Conflict(
            'already-scheduled',
            `"${talk.title}" has a slot already; move it (PATCH /v1/slots/${existing.id}) instead.`,
            { slotId: existing.id, eventId: existing.event_id },
          ).saying({ title: talk.title });
        const start = new Date(input.startsAt);
        const end = input.endsAt ? new Date(input.endsAt) : new Date(start.getTime() + talk.duration_minutes * 60_000);
        await this.checkFits(m, v, talk, start, end, null);
        await q.insertSlot(m, eventId, talk.id, start, end);
        await this.touch(m, [eventId]);
        if (v.event.status === 'published') await notify.talk(m, talk.id, 'REQUEST');
        return this.events.view(m, actor, eventId, v.access);
      }),
    );
  }

  async move(
    actor: Actor,
    slotId: string,
    input: { eventId?: string; startsAt?: string; endsAt?: string },
  ): Promise<EventView> {
    return this.slotConflicts(() =>
      this.ds.transaction(async (m) => {
        const slot = await q.slotById(m, slotId);
        if (!slot) throw new NotFound('The slot');
        const target = input.eventId ?? slot.event_id;
        // Lock both events in a fixed order, so two moves in opposite directions cannot deadlock.
        for (const id of [...new Set([slot.event_id, target])].sort()) await lockRow(m, 'event', id);
        const from = await this.events.view(m, actor, slot.event_id);
        authorize(from.access, 'agenda.change');
        const v = target === slot.event_id ? from : await this.openEvent(m, actor, target);
        if (v.event.community_id !== from.event.community_id)
          throw new RuleBroken('other-community', 'A talk moves only between events of its own community.');
        if (target !== slot.event_id && !input.startsAt)
          throw new RuleBroken('start-required', 'Moving a talk to another event needs its new startsAt.');
        const talk = await this.talk(m, slot.proposal_id, v.event.community_id);
        const start = input.startsAt ? new Date(input.startsAt) : slot.starts_at;
        const end = input.endsAt
          ? new Date(input.endsAt)
          : new Date(start.getTime() + (slot.ends_at.getTime() - slot.starts_at.getTime()));
        await this.checkFits(m, v, talk, start, end, slot.id);
        await q.moveSlot(m, slotId, target, start, end);
        await this.touch(m, [...new Set([slot.event_id, target])]);
        if (v.event.status === 'published') await notify.talk(m, talk.id, 'REQUEST', { update: true });
        else if (from.event.status === 'published')
          await notify.talk(m, talk.id, 'CANCEL', {
            was: { eventId: slot.event_id, startsAt: slot.starts_at, endsAt: slot.ends_at },
          });
        return this.events.view(m, actor, target, v.access);
      }),
    );
  }

  /**
   * Swaps a talk with the one before it (`earlier`) or after it (`later`) on its event's agenda: the
   * two keep their lengths and the gap between them, and together take the time they took before.
   */
  async reorder(actor: Actor, slotId: string, direction: 'earlier' | 'later'): Promise<EventView> {
    return this.slotConflicts(() =>
      this.ds.transaction(async (m) => {
        const slot = await q.slotById(m, slotId);
        if (!slot) throw new NotFound('The slot');
        const v = await this.openEvent(m, actor, slot.event_id);
        const i = v.agenda.findIndex((s) => s.slot_id === slotId);
        const j = direction === 'earlier' ? i - 1 : i + 1;
        const other = v.agenda[j];
        if (i < 0 || !other)
          throw new Conflict(
            'nothing-to-swap',
            `"${v.agenda[i]?.title ?? 'The talk'}" is already the ${direction === 'earlier' ? 'first' : 'last'} on the agenda.`,
          ).saying({ title: v.agenda[i]?.title ?? '', end: direction === 'earlier' ? 'first' : 'last' });
        const [first, second] = direction === 'earlier' ? [v.agenda[i], other] : [other, v.agenda[i]];
        const len = (s: { starts_at: Date; ends_at: Date }) => s.ends_at.getTime() - s.starts_at.getTime();
        const gap = second.starts_at.getTime() - first.ends_at.getTime();
        const at = first.starts_at.getTime();
        // The later talk comes first now: [at, at + its length], then the gap, then the earlier talk.
        const next = [
          { s: second, start: new Date(at), end: new Date(at + len(second)) },
          { s: first, start: new Date(at + len(second) + gap), end: new Date(at + len(second) + gap + len(first)) },
        ];
        // Out of the way first (the exclusion constraint checks each row at once), then into place.
        const away = 1000 * 365 * 86_400_000;
        await q.moveSlot(m, first.slot_id, v.event.id, new Date(at + away), new Date(at + away + len(first)));
        const rest = {
          ...v,
          agenda: v.agenda.filter((s) => s.slot_id !== first.slot_id && s.slot_id !== second.slot_id),
        };
        for (const n of next) {
          await this.checkFits(
            m,
            rest,
            await this.talk(m, n.s.proposal_id, v.event.community_id),
            n.start,
            n.end,
            null,
          );
          await q.moveSlot(m, n.s.slot_id, v.event.id, n.start, n.end);
        }
        await this.touch(m, [v.event.id]);
        if (v.event.status === 'published')
          for (const n of next) await notify.talk(m, n.s.proposal_id, 'REQUEST', { update: true });
        return this.events.view(m, actor, v.event.id, v.access);
      }),
    );
  }

  async remove(actor: Actor, slotId: string): Promise<EventView> {
    return this.ds.transaction(async (m) => {
      const slot = await q.slotById(m, slotId);
      if (!slot) throw new NotFound('The slot');
      const v = await this.events.lockEvent(m, actor, slot.event_id);
      authorize(v.access, 'agenda.change');
      await q.deleteSlot(m, slotId);
      await this.touch(m, [slot.event_id]);
      if (v.event.status === 'published')
        await notify.talk(m, slot.proposal_id, 'CANCEL', {
          was: { eventId: slot.event_id, startsAt: slot.starts_at, endsAt: slot.ends_at },
        });
      return this.events.view(m, actor, slot.event_id, v.access);
    });
  }

  /** The event a slot is on, when the actor may read that event (pages go back to it). */
  async eventOf(actor: Actor, slotId: string): Promise<string> {
    const slot = await q.slotById(this.ds.manager, slotId);
    if (!slot) throw new NotFound('The slot');
    await this.events.get(actor, slot.event_id);
    return slot.event_id;
  }

  /** Accepted and confirmed talks of a community that have no slot yet (organizers). */
  async backlog(actor: Actor, slug: string): Promise<BacklogRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'agenda.backlog');
    return q.backlogOf(this.ds.manager, a.community.id);
  }

  private async openEvent(m: EntityManager, actor: Actor, eventId: string): Promise<EventView> {
    const v = await this.events.lockEvent(m, actor, eventId);
    authorize(v.access, 'agenda.change');
    if (v.event.status === 'canceled') throw new Conflict('event-canceled', 'A canceled event takes no talks.');
    return v;
  }

  private async talk(m: EntityManager, proposalId: string, communityId: string): Promise<Talk> {
    const talk = await q.lockTalk(m, proposalId);
    if (!talk || talk.community_id !== communityId)
      throw new RuleBroken('unknown-proposal', `This community has no proposal ${proposalId}.`);
    if (!SCHEDULABLE.includes(talk.state)) {
      throw new RuleBroken(
        'not-schedulable',
        `"${talk.title}" is ${talk.state}; only accepted or confirmed talks get a slot.`,
        { state: talk.state },
      ).saying({ title: talk.title, state: talk.state });
    }
    return talk;
  }

  private async checkFits(m: EntityManager, v: EventView, talk: Talk, start: Date, end: Date, self: string | null) {
    if (end.getTime() <= start.getTime()) throw new RuleBroken('invalid-window', 'endsAt must come after startsAt.');
    if (start < v.event.starts_at || end > v.event.ends_at) {
      throw new RuleBroken(
        'slot-outside-event',
        `The slot must lie inside the event (${v.event.starts_at.toISOString()} – ${v.event.ends_at.toISOString()}).`,
        {
          eventStartsAt: v.event.starts_at.toISOString(),
          eventEndsAt: v.event.ends_at.toISOString(),
        },
      ).saying({
        startsAt: v.event.starts_at.toISOString(),
        endsAt: v.event.ends_at.toISOString(),
        zone: v.event.time_zone,
      });
    }
    const clash = v.agenda.find((s) => s.slot_id !== self && s.starts_at < end && start < s.ends_at);
    if (clash) throw slotOverlap(clash.title, clash.slot_id);
    const speakers = await q.lockSpeakers(m, talk.id);
    const busy = await q.speakerBusy(m, speakers, talk.id, start, end);
    if (busy) {
      throw new Conflict(
        'speaker-conflict',
        `${busy.name} speaks at the same time: "${busy.title}" at ${busy.event_title} (${busy.starts_at.toISOString()} – ${busy.ends_at.toISOString()}).`,
        {
          speaker: busy.name,
          conflictsWith: { slotId: busy.slot_id, title: busy.title, event: busy.event_title },
        },
      ).saying({
        speaker: busy.name,
        title: busy.title,
        event: busy.event_title,
        startsAt: busy.starts_at.toISOString(),
        endsAt: busy.ends_at.toISOString(),
        zone: v.event.time_zone,
      });
    }
  }

  /** The agenda is part of what a calendar shows of the event: its sequence grows. */
  private async touch(m: EntityManager, eventIds: string[]) {
    await q.bumpEvents(m, eventIds);
  }

  private async slotConflicts<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const d = ((e as { driverError?: unknown }).driverError ?? e) as { code?: string; constraint?: string };
      if (d.code === '23P01' && d.constraint === 'slot_overlap') throw slotOverlap('another talk', null);
      throw e;
    }
  }
}

function slotOverlap(title: string, slotId: string | null) {
  return new Conflict('slot-overlap', `The slot overlaps "${title}" in the same event.`, {
    conflictsWith: { slotId, title },
  }).saying({ title });
}
