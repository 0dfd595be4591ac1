/**
 * Calendar feeds: what goes in them, their validators (ETag, Last-Modified) and their rendered
 * bytes. A validator is one indexed query (the community's settings version and feed version,
 * which triggers raise on every change a feed shows); rendered bytes are kept keyed by the ETag,
 * so an unchanged feed is rendered once.
 *
 * A poll (a conditional request) of a community or event feed is answered without a database round
 * trip: validators are kept in memory while this instance listens on `bb_feed`, where every commit
 * that changes what a community's feeds show is announced, and dropped when it is (or when the
 * connection drops, until it is back), and by any write request this instance answers. An
 * unconditional GET always reads the validator, so whoever just changed something and opens the
 * feed sees it on any instance.
 */
import { createHash } from 'node:crypto';
import { compress, type Encoding } from '../http/encoding';
import type { DataSource } from 'typeorm';
import { NotFound, Unauthorized } from '../core/errors';

/** Calendar clients cannot sign in: an internal community's calendar is reached by a personal feed URL. */
const internal = (slug?: string) =>
  new Unauthorized(
    `This community's calendar is internal. Sign in, or subscribe with your personal feed URL: create a feed token (POST /v1/me/feed-tokens), then use /v1/feeds/{token}/communities/${slug ?? '{slug}'}/calendar.ics.`,
  );
import type { Actor } from '../core/actor';
import type { RenderCache } from '../http/render-cache';

/** No one signed in: reads what a stranger may read. */
const NOBODY: Actor = { id: '00000000-0000-0000-0000-000000000000', email: '', name: 'Guest', isAdmin: false };
import type { EventsService } from '../modules/events/events.service';
import type { AgendaItem, EventRow } from '../modules/events/events.queries';
import * as q from './feeds.queries';
import type { FeedTokensService } from '../modules/people/feed-tokens.service';
import { renderCalendar, type FeedEvent } from './render';
import { chooseLanguage } from '../core/i18n/locale';
import { localeOf } from '../core/i18n/locale';
import { UidDomain } from '../db/uid-domain';

export interface Feed {
  etag: string;
  lastModified: Date;
  name: string;
  filename: string;
  /** The body, compressed when asked: rendered once, compressed once per encoding, both kept. */
  load: (encoding?: Encoding | null) => Promise<Buffer>;
}

/** The LISTEN channel where commits announce a community whose feeds changed (payload: its id). */
export const FEED_CHANNEL = 'bb_feed';
/** Validators kept at most (communities and published events); beyond, the map starts over. */
const KNOWN_MAX = 10_000;

export class FeedsService {
  /** Validators by feed ('c:<slug>', 'e:<event id>') with their community, while `listening`. */
  private readonly known = new Map<string, { communityId: string; row: unknown }>();
  private listening = false;
  /** Raised by every announcement: a validator read before one is not kept. */
  private generation = 0;
  private readonly uids: UidDomain;

  constructor(
    private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly feedTokens: FeedTokensService,
    private readonly publicUrl: string,
    /** Rendered bodies by ETag (and encoding). */
    private readonly cache: RenderCache,
  ) {
    this.uids = new UidDomain(ds, publicUrl);
  }

  /**
   * A community's feed. An internal community's is for signed-in readers (`signedIn`) and for
   * personal feed URLs (`secret`); a public one's for anyone.
   */
  async community(slug: string, talks: boolean, signedIn: boolean, secret?: string, poll = false): Promise<Feed> {
    const personal = secret !== undefined;
    if (personal && !(await this.feedTokens.resolve(secret))) throw new NotFound('The feed');
    const c = await this.validator(
      `c:${slug}`,
      poll,
      (v) => v.id,
      () => q.communityValidator(this.ds.manager, slug),
    );
    if (!c) throw new NotFound(`Community ${slug}`);
    if (c.event_visibility === 'internal' && !signedIn && !personal) throw internal(slug);
    const etag = `"cal-${c.id.slice(0, 8)}-${c.version}.${c.feed_version}-${talks ? 't' : 'e'}"`;
    return this.feed(etag, c.feed_changed_at, c.name, `${slug}.ics`, async () => {
      const events = await this.load('community', c.id);
      const l = localeOf(chooseLanguage({ community: c.default_language }));
      return renderCalendar({ name: c.name, ...(await this.where()), events, talks, l });
    });
  }

  async event(id: string, signedIn: boolean, poll = false): Promise<Feed> {
    const e = await this.validator(
      `e:${id}`,
      poll,
      (v) => v.community_id,
      () => q.eventValidator(this.ds.manager, id),
    );
    if (!e) throw new NotFound('The event');
    if (e.event_visibility === 'internal' && !signedIn) throw internal();
    const etag = `"ev-${id.slice(0, 8)}-${e.version}.${e.feed_version}"`;
    return this.feed(etag, e.feed_changed_at, e.title, `event-${id.slice(0, 8)}.ics`, async () => {
      const events = await this.load('event', id);
      const l = localeOf(chooseLanguage({ community: e.default_language }));
      return renderCalendar({ name: e.title, ...(await this.where()), events, talks: true, l });
    });
  }

