import { IANAZone } from 'luxon';
import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import type { EventStatus } from './event.entity';
import { promote } from './seats';
import { eventEffects, whatChanged } from './event-change';
import { lockRow } from '../../db/fragments';
import { Batcher } from '../../db/batch';
import { CANONICAL_UUID } from '../../core/uuid';
import * as q from './events.queries';
import { announce } from '../announcements/announcements.queries';
import type { AgendaItem, Booking, EventView, RoomRow } from './events.queries';
import type { EventCreate, EventPatch as EventPatchSchema } from './events.schemas';

export type EventInput = Static<typeof EventCreate>;
export type EventPatch = Static<typeof EventPatchSchema>;

/** Moves between event statuses: a published event is canceled, never deleted or unpublished. */
const STATUS_MOVES: Record<EventStatus, EventStatus[]> = {
  draft: ['published', 'canceled'],
  published: ['canceled'],
  canceled: [],
};

export function checkTimeZone(tz: string) {
  if (!IANAZone.isValidZone(tz))
    throw new RuleBroken('invalid-time-zone', `${tz} is not an IANA time zone (e.g. Europe/Berlin).`).saying({
      name: tz,
    });
}

export class EventsService {
  /** Event pages' stamps asked for in one turn go out as one statement (a cached page's only round trip). */
  readonly stamps: Batcher<{ eventId: string; personId: string }, q.EventPageStamp | undefined>;

  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {
    this.stamps = new Batcher((keys) => q.eventPageStamps(ds.manager, keys));
  }

  // ---- rooms -------------------------------------------------------------------------------

