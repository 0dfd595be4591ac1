import { IANAZone } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { notify } from '../../mail/notify';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import type { EventStatus } from './event.entity';
import { noCounts, promote, rsvpCounts, type RsvpCounts } from './seats';
import { speakerRefs } from '../../db/fragments';
import { lockRow } from '../../db/fragments';

export interface RoomRow {
  id: string;
  community_id: string;
  name: string;
  capacity: number | null;
  location: string;
  created_at: Date;
}
export interface EventRow {
  id: string;
  community_id: string;
  slug: string;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  room_id: string | null;
  room_name: string | null;
  room_location: string | null;
  online_url: string | null;
  capacity: number | null;
  status: EventStatus;
  sequence: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  start_key: string;
}
export interface AgendaItem {
  slot_id: string;
  proposal_id: string;
  title: string;
  abstract: string;
  starts_at: Date;
  ends_at: Date;
  sequence: number;
  updated_at: Date;
  format_key: string;
  speakers: { id: string; name: string }[];
}
export interface EventView {
  event: EventRow;
  access: Access;
  agenda: AgendaItem[];
  counts: RsvpCounts;
  myRsvp: string | null;
}

export interface EventInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  timeZone?: string;
  roomId?: string | null;
  onlineUrl?: string | null;
  capacity?: number | null;
}
export type EventPatch = Partial<EventInput> & { status?: EventStatus };

export const EVENT_SELECT = `
  SELECT e.id, e.community_id, c.slug, e.title, e.description, e.starts_at, e.ends_at, e.time_zone, e.room_id,
         r.name AS room_name, r.location AS room_location, e.online_url, e.capacity, e.status, e.sequence, e.version,
         e.created_at, e.updated_at, e.starts_at::text AS start_key
    FROM event e JOIN community c ON c.id = e.community_id LEFT JOIN room r ON r.id = e.room_id`;

/** Moves between event statuses: a published event is canceled, never deleted or unpublished. */
const STATUS_MOVES: Record<EventStatus, EventStatus[]> = {
  draft: ['published', 'canceled'],
  published: ['canceled'],
  canceled: [],
};

export function checkTimeZone(tz: string) {
  if (!IANAZone.isValidZone(tz))
    throw new RuleBroken('invalid-time-zone', `${tz} is not an IANA time zone (e.g. Europe/Berlin).`);
}

