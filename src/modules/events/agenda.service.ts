import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import type { EventsService, EventView } from './events.service';
import { speakerRefs } from '../../db/fragments';
import { lockRow } from '../../db/fragments';

const SCHEDULABLE = ['accepted', 'confirmed'];

interface Talk {
  id: string;
  community_id: string;
  state: string;
  title: string;
  duration_minutes: number;
}
export interface BacklogRow {
  id: string;
  title: string;
  state: string;
  format_key: string;
  duration_minutes: number;
  speakers: { id: string; name: string }[];
}

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
        const [existing] = await sql<{ id: string; event_id: string }>(
          m,
          'SELECT id, event_id FROM slot WHERE proposal_id = $1',
          [talk.id],
        );
        if (existing)
          throw new Conflict(
            'already-scheduled',
            `"${talk.title}" has a slot already; move it (PATCH /v1/slots/${existing.id}) instead.`,
            { slotId: existing.id, eventId: existing.event_id },
          );
        const start = new Date(input.startsAt);
        const end = input.endsAt ? new Date(input.endsAt) : new Date(start.getTime() + talk.duration_minutes * 60_000);
        await this.checkFits(m, v, talk, start, end, null);
        await m.query('INSERT INTO slot (event_id, proposal_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)', [
          eventId,
          talk.id,
          start,
          end,
        ]);
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
        const [slot] = await sql<{ id: string; event_id: string; proposal_id: string; starts_at: Date; ends_at: Date }>(
          m,
          'SELECT id, event_id, proposal_id, starts_at, ends_at FROM slot WHERE id = $1',
          [slotId],
        );
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
        await m.query(
          'UPDATE slot SET event_id = $2, starts_at = $3, ends_at = $4, sequence = sequence + 1, updated_at = now() WHERE id = $1',
          [slotId, target, start, end],
        );
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

  async remove(actor: Actor, slotId: string): Promise<EventView> {
    return this.ds.transaction(async (m) => {
      const [slot] = await sql<{ event_id: string; proposal_id: string; starts_at: Date; ends_at: Date }>(
        m,
        'SELECT event_id, proposal_id, starts_at, ends_at FROM slot WHERE id = $1',
        [slotId],
      );
      if (!slot) throw new NotFound('The slot');
      const v = await this.events.lockEvent(m, actor, slot.event_id);
      authorize(v.access, 'agenda.change');
      await m.query('DELETE FROM slot WHERE id = $1', [slotId]);
      await this.touch(m, [slot.event_id]);
      if (v.event.status === 'published')
        await notify.talk(m, slot.proposal_id, 'CANCEL', {
          was: { eventId: slot.event_id, startsAt: slot.starts_at, endsAt: slot.ends_at },
        });
      return this.events.view(m, actor, slot.event_id, v.access);
    });
  }

  /** Accepted and confirmed talks of a community that have no slot yet (organizers). */
  async backlog(actor: Actor, slug: string): Promise<BacklogRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'agenda.backlog');
    return sql<BacklogRow>(
      this.ds.manager,
      `SELECT p.id, p.title, p.state, f.key AS format_key, f.duration_minutes,
              ${speakerRefs('p.id')} AS speakers
         FROM proposal p JOIN call_format f ON f.id = p.format_id
        WHERE p.community_id = $1 AND p.state IN ('accepted', 'confirmed') AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.proposal_id = p.id)
        ORDER BY p.submitted_at, p.id`,
      [a.community.id],
    );
  }

  private async openEvent(m: EntityManager, actor: Actor, eventId: string): Promise<EventView> {
    const v = await this.events.lockEvent(m, actor, eventId);
    authorize(v.access, 'agenda.change');
    if (v.event.status === 'canceled') throw new Conflict('event-canceled', 'A canceled event takes no talks.');
    return v;
  }

  private async talk(m: EntityManager, proposalId: string, communityId: string): Promise<Talk> {
    const [talk] = await sql<Talk>(
      m,
      `SELECT p.id, p.community_id, p.state, p.title, f.duration_minutes FROM proposal p JOIN call_format f ON f.id = p.format_id WHERE p.id = $1 FOR UPDATE OF p`,
      [proposalId],
    );
    if (!talk || talk.community_id !== communityId)
      throw new RuleBroken('unknown-proposal', `This community has no proposal ${proposalId}.`);
    if (!SCHEDULABLE.includes(talk.state)) {
      throw new RuleBroken(
        'not-schedulable',
        `"${talk.title}" is ${talk.state}; only accepted or confirmed talks get a slot.`,
        { state: talk.state },
      );
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
      );
    }
    const clash = v.agenda.find((s) => s.slot_id !== self && s.starts_at < end && start < s.ends_at);
    if (clash) throw slotOverlap(clash.title, clash.slot_id);
    const speakers = await sql<{ person_id: string; name: string }>(
      m,
      'SELECT ps.person_id, p.name FROM proposal_speaker ps JOIN person p ON p.id = ps.person_id WHERE ps.proposal_id = $1 ORDER BY ps.person_id',
      [talk.id],
    );
    for (const s of speakers)
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 42))', [`speaker:${s.person_id}`]);
    const [busy] = await sql<{
      name: string;
      title: string;
      event_title: string;
      slot_id: string;
      starts_at: Date;
      ends_at: Date;
    }>(
      m,
      `SELECT sp.name, p.title, e.title AS event_title, s.id AS slot_id, s.starts_at, s.ends_at
         FROM slot s JOIN proposal p ON p.id = s.proposal_id JOIN event e ON e.id = s.event_id
         JOIN proposal_speaker ps ON ps.proposal_id = p.id JOIN person sp ON sp.id = ps.person_id
        WHERE ps.person_id = ANY($1) AND p.id <> $2 AND e.status <> 'canceled' AND s.starts_at < $4 AND $3 < s.ends_at
        LIMIT 1`,
      [speakers.map((s) => s.person_id), talk.id, start, end],
    );
    if (busy) {
      throw new Conflict(
        'speaker-conflict',
        `${busy.name} speaks at the same time: "${busy.title}" at ${busy.event_title} (${busy.starts_at.toISOString()} – ${busy.ends_at.toISOString()}).`,
        {
          speaker: busy.name,
          conflictsWith: { slotId: busy.slot_id, title: busy.title, event: busy.event_title },
        },
      );
    }
  }

  /** The agenda is part of what a calendar shows of the event: its sequence grows. */
  private async touch(m: EntityManager, eventIds: string[]) {
    await m.query(
      'UPDATE event SET sequence = sequence + 1, version = version + 1, updated_at = now() WHERE id = ANY($1)',
      [eventIds],
    );
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
  });
}
