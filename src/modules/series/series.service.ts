import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { BadRequest, DomainError, NotFound, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import type { Access } from '../communities/access';
import type { CommunitiesService } from '../communities/communities.service';
import { roomById } from '../events/events.queries';
import { checkTimeZone, type EventsService } from '../events/events.service';
import type { AgendaService } from '../events/agenda.service';
import { planBacklog, type PlannedOccurrence } from './backlog';
import { expand, minuteOf, parseCadence, type CadenceRule, type Occurrence } from './cadence';
import { fillSeries } from './series.fill';
import * as q from './series.queries';
import type { OccurrenceRow, SeriesRow } from './series.queries';
import type {
  CadenceChange,
  Changes,
  SeriesCreate,
  SeriesPatch as SeriesPatchSchema,
  SeriesView,
} from './series.schemas';
import type { Static } from 'typebox';

export type SeriesInput = Static<typeof SeriesCreate>;
export type SeriesPatch = Static<typeof SeriesPatchSchema>;
export type CadenceInput = Static<typeof CadenceChange>;
export type { Changes, SeriesView } from './series.schemas';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function day(value: string, what: string): string {
  if (!DAY.test(value) || !DateTime.fromISO(value).isValid)
    throw new BadRequest('bad-date', `${what} is a date, YYYY-MM-DD (${value} is not one).`).saying({ value });
  return value;
}

/**
 * Meetup series: the rules say when it meets, and the next `upcoming` occurrences exist as real
 * events (so agenda, RSVPs, feeds, invitations and checklists work on them unchanged). The daily
 * job and every change keep them filled. Skipping an occurrence, changing the cadence from a date
 * on or ending the series removes drafts and cancels published occurrences through the events
 * service (so attendees get CANCEL or updated invitations); an occurrence moved by hand is its own
 * from then on and is left alone by cadence changes.
 */
export class SeriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
  ) {}

  async create(actor: Actor, slug: string, input: SeriesInput): Promise<SeriesView> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'series.manage');
      const tz = input.timeZone ?? a.community.timeZone;
      checkTimeZone(tz);
      const rule = this.rule(day(input.startsOn, 'startsOn'), input);
      if (!expand([rule], tz, { from: rule.from, limit: 1 }).length)
        throw new RuleBroken('cadence-empty', 'The cadence meets on no day within five years of its start.');
      const roomId = input.roomId ? await this.roomOf(m, a, input.roomId) : null;
      const id = await q.insertSeries(m, {
        communityId: a.community.id,
        title: input.title.trim(),
        description: input.description ?? '',
        timeZone: tz,
        roomId,
        onlineUrl: input.onlineUrl ?? null,
        capacity: input.capacity ?? null,
        publish: input.publish ?? false,
        upcoming: input.upcoming ?? 6,
        formatMix: input.formatMix ?? {},
      });
      await q.setRuleFrom(m, id, rule);
      await fillSeries(m, id);
      return this.view(m, id);
    });
  }

  async list(actor: Actor, slug: string): Promise<SeriesRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'series.read');
    return q.seriesOf(this.ds.manager, a.community.id);
  }

  async get(actor: Actor, id: string): Promise<SeriesView> {
    const s = await this.row(this.ds.manager, id);
    await this.access(actor, s, 'series.read');
    return this.view(this.ds.manager, id);
  }

  /** Changes what the occurrences made from now on are; those that exist keep their own settings. */
  async update(actor: Actor, id: string, patch: SeriesPatch): Promise<SeriesView> {
    return this.ds.transaction(async (m) => {
      const s = await this.row(m, id, true);
      const a = await this.access(actor, s, 'series.manage', m);
      await q.updateSeries(m, id, {
        title: patch.title?.trim() ?? s.title,
        description: patch.description ?? s.description,
        roomId: patch.roomId === undefined ? s.room_id : patch.roomId ? await this.roomOf(m, a, patch.roomId) : null,
        onlineUrl: patch.onlineUrl === undefined ? s.online_url : patch.onlineUrl,
        capacity: patch.capacity === undefined ? s.capacity : patch.capacity,
        publish: patch.publish ?? s.publish,
        upcoming: patch.upcoming ?? s.upcoming,
        formatMix: patch.formatMix ?? s.format_mix,
      });
      await fillSeries(m, id);
      return this.view(m, id);
    });
  }

  /**
   * A new cadence from a date on (today or later): occurrences from then on follow it — moved to
   * the new time if their date stays, removed or canceled if it goes — except those moved by hand.
   */
  async setCadence(actor: Actor, id: string, input: CadenceInput): Promise<SeriesView> {
    const from = day(input.from, 'from');
    const plan = await this.ds.transaction(async (m) => {
      const s = await this.row(m, id, true);
      await this.access(actor, s, 'series.manage', m);
      if (from < this.today(s)) throw new RuleBroken('cadence-past', 'A cadence changes from today or a later date.');
      const rule = this.rule(from, input);
      const rules = [...s.rules.filter((r) => r.from < from), rule];
      if (!expand(rules, s.time_zone, { from, limit: 1 }).length)
        throw new RuleBroken('cadence-empty', 'The new cadence meets on no day within five years.');
      const old = byDate(expand(s.rules, s.time_zone, { from, endsOn: s.ends_on }));
      const now = byDate(expand(rules, s.time_zone, { from, endsOn: s.ends_on, skip: new Set(s.skips) }));
      await q.setRuleFrom(m, id, rule);
      const plan: Step[] = [];
      for (const e of await q.occurrences(m, id, from)) {
        if (e.status === 'canceled') continue;
        const was = old.get(e.occurrence_on);
        if (!was || was.start.getTime() !== e.starts_at.getTime() || was.end.getTime() !== e.ends_at.getTime()) {
          plan.push({ kind: 'keep', e, reason: 'moved by hand' });
          continue;
        }
        const next = now.get(e.occurrence_on);
        if (next) {
          if (next.start.getTime() !== e.starts_at.getTime() || next.end.getTime() !== e.ends_at.getTime())
            plan.push({ kind: 'move', e, to: next });
        } else plan.push({ kind: 'drop', e });
      }
      return plan;
    });
    const changes = await this.carryOut(actor, plan);
    return { ...(await this.refill(id)), changes };
  }

  /** Skips one occurrence (a holiday); the others are untouched. */
  async skip(actor: Actor, id: string, on: string): Promise<SeriesView> {
    day(on, 'The occurrence');
    const plan = await this.ds.transaction(async (m) => {
      const s = await this.row(m, id, true);
      await this.access(actor, s, 'series.manage', m);
      if (on < this.today(s)) throw new RuleBroken('occurrence-past', 'Only coming occurrences are skipped.');
      const made = (await q.occurrences(m, id, on)).find((e) => e.occurrence_on === on);
      const byRule = expand(s.rules, s.time_zone, { from: on, to: on, endsOn: s.ends_on }).length > 0;
      if (!made && !byRule)
        throw new RuleBroken('not-an-occurrence', `The series does not meet on ${on}.`).saying({ on });
      await q.addSkip(m, id, on);
      return made && made.status !== 'canceled' ? [{ kind: 'drop', e: made } as Step] : [];
    });
    const changes = await this.carryOut(actor, plan);
    return { ...(await this.refill(id)), changes };
  }

  /** Takes a skip back: the occurrence is made again (if it is among the upcoming ones). */
  async unskip(actor: Actor, id: string, on: string): Promise<SeriesView> {
    day(on, 'The occurrence');
    return this.ds.transaction(async (m) => {
      const s = await this.row(m, id, true);
      await this.access(actor, s, 'series.manage', m);
      await q.removeSkip(m, id, on);
      await fillSeries(m, id);
      return this.view(m, id);
    });
  }

  /** Ends the series after a date (its last meeting day): later occurrences are removed or canceled. */
  async end(actor: Actor, id: string, after: string): Promise<SeriesView> {
    day(after, 'after');
    const plan = await this.ds.transaction(async (m) => {
      const s = await this.row(m, id, true);
      await this.access(actor, s, 'series.manage', m);
      const yesterday = DateTime.fromISO(this.today(s)).minus({ days: 1 }).toISODate()!;
      if (after < yesterday) throw new RuleBroken('end-past', 'A series ends yesterday at the earliest.');
      await q.setEndsOn(m, id, after);
      return (await q.occurrences(m, id, null))
        .filter((e) => e.occurrence_on > after && e.status !== 'canceled')
        .map((e) => ({ kind: 'drop', e }) as Step);
    });
    const changes = await this.carryOut(actor, plan);
    return { ...(await this.refill(id)), changes };
  }

  /**
   * What the backlog could fill (organizers): for every upcoming occurrence with free agenda time,
   * talks proposed from the backlog (see backlog.ts). Nothing is changed.
   */
  async backlogPlan(actor: Actor, id: string): Promise<PlannedOccurrence[]> {
    const s = await this.row(this.ds.manager, id);
    await this.access(actor, s, 'series.manage');
    return this.plan(s);
  }

  /**
   * Publishes upcoming draft occurrences (the ones named, or all) through the events service, one
   * by one, so each is announced and its talks invited as any published event; returns their ids.
   */
  async publish(actor: Actor, id: string, eventIds?: string[]): Promise<string[]> {
    const s = await this.row(this.ds.manager, id);
    await this.access(actor, s, 'series.manage');
    const drafts = (await q.occurrences(this.ds.manager, s.id, this.today(s))).filter(
      (e) => e.status === 'draft' && (!eventIds || eventIds.includes(e.id)),
    );
    if (eventIds && drafts.length < eventIds.length)
      throw new RuleBroken('not-a-draft', 'Only upcoming drafts of this series are published here.', {
        eventIds: eventIds.filter((x) => !drafts.some((e) => e.id === x)),
      });
    for (const e of drafts) await this.events.update(actor, e.id, { status: 'published' });
    return drafts.map((e) => e.id);
  }

  /** Places what the plan proposes for one occurrence, through the agenda (checks and invitations as always). */
  async confirmPlan(
    actor: Actor,
    id: string,
    eventId: string,
  ): Promise<{ placed: string[]; skipped: { proposalId: string; reason: string }[] }> {
    const s = await this.row(this.ds.manager, id);
    await this.access(actor, s, 'series.manage');
    const occurrence = (await this.plan(s)).find((o) => o.eventId === eventId);
    if (!occurrence) throw new NotFound('The occurrence (an upcoming event of this series)');
    const placed: string[] = [];
    const skipped: { proposalId: string; reason: string }[] = [];
    for (const p of occurrence.proposed) {
      try {
        await this.agenda.place(actor, eventId, { proposalId: p.proposalId, startsAt: p.start.toISOString() });
        placed.push(p.proposalId);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        skipped.push({ proposalId: p.proposalId, reason: e.message });
      }
    }
    return { placed, skipped };
  }

  private async plan(s: SeriesRow): Promise<PlannedOccurrence[]> {
    const m = this.ds.manager;
    const events = (await q.occurrences(m, s.id, this.today(s))).filter(
      (e) => e.status !== 'canceled' && e.starts_at > new Date(),
    );
    if (!events.length) return [];
    const ends = new Map(
      (
        await q.agendaEnds(
          m,
          events.map((e) => e.id),
        )
      ).map((r) => [r.id, r]),
    );
    const backlog = await q.backlogByAcceptance(m, s.community_id);
    const people = [...new Set(backlog.flatMap((t) => t.speakers.map((x) => x.id)))];
    const busy = new Map<string, { start: Date; end: Date }[]>();
    const from = events[0].starts_at;
    const to = events[events.length - 1].ends_at;
    for (const b of people.length ? await q.speakersBusy(m, people, from, to) : [])
      busy.set(b.person_id, [...(busy.get(b.person_id) ?? []), { start: b.starts_at, end: b.ends_at }]);
    return planBacklog(
      events.map((e) => ({
        eventId: e.id,
        on: e.occurrence_on,
        start: e.starts_at,
        end: e.ends_at,
        agendaEnd: ends.get(e.id)?.agenda_end ?? e.starts_at,
        formats: ends.get(e.id)?.formats ?? {},
      })),
      backlog,
      busy,
      s.format_mix,
    );
  }

  // ---- inside ------------------------------------------------------------------------------

  private async refill(id: string): Promise<SeriesView> {
    return this.ds.transaction(async (m) => {
      await this.row(m, id, true);
      await fillSeries(m, id);
      return this.view(m, id);
    });
  }

  /** Moves, cancels or removes existing occurrences through the events service, one by one. */
  private async carryOut(actor: Actor, plan: Step[]): Promise<Changes> {
    const c: Changes = { moved: [], canceled: [], removed: [], kept: [] };
    for (const step of plan) {
      const id = step.e.id;
      if (step.kind === 'keep') {
        c.kept.push({ eventId: id, reason: step.reason });
        continue;
      }
      try {
        if (step.kind === 'move') {
          await this.events.update(actor, id, {
            startsAt: step.to.start.toISOString(),
            endsAt: step.to.end.toISOString(),
          });
          c.moved.push(id);
        } else if (step.e.status === 'draft') {
          await this.events.remove(actor, id);
          c.removed.push(id);
        } else {
          await this.events.update(actor, id, { status: 'canceled' });
          c.canceled.push(id);
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        c.kept.push({ eventId: id, reason: e.message });
      }
    }
    return c;
  }

  private async view(m: EntityManager, id: string): Promise<SeriesView> {
    const s = await this.row(m, id);
    const today = this.today(s);
    return {
      series: s,
      occurrences: await q.occurrences(m, id, today),
      next: expand(s.rules, s.time_zone, { from: today, limit: s.upcoming, endsOn: s.ends_on, skip: new Set(s.skips) }),
    };
  }

  private rule(from: string, input: { cadence: string; startTime: string; durationMinutes: number }): CadenceRule {
    parseCadence(input.cadence);
    return {
      from,
      rrule: input.cadence
        .trim()
        .replace(/^RRULE:/i, '')
        .toUpperCase(),
      startMinute: minuteOf(input.startTime),
      minutes: input.durationMinutes,
    };
  }

  private today(s: SeriesRow) {
    return DateTime.now().setZone(s.time_zone).toISODate()!;
  }

  private async roomOf(m: EntityManager, a: Access, roomId: string): Promise<string> {
    const room = await roomById(m, roomId);
    if (!room || room.community_id !== a.community.id)
      throw new RuleBroken('unknown-room', `${a.community.slug} has no room ${roomId}.`);
    return room.id;
  }

  private async access(actor: Actor, s: SeriesRow, action: 'series.read' | 'series.manage', m?: EntityManager) {
    const a = await this.communities.access(actor, s.community, m);
    if (!can(a, 'series.read')) throw new NotFound('The series');
    authorize(a, action);
    return a;
  }

  private async row(m: EntityManager, id: string, lock = false, must = true): Promise<SeriesRow> {
    const s = await q.seriesRow(m, id, lock);
    if (!s && must) throw new NotFound('The series');
    return s;
  }
}

type Step =
  | { kind: 'keep'; e: OccurrenceRow; reason: string }
  | { kind: 'move'; e: OccurrenceRow; to: Occurrence }
  | { kind: 'drop'; e: OccurrenceRow };

const byDate = (os: Occurrence[]) => new Map(os.map((o) => [o.on, o]));
