/**
 * Calendar feeds: what goes in them, their validators (ETag, Last-Modified) and their rendered
 * bytes. A validator costs one indexed query (the community's content version, raised by triggers
 * on every change a feed shows), so a conditional request is answered without rendering; rendered
 * bytes are kept keyed by the ETag, so an unchanged feed is rendered once.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
import { NotFound } from '../core/errors';
import { RenderCache } from '../http/render-cache';
import type { EventsService } from '../modules/events/events.service';
import { EVENT_SELECT, type AgendaItem, type EventRow } from '../modules/events/events.queries';
import type { FeedTokensService } from '../modules/people/feed-tokens.service';
import { renderCalendar, type FeedEvent } from './render';

export interface Feed {
  etag: string;
  lastModified: Date;
  name: string;
  filename: string;
  load: () => Promise<Buffer>;
}

export class FeedsService {
  private readonly cache = new RenderCache(64 * 1024 * 1024);

  constructor(
    private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly feedTokens: FeedTokensService,
    private readonly publicUrl: string,
  ) {}

  async community(slug: string, talks: boolean): Promise<Feed> {
    const [c] = await sql<{ id: string; name: string; list_version: string; content_changed_at: Date }>(
      this.ds.manager,
      'SELECT id, name, list_version, content_changed_at FROM community WHERE slug = $1',
      [slug],
    );
    if (!c) throw new NotFound(`Community ${slug}`);
    const etag = `"cal-${c.id.slice(0, 8)}-${c.list_version}-${talks ? 't' : 'e'}"`;
    return this.feed(etag, c.content_changed_at, c.name, `${slug}.ics`, async () => {
      const events = await this.load(`e.community_id = $1 AND e.status <> 'draft'`, [c.id]);
      return renderCalendar({ name: c.name, publicUrl: this.publicUrl, events, talks });
    });
  }

  async event(id: string): Promise<Feed> {
    const [e] = await sql<{ title: string; community_id: string; list_version: string; content_changed_at: Date }>(
      this.ds.manager,
      `SELECT e.title, e.community_id, c.list_version, c.content_changed_at FROM event e JOIN community c ON c.id = e.community_id
        WHERE e.id = $1 AND e.status <> 'draft'`,
      [id],
    );
    if (!e) throw new NotFound('The event');
    const etag = `"ev-${id.slice(0, 8)}-${e.list_version}"`;
    return this.feed(etag, e.content_changed_at, e.title, `event-${id.slice(0, 8)}.ics`, async () => {
      const events = await this.load('e.id = $1', [id]);
      return renderCalendar({ name: e.title, publicUrl: this.publicUrl, events, talks: true });
    });
  }

  /** Events the person is going to, the talks they give and their tasks; 404 for an unknown or revoked token. */
  async personal(secret: string): Promise<Feed> {
    const personId = await this.feedTokens.resolve(secret);
    if (!personId) throw new NotFound('The feed');
    // The validator: the versions of every community the feed draws from, and the person's RSVPs.
    const [v] = await sql<{ name: string; versions: string | null; changed: Date | null }>(
      this.ds.manager,
      `WITH mine AS (
         SELECT e.community_id FROM rsvp r JOIN event e ON e.id = r.event_id WHERE r.person_id = $1
         UNION SELECT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = $1
       )
       SELECT pe.name,
              (SELECT string_agg(c.id || ':' || c.list_version, ',' ORDER BY c.id) FROM community c WHERE c.id IN (SELECT community_id FROM mine))
                || '|' || coalesce((SELECT max(updated_at)::text || count(*) FROM rsvp WHERE person_id = $1), '')
                || '|' || coalesce((SELECT max(updated_at)::text || count(*) FROM task WHERE assignee_id = $1), '') AS versions,
              greatest((SELECT max(c.content_changed_at) FROM community c WHERE c.id IN (SELECT community_id FROM mine)),
                       (SELECT max(updated_at) FROM rsvp WHERE person_id = $1), (SELECT max(updated_at) FROM task WHERE assignee_id = $1),
                       pe.created_at) AS changed
         FROM person pe WHERE pe.id = $1`,
      [personId],
    );
    const etag = `"me-${createHash('sha1')
      .update(`${personId}|${v.versions ?? ''}`)
      .digest('base64url')
      .slice(0, 22)}"`;
    return this.feed(etag, v.changed ?? new Date(0), `${v.name} — Brownbag`, 'brownbag.ics', async () => {
      const events = await this.load(
        `e.status <> 'draft' AND (EXISTS (SELECT 1 FROM rsvp r WHERE r.event_id = e.id AND r.person_id = $1 AND r.status = 'going')
           OR EXISTS (SELECT 1 FROM slot s JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id WHERE s.event_id = e.id AND ps.person_id = $1))`,
        [personId],
      );
      const going = new Set(
        (
          await sql<{ event_id: string }>(
            this.ds.manager,
            `SELECT event_id FROM rsvp WHERE person_id = $1 AND status = 'going'`,
            [personId],
          )
        ).map((r) => r.event_id),
      );
      const gives = new Set(
        (
          await sql<{ proposal_id: string }>(
            this.ds.manager,
            'SELECT proposal_id FROM proposal_speaker WHERE person_id = $1',
            [personId],
          )
        ).map((r) => r.proposal_id),
      );
      const tasks = await sql<{
        id: string;
        title: string;
        talk: string;
        due_at: Date;
        time_zone: string | null;
        status: 'open';
        version: number;
        updated_at: Date;
      }>(
        this.ds.manager,
        `SELECT t.id, t.title, p.title AS talk, t.due_at, e.time_zone, t.status, t.version, t.updated_at
           FROM task t JOIN proposal p ON p.id = t.proposal_id LEFT JOIN slot s ON s.proposal_id = p.id LEFT JOIN event e ON e.id = s.event_id
          WHERE t.assignee_id = $1 AND t.due_at IS NOT NULL ORDER BY t.due_at, t.id`,
        [personId],
      );
      return renderCalendar({
        name: `${v.name} — Brownbag`,
        publicUrl: this.publicUrl,
        events,
        includeEvent: (e) => going.has(e.id),
        talks: (_e, t) => gives.has(t.proposalId),
        tasks: tasks.map((t) => ({
          id: t.id,
          title: t.title,
          talk: t.talk,
          dueAt: t.due_at,
          timeZone: t.time_zone ?? 'UTC',
          status: t.status,
          version: t.version,
          updatedAt: t.updated_at,
        })),
      });
    });
  }

  private feed(etag: string, lastModified: Date, name: string, filename: string, make: () => Promise<string>): Feed {
    const cache = this.cache;
    return {
      etag,
      lastModified,
      name,
      filename,
      async load() {
        const hit = cache.get(etag);
        if (hit) return hit;
        const body = Buffer.from(await make());
        cache.set(etag, body);
        return body;
      },
    };
  }

  private async load(where: string, params: unknown[]): Promise<FeedEvent[]> {
    const rows = await sql<EventRow>(
      this.ds.manager,
      `${EVENT_SELECT} WHERE ${where} ORDER BY e.starts_at, e.id`,
      params,
    );
    const agenda = await this.events.agendaOf(
      this.ds.manager,
      rows.map((r) => r.id),
    );
    const byEvent = new Map<string, (AgendaItem & { event_id: string })[]>();
    for (const a of agenda) byEvent.set(a.event_id, [...(byEvent.get(a.event_id) ?? []), a]);
    return rows.map((e) => ({
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
      agenda: (byEvent.get(e.id) ?? []).map((t) => ({
        proposalId: t.proposal_id,
        title: t.title,
        abstract: t.abstract,
        startsAt: t.starts_at,
        endsAt: t.ends_at,
        sequence: t.sequence,
        updatedAt: t.updated_at,
        speakers: t.speakers.map((s) => s.name),
      })),
    }));
  }
}