export class EventsService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  // ---- rooms -------------------------------------------------------------------------------

  async createRoom(
    actor: Actor,
    slug: string,
    input: { name: string; capacity?: number | null; location?: string },
  ): Promise<RoomRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'room.manage');
      const rows = await sql<RoomRow>(
        m,
        `INSERT INTO room (community_id, name, capacity, location) VALUES ($1, $2, $3, $4) ON CONFLICT ON CONSTRAINT room_name DO NOTHING
         RETURNING id, community_id, name, capacity, location, created_at`,
        [a.community.id, input.name, input.capacity ?? null, input.location ?? ''],
      );
      if (!rows.length) throw new Conflict('room-exists', `${slug} has a room called ${input.name} already.`);
      return rows[0];
    });
  }

  async listRooms(actor: Actor, slug: string): Promise<RoomRow[]> {
    const a = await this.communities.access(actor, slug);
    return sql<RoomRow>(
      this.ds.manager,
      'SELECT id, community_id, name, capacity, location, created_at FROM room WHERE community_id = $1 ORDER BY name',
      [a.community.id],
    );
  }

  async updateRoom(
    actor: Actor,
    roomId: string,
    patch: { name?: string; capacity?: number | null; location?: string },
  ): Promise<RoomRow> {
    return this.ds.transaction(async (m) => {
      const [room] = await sql<RoomRow>(
        m,
        'SELECT id, community_id, name, capacity, location, created_at FROM room WHERE id = $1 FOR UPDATE',
        [roomId],
      );
      if (!room) throw new NotFound('The room');
      const a = await this.communities.accessById(actor, room.community_id, m);
      authorize(a, 'room.manage');
      const taken =
        patch.name &&
        patch.name !== room.name &&
        (await sql(m, 'SELECT 1 FROM room WHERE community_id = $1 AND name = $2', [room.community_id, patch.name]))
          .length;
      if (taken) throw new Conflict('room-exists', `There is a room called ${patch.name} already.`);
      const [row] = await sql<RoomRow>(
        m,
        `UPDATE room SET name = $2, capacity = $3, location = $4, updated_at = now() WHERE id = $1
         RETURNING id, community_id, name, capacity, location, created_at`,
        [
          roomId,
          patch.name ?? room.name,
          patch.capacity === undefined ? room.capacity : patch.capacity,
          patch.location ?? room.location,
        ],
      );
      // Events in this room move on calendars when the room's name or place changes.
      if (
        (patch.name && patch.name !== room.name) ||
        (patch.location !== undefined && patch.location !== room.location)
      ) {
        await m.query(
          `UPDATE event SET sequence = sequence + 1, version = version + 1, updated_at = now() WHERE room_id = $1 AND status <> 'canceled'`,
          [roomId],
        );
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
        const [{ id }] = await sql<{ id: string }>(
          m,
          `INSERT INTO event (community_id, title, description, starts_at, ends_at, time_zone, room_id, online_url, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            a.community.id,
            input.title,
            input.description ?? '',
            start,
            end,
            tz,
            room?.id ?? null,
            input.onlineUrl ?? null,
            capacity,
          ],
        );
        return this.view(m, actor, id, a);
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<EventView> {
    return this.view(this.ds.manager, actor, id);
  }

  async list(
    actor: Actor,
    slug: string,
    f: { from?: string; to?: string; status?: EventStatus[]; limit: number; cursor?: string },
  ) {
    const a = await this.communities.access(actor, slug);
    const after = decodeCursor(f.cursor, ['string', 'string']);
    const params: unknown[] = [a.community.id];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = ['e.community_id = $1'];
    if (!can(a, 'event.see-drafts')) where.push(`e.status <> 'draft'`);
    if (f.status?.length) where.push(`e.status = ANY(${p(f.status)}::event_status[])`);
    if (f.from) where.push(`e.ends_at > ${p(f.from)}`);
    if (f.to) where.push(`e.starts_at < ${p(f.to)}`);
    if (after) where.push(`(e.starts_at, e.id) > (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    const rows = await sql<EventRow>(
      this.ds.manager,
      `${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.id LIMIT ${p(f.limit + 1)}`,
      params,
    );
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
          });
        }
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
          await m.query(
            `UPDATE slot SET starts_at = starts_at + $2 * interval '1 millisecond', ends_at = ends_at + $2 * interval '1 millisecond',
                              sequence = sequence + 1, updated_at = now() WHERE event_id = $1`,
            [id, shift],
          );
        } else if (shift !== 0 || !sameLength) {
          const outside = cur.agenda.filter((s) => s.starts_at < start || s.ends_at > end);
          if (outside.length) {
            throw new RuleBroken(
              'slots-outside-event',
              `Talks would fall outside the event: ${outside.map((s) => `"${s.title}"`).join(', ')}. Move them first, or move the whole event.`,
              { slots: outside.map((s) => s.slot_id) },
            );
          }
        }
        const calendarChange =
          start.getTime() !== e.starts_at.getTime() ||
          end.getTime() !== e.ends_at.getTime() ||
          (room?.id ?? null) !== e.room_id ||
          (patch.onlineUrl !== undefined && patch.onlineUrl !== e.online_url) ||
          (patch.title !== undefined && patch.title !== e.title) ||
          status !== e.status ||
          (patch.description !== undefined && patch.description !== e.description) ||
          (patch.timeZone !== undefined && patch.timeZone !== e.time_zone);
        const capacity = patch.capacity === undefined ? e.capacity : patch.capacity;
        await m.query(
          `UPDATE event SET title = $2, description = $3, starts_at = $4, ends_at = $5, time_zone = $6, room_id = $7, online_url = $8,
                capacity = $9, status = $10, sequence = sequence + $11, version = version + 1, updated_at = now() WHERE id = $1`,
          [
            id,
            patch.title ?? e.title,
            patch.description ?? e.description,
            start,
            end,
            patch.timeZone ?? e.time_zone,
            room?.id ?? null,
            patch.onlineUrl === undefined ? e.online_url : patch.onlineUrl,
            capacity,
            status,
            calendarChange ? 1 : 0,
          ],
        );
        if (calendarChange && !shiftedSlots) {
          await m.query('UPDATE slot SET sequence = sequence + 1, updated_at = now() WHERE event_id = $1', [id]);
        }
        if (capacity === null || (e.capacity !== null && capacity > e.capacity))
          await notify.promoted(m, id, await promote(m, id, capacity));
        // Who hears of it: publishing invites the speakers of its talks; a change of time, place,
        // title or a cancellation re-sends to everyone invited (attendees going, speakers).
        const seen =
          start.getTime() !== e.starts_at.getTime() ||
          end.getTime() !== e.ends_at.getTime() ||
          (room?.id ?? null) !== e.room_id ||
          (patch.onlineUrl !== undefined && patch.onlineUrl !== e.online_url) ||
          (patch.title !== undefined && patch.title !== e.title);
        if (e.status === 'draft' && status === 'published')
          for (const s of cur.agenda) await notify.talk(m, s.proposal_id, 'REQUEST');
        else if (e.status === 'published' && status === 'canceled') await notify.eventChanged(m, id, true);
        else if (e.status === 'published' && seen) await notify.eventChanged(m, id, false);
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
      const [other] = await sql<{ id: string; title: string; starts_at: Date; ends_at: Date }>(
        this.ds.manager,
        `SELECT o.id, o.title, o.starts_at, o.ends_at FROM event o
          LEFT JOIN event me ON me.id = $4
          WHERE o.room_id = coalesce($1, me.room_id) AND o.status <> 'canceled' AND ($4::uuid IS NULL OR o.id <> $4)
            AND tstzrange(o.starts_at, o.ends_at) && tstzrange(coalesce($2, me.starts_at), coalesce($3, me.ends_at)) LIMIT 1`,
        [roomId ?? null, startsAt ?? null, endsAt ?? null, self],
      );
      if (other) throw roomConflict(other);
      throw new Conflict('room-conflict', 'The room is booked at that time.');
    }
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
      await m.query('DELETE FROM event WHERE id = $1', [id]);
    });
  }

  // ---- shared ------------------------------------------------------------------------------

  /** Reads an event as the actor may see it (drafts: organizers only), with agenda and counts. */
  async view(m: EntityManager, actor: Actor, id: string, known?: Access): Promise<EventView> {
    const [event] = await sql<EventRow>(m, `${EVENT_SELECT} WHERE e.id = $1`, [id]);
    if (!event) throw new NotFound('The event');
    const access =
      known?.community.id === event.community_id
        ? known
        : await this.communities.accessById(actor, event.community_id, m);
    if (event.status === 'draft' && !can(access, 'event.see-drafts')) throw new NotFound('The event');
    const agenda = await this.agendaOf(m, [id]);
    const [counts] = await rsvpCounts(m, [id]);
    const [mine] = await sql<{ status: string }>(m, 'SELECT status FROM rsvp WHERE event_id = $1 AND person_id = $2', [
      id,
      actor.id,
    ]);
    return {
      event,
      access,
      agenda,
      counts: counts ?? noCounts(id),
      myRsvp: mine?.status ?? null,
    };
  }

  /** Locks the event row (serialising agenda, RSVP and edit changes of one event) and reads it. */
  async lockEvent(m: EntityManager, actor: Actor, id: string): Promise<EventView> {
    await lockRow(m, 'event', id);
    return this.view(m, actor, id);
  }

  async agendaOf(m: EntityManager, eventIds: string[]): Promise<(AgendaItem & { event_id: string })[]> {
    if (!eventIds.length) return [];
    return sql(
      m,
      `SELECT s.id AS slot_id, s.event_id, s.proposal_id, p.title, p.abstract, s.starts_at, s.ends_at, p.talk_sequence AS sequence, s.updated_at, f.key AS format_key,
              ${speakerRefs('p.id')} AS speakers
         FROM slot s JOIN proposal p ON p.id = s.proposal_id JOIN call_format f ON f.id = p.format_id
        WHERE s.event_id = ANY($1) ORDER BY s.starts_at, s.id`,
      [eventIds],
    );
  }

  private window(startsAt: string, endsAt: string) {
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (end.getTime() <= start.getTime()) throw new RuleBroken('invalid-window', 'endsAt must come after startsAt.');
    return { start, end };
  }

  private async roomOf(m: EntityManager, a: Access, roomId: string): Promise<RoomRow> {
    const [room] = await sql<RoomRow>(
      m,
      'SELECT id, community_id, name, capacity, location, created_at FROM room WHERE id = $1',
      [roomId],
    );
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
    const [other] = await sql<{ id: string; title: string; starts_at: Date; ends_at: Date }>(
      m,
      `SELECT id, title, starts_at, ends_at FROM event
        WHERE room_id = $1 AND status <> 'canceled' AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) AND ($4::uuid IS NULL OR id <> $4)
        LIMIT 1`,
      [roomId, start, end, self],
    );
    if (other) throw roomConflict(other);
  }
}

export function roomConflict(other: { id: string; title: string; starts_at: Date; ends_at: Date }) {
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
  );
}