  /**
   * One event as a file to add to a calendar (one VEVENT, its agenda in the description). Who may
   * have it is who may read the event page: drafts only organizers, an internal community's events
   * only signed-in readers (`actor` null: nobody is signed in).
   */
  async oneEvent(actor: Actor | null, id: string): Promise<{ filename: string; body: string }> {
    const v = await this.events.get(actor ?? NOBODY, id);
    if (!actor && v.access.community.eventVisibility !== 'public') throw internal();
    const e = v.event;
    const event = feedEvent(e, v.agenda);
    const body = renderCalendar({ name: e.title, ...(await this.where()), events: [event], method: 'PUBLISH' });
    return { filename: `event-${id.slice(0, 8)}.ics`, body };
  }

  /** Events the person is going to, the talks they give and their tasks; 404 for an unknown or revoked token. */
  async personal(secret: string): Promise<Feed> {
    const personId = await this.feedTokens.resolve(secret);
    if (!personId) throw new NotFound('The feed');
    const v = await q.personalValidator(this.ds.manager, personId);
    const etag = `"me-${createHash('sha1')
      .update(`${personId}|${v.versions ?? ''}`)
      .digest('base64url')
      .slice(0, 22)}"`;
    const l = localeOf(chooseLanguage({ person: v.language }));
    const name = l.m.calendarText.personalFeed({ name: v.name });
    return this.feed(etag, v.changed ?? new Date(0), name, 'brownbag.ics', async () => {
      const events = await this.load('person', personId);
      const going = new Set(await q.eventsGoing(this.ds.manager, personId));
      const gives = new Set(await q.talksGiven(this.ds.manager, personId));
      const tasks = await q.datedTasks(this.ds.manager, personId);
      return renderCalendar({
        name,
        l,
        ...(await this.where()),
        events,
        includeEvent: (e) => going.has(e.id),
        alarmMinutes: v.alarm_minutes,
        talks: (_e, t) => gives.has(t.proposalId),
        tasks: tasks.map((t) => ({
          id: t.id,
          title: t.title,
          talk: t.talk,
          proposalId: t.proposal_id,
          dueAt: t.due_at,
          timeZone: t.time_zone ?? 'UTC',
          status: t.status,
          version: t.version,
          updatedAt: t.updated_at,
        })),
      });
    });
  }

  /** Where links point (publicUrl) and the installation's fixed UID domain. */
  private async where() {
    return { publicUrl: this.publicUrl, uidDomain: await this.uids.get() };
  }

  /** Called when this instance listens on FEED_CHANNEL, and again after each reconnection. */
  listen(): void {
    this.generation++; // a read that began while announcements could be missed is not kept
    this.listening = true;
  }

  /** A community's feeds changed: forget their validators. */
  changed(communityId: string): void {
    this.generation++;
    for (const [key, v] of this.known) if (v.communityId === communityId) this.known.delete(key);
  }

  /**
   * This instance changed something (a write request succeeded): forget every validator, so a client
   * that changes an event and polls the same instance sees it even while the announcement is in flight.
   */
  wrote(): void {
    this.generation++;
    this.known.clear();
  }

  /** Announcements may have been missed: forget everything and keep nothing until listening again. */
  lost(): void {
    this.listening = false;
    this.generation++;
    this.known.clear();
  }

  private async validator<T>(
    key: string,
    poll: boolean,
    communityOf: (row: T) => string,
    read: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    if (poll && this.listening) {
      const hit = this.known.get(key);
      if (hit) return hit.row as T;
    }
    const generation = this.generation;
    const row = await read();
    if (row && this.listening && generation === this.generation) {
      if (this.known.size >= KNOWN_MAX) this.known.clear();
      this.known.set(key, { communityId: communityOf(row), row });
    }
    return row;
  }

  private feed(etag: string, lastModified: Date, name: string, filename: string, make: () => Promise<string>): Feed {
    const cache = this.cache;
    const plain = () => cache.through(etag, async () => Buffer.from(await make()));
    return {
      etag,
      lastModified,
      name,
      filename,
      load: async (encoding) =>
        encoding ? cache.through(`${etag} ${encoding}`, async () => compress(await plain(), encoding)) : plain(),
    };
  }

  private async load(of: 'community' | 'event' | 'person', id: string): Promise<FeedEvent[]> {
    const rows = await q.feedEvents(this.ds.manager, of, id);
    const agenda = await this.events.agendaOf(
      this.ds.manager,
      rows.map((r) => r.id),
    );
    const byEvent = new Map<string, (AgendaItem & { event_id: string })[]>();
    for (const a of agenda) {
      const list = byEvent.get(a.event_id);
      if (list) list.push(a);
      else byEvent.set(a.event_id, [a]);
    }
    return rows.map((e) => feedEvent(e, byEvent.get(e.id) ?? []));
  }
}

/** An event and its agenda as the calendar renders them (feeds and the one-event file alike). */
function feedEvent(e: EventRow, agenda: AgendaItem[]): FeedEvent {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    timeZone: e.time_zone,
    roomName: e.room_name,
    roomLocation: e.room_location,
    onlineUrl: e.online_url,
    status: e.status,
    sequence: e.sequence,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    agenda: agenda.map((t) => ({
      proposalId: t.proposal_id,
      title: t.title,
      abstract: t.abstract,
      language: t.language,
      startsAt: t.starts_at,
      endsAt: t.ends_at,
      sequence: t.sequence,
      updatedAt: t.updated_at,
      speakers: t.speakers.map((s) => s.name),
    })),
  };
}