  async createRoom(
    actor: Actor,
    slug: string,
    input: { name: string; capacity?: number | null; location?: string },
  ): Promise<RoomRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'room.manage');
      const room = await q.insertRoom(m, a.community.id, {
        name: input.name,
        capacity: input.capacity ?? null,
        location: input.location ?? '',
      });
      if (!room)
        throw new Conflict('room-exists', `${slug} has a room called ${input.name} already.`).saying({
          name: input.name,
        });
      return room;
    });
  }

  async listRooms(actor: Actor, slug: string): Promise<RoomRow[]> {
    const a = await this.communities.access(actor, slug);
    return q.roomsOf(this.ds.manager, a.community.id);
  }

  async updateRoom(
    actor: Actor,
    roomId: string,
    patch: { name?: string; capacity?: number | null; location?: string },
  ): Promise<RoomRow> {
    return this.ds.transaction(async (m) => {
      const room = await q.roomById(m, roomId, true);
      if (!room) throw new NotFound('The room');
      const a = await this.communities.accessById(actor, room.community_id, m);
      authorize(a, 'room.manage');
      const taken = patch.name && patch.name !== room.name && (await q.roomNameTaken(m, room.community_id, patch.name));
      if (taken)
        throw new Conflict('room-exists', `There is a room called ${patch.name} already.`).saying({
          name: patch.name ?? '',
        });
      const row = await q.updateRoom(m, roomId, {
        name: patch.name ?? room.name,
        capacity: patch.capacity === undefined ? room.capacity : patch.capacity,
        location: patch.location ?? room.location,
      });
      // Events in this room move on calendars when the room's name or place changes.
      if (
        (patch.name && patch.name !== room.name) ||
        (patch.location !== undefined && patch.location !== room.location)
      ) {
        await q.bumpEventsInRoom(m, roomId);
      }
      return row;
    });
  }

  // ---- events ------------------------------------------------------------------------------

  async create(actor: Actor, slug: string, input: EventInput): Promise<EventView> {
    return this.namingRoomConflicts(input.roomId, input.startsAt, input.endsAt, null, () =>
      this.ds.transaction(async (m) => {
        const a = await this.communities.access(actor, slug, m);
        authorize(a, 'event.create');
        const tz = input.timeZone ?? a.community.timeZone;
        checkTimeZone(tz);
        const { start, end } = this.window(input.startsAt, input.endsAt);
        const room = input.roomId ? await this.roomOf(m, a, input.roomId) : null;
        const capacity = input.capacity === undefined ? (room?.capacity ?? null) : input.capacity;
        await this.checkRoomFree(m, room?.id ?? null, start, end, null);
        const id = await q.insertEvent(m, a.community.id, {
          title: input.title,
          description: input.description ?? '',
          start,
          end,
          timeZone: tz,
          roomId: room?.id ?? null,
          onlineUrl: input.onlineUrl ?? null,
          capacity,
        });
        return this.view(m, actor, id, a);
      }),
    );
  }

  /**
   * What the reader's page of the event depends on (the page cache's key), and who may see it. Only
   * those who change the agenda see its backlog (accepted talks): their pages move with every change
   * in the community, everyone else's only with what every reader sees.
   */
  async pageStamp(actor: Actor, id: string) {
    // An id PostgreSQL may refuse goes alone (its 400 as before), never into the shared statement.
    const key = { eventId: id, personId: actor.id };
    const s = CANONICAL_UUID.test(id)
      ? await this.stamps.one(key)
      : (await q.eventPageStamps(this.ds.manager, [key]))[0];
    if (!s) return undefined;
    const backlog = can({ actor, role: s.role }, 'agenda.change');
    return { key: backlog ? `${s.key}/${s.content}` : s.key, visibility: s.visibility };
  }

  async get(actor: Actor, id: string): Promise<EventView> {
    return this.view(this.ds.manager, actor, id);
  }

  /** A community home's events: the next `limit` published ones and the last `limit` held, in one read. */
  async around(a: Access, limit: number) {
    return q.eventsAround(this.ds.manager, a.community.id, new Date().toISOString(), limit);
  }

  /** `community`: its slug, or the access a caller already read (a page asks once, not per list). */
  async list(
    actor: Actor,
    community: string | Access,
    f: { from?: string; to?: string; status?: EventStatus[]; limit: number; cursor?: string },
  ) {
    const a = typeof community === 'string' ? await this.communities.access(actor, community) : community;
    const after = decodeCursor(f.cursor, ['string', 'string']);
    const rows = await q.eventsPage(this.ds.manager, a.community.id, {
      drafts: can(a, 'event.see-drafts'),
      status: f.status,
      from: f.from,
      to: f.to,
      after: after as [string, string] | null,
      limit: f.limit + 1,
    });
    return pageOf(
      rows,
      f.limit,
      (r) => [r.start_key, r.id],
      (r) => ({ event: r, access: a }),
    );
  }

  async update(actor: Actor, id: string, patch: EventPatch, expected?: number): Promise<EventView> {
    return this.namingRoomConflicts(patch.roomId, patch.startsAt, patch.endsAt, id, () =>
      this.ds.transaction(async (m) => {
        const cur = await this.lockEvent(m, actor, id);
        const a = cur.access;
        authorize(a, 'event.update');
        if (expected !== undefined && expected !== cur.event.version) throw new PreconditionFailed();
        const e = cur.event;
        if (e.status === 'canceled')
          throw new Conflict('event-canceled', 'A canceled event no longer changes; create a new one.');
        if (patch.status && patch.status !== e.status && !STATUS_MOVES[e.status].includes(patch.status)) {
          throw new Conflict('invalid-transition', `A ${e.status} event cannot become ${patch.status}.`, {
            from: e.status,
            to: patch.status,
            allowed: STATUS_MOVES[e.status],
          }).saying({ of: 'event', from: e.status, to: patch.status });
        }
        if (patch.cancelReason !== undefined && patch.status !== 'canceled')
          throw new RuleBroken('reason-without-cancel', 'A cancel reason goes with status: canceled.');
        if (patch.timeZone) checkTimeZone(patch.timeZone);
        const { start, end } = this.window(
          patch.startsAt ?? e.starts_at.toISOString(),
          patch.endsAt ?? e.ends_at.toISOString(),
        );
        const room =
          patch.roomId === undefined
            ? e.room_id
              ? { id: e.room_id }
              : null
            : patch.roomId
              ? await this.roomOf(m, a, patch.roomId)
              : null;
        const status = patch.status ?? e.status;
        if (status !== 'canceled') await this.checkRoomFree(m, room?.id ?? null, start, end, id);
        // Talks move with the event when it moves as a whole; otherwise they must still fit inside it.
        const shift = start.getTime() - e.starts_at.getTime();
        const sameLength = end.getTime() - start.getTime() === e.ends_at.getTime() - e.starts_at.getTime();
        const shiftedSlots = shift !== 0 && sameLength;
        if (shiftedSlots) {
          await q.shiftSlots(m, id, shift);
        } else if (shift !== 0 || !sameLength) {
          const outside = cur.agenda.filter((s) => s.starts_at < start || s.ends_at > end);
          if (outside.length) {
            throw new RuleBroken(
              'slots-outside-event',
              `Talks would fall outside the event: ${outside.map((s) => `"${s.title}"`).join(', ')}. Move them first, or move the whole event.`,
              { slots: outside.map((s) => s.slot_id) },
            ).saying({ titles: outside.map((s) => `“${s.title}”`).join(', ') });
          }
        }
        const capacity = patch.capacity === undefined ? e.capacity : patch.capacity;
        const roomId = room?.id ?? null;
        const fx = eventEffects(e, patch, { start, end, roomId, status, capacity });
        await q.updateEvent(
          m,
          id,
          {
            title: patch.title ?? e.title,
            description: patch.description ?? e.description,
            start,
            end,
            timeZone: patch.timeZone ?? e.time_zone,
            roomId,
            onlineUrl: patch.onlineUrl === undefined ? e.online_url : patch.onlineUrl,
            capacity,
            status,
          },
          fx.calendarChange,
        );
        if (fx.calendarChange && !shiftedSlots) await q.bumpSlots(m, id);
        // Who hears of it: decided by eventEffects (event-change.ts), carried out here.
        if (fx.promote) await notify.promoted(m, id, await promote(m, id, capacity));
        if (fx.cancelReason) await q.setCancelReason(m, id, fx.cancelReason);
        if (fx.announce) {
          const { happening, key, title, text } = fx.announce;
          await announce(m, e.community_id, happening, key, {
            community: a.community.slug,
            path: `/events/${id}`,
            type: happening,
            title,
            text,
          });
        }
        if (fx.invite === 'talks') for (const s of cur.agenda) await notify.talk(m, s.proposal_id, 'REQUEST');
        else if (fx.invite === 'cancel') await notify.eventChanged(m, id, true);
        else if (fx.invite === 'update')
          await notify.eventChanged(
            m,
            id,
            false,
            whatChanged(e, {
              start,
              end,
              timeZone: patch.timeZone ?? e.time_zone,
              place: fx.placeChanged ? await this.placeName(m, roomId) : undefined,
              onlineUrl: patch.onlineUrl === undefined ? e.online_url : patch.onlineUrl,
              title: patch.title ?? e.title,
            }),
          );
        return this.view(m, actor, id, a);
      }),
    );
  }

  /**
   * When two bookings race, the exclusion constraint refuses the later one inside its transaction;
   * the answer then names the event that won, read after the rollback.
   */
  private async namingRoomConflicts<T>(
    roomId: string | null | undefined,
    startsAt: string | undefined,
    endsAt: string | undefined,
    self: string | null,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
      const d = err.driverError ?? err;
      if (d.code !== '23P01' || d.constraint !== 'event_room_overlap') throw e;
      const other = await q.overlappingBooking(this.ds.manager, roomId ?? null, startsAt ?? null, endsAt ?? null, self);
      if (other) throw roomConflict(other);
      throw new Conflict('room-conflict', 'The room is booked at that time.');
    }
  }

  private async placeName(m: EntityManager, roomId: string | null): Promise<string | null> {
    if (!roomId) return null;
    const r = await q.roomById(m, roomId);
    return r ? [r.name, r.location].filter(Boolean).join(', ') : null;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const cur = await this.lockEvent(m, actor, id);
      authorize(cur.access, 'event.delete');
      if (cur.event.status !== 'draft')
        throw new Conflict(
          'not-a-draft',
          'Only drafts are deleted; a published event is canceled (PATCH status: canceled), so calendars learn of it.',
        );
      await q.deleteEvent(m, id);
    });
  }

  // ---- shared ------------------------------------------------------------------------------

  /** Reads an event as the actor may see it (drafts: organizers only), with agenda and counts. */
  async view(m: EntityManager, actor: Actor, id: string, known?: Access): Promise<EventView> {
    const found = await q.eventWithFigures(m, id, actor.id);
    if (!found) throw new NotFound('The event');
    const { event, counts, myRsvp, agenda } = found;
    const access =
      known?.community.id === event.community_id
        ? known
        : await this.communities.accessById(actor, event.community_id, m);
    if (event.status === 'draft' && !can(access, 'event.see-drafts')) throw new NotFound('The event');
    return { event, access, agenda, counts, myRsvp };
  }

  /** Locks the event row (serialising agenda, RSVP and edit changes of one event) and reads it. */
  async lockEvent(m: EntityManager, actor: Actor, id: string): Promise<EventView> {
    await lockRow(m, 'event', id);
    return this.view(m, actor, id);
  }

  async agendaOf(m: EntityManager, eventIds: string[]): Promise<(AgendaItem & { event_id: string })[]> {
    return eventIds.length ? q.agendaOf(m, eventIds) : [];
  }

  private window(startsAt: string, endsAt: string) {
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (end.getTime() <= start.getTime()) throw new RuleBroken('invalid-window', 'endsAt must come after startsAt.');
    return { start, end };
  }

  private async roomOf(m: EntityManager, a: Access, roomId: string): Promise<RoomRow> {
    const room = await q.roomById(m, roomId);
    if (!room || room.community_id !== a.community.id)
      throw new RuleBroken('unknown-room', `${a.community.slug} has no room ${roomId}.`);
    return room;
  }

  /**
   * Names the event a booking would collide with. The exclusion constraint is the guarantee (two
   * concurrent bookings cannot both commit); this check only lets the answer name the other event.
   */
  private async checkRoomFree(m: EntityManager, roomId: string | null, start: Date, end: Date, self: string | null) {
    if (!roomId) return;
    const other = await q.overlappingBooking(m, roomId, start, end, self);
    if (other) throw roomConflict(other);
  }
}

export function roomConflict(other: Booking) {
  return new Conflict(
    'room-conflict',
    `The room is booked for "${other.title}" (${other.starts_at.toISOString()} – ${other.ends_at.toISOString()}).`,
    {
      conflictsWith: {
        id: other.id,
        title: other.title,
        startsAt: other.starts_at.toISOString(),
        endsAt: other.ends_at.toISOString(),
      },
    },
  ).saying({
    title: other.title,
    startsAt: other.starts_at.toISOString(),
    endsAt: other.ends_at.toISOString(),
    zone: other.time_zone,
  });
}
