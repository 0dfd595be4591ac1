/** Announcements' SQL: destinations, deliveries, and the happenings that make them. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { DeliveryStatus, DestinationKind } from './announcement.entity';

export interface DestinationRow {
  id: string;
  community_id: string;
  community: string;
  kind: DestinationKind;
  name: string;
  url_sealed: string;
  url_hint: string;
  secret_sealed: string | null;
  happenings: string[];
  failures_in_a_row: number;
  paused_at: Date | null;
  created_at: Date;
}
const DEST = `SELECT d.id, d.community_id, c.slug AS community, d.kind, d.name, d.url_sealed, d.url_hint, d.secret_sealed,
                     d.happenings, d.failures_in_a_row, d.paused_at, d.created_at
                FROM announcement_destination d JOIN community c ON c.id = d.community_id`;

export const destination = async (m: EntityManager, id: string, lock = false) =>
  (await sql<DestinationRow>(m, `${DEST} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [id]))[0];

export const destinationsOf = (m: EntityManager, communityId: string) =>
  sql<DestinationRow>(m, `${DEST} WHERE d.community_id = $1 ORDER BY d.created_at, d.id`, [communityId]);

export const insertDestination = async (
  m: EntityManager,
  d: {
    communityId: string;
    kind: DestinationKind;
    name: string;
    urlSealed: string;
    urlHint: string;
    secretSealed: string | null;
    happenings: string[];
  },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO announcement_destination (community_id, kind, name, url_sealed, url_hint, secret_sealed, happenings)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [d.communityId, d.kind, d.name, d.urlSealed, d.urlHint, d.secretSealed, d.happenings],
    )
  )[0].id;

export const updateDestination = (
  m: EntityManager,
  id: string,
  d: { name: string; happenings: string[]; paused: boolean },
) =>
  sql(
    m,
    `UPDATE announcement_destination SET name = $2, happenings = $3,
            paused_at = CASE WHEN $4 THEN coalesce(paused_at, now()) END,
            failures_in_a_row = CASE WHEN $4 THEN failures_in_a_row ELSE 0 END, updated_at = now()
      WHERE id = $1`,
    [id, d.name, d.happenings, d.paused],
  );

export const deleteDestination = (m: EntityManager, id: string) =>
  sql(m, 'DELETE FROM announcement_destination WHERE id = $1', [id]);

export interface DeliveryRow {
  id: string;
  destination_id: string;
  happening: string;
  happening_key: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  delivered_at: Date | null;
  created_at: Date;
}
const DELIVERY = `SELECT id, destination_id, happening, happening_key, payload, status, attempts, last_status, last_error,
                         last_duration_ms, delivered_at, created_at FROM announcement_delivery`;

export const delivery = async (m: EntityManager, id: string, lock = false) =>
  (await sql<DeliveryRow>(m, `${DELIVERY} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))[0];

export const deliveriesOf = (m: EntityManager, destinationId: string, limit: number) =>
  sql<DeliveryRow>(m, `${DELIVERY} WHERE destination_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [
    destinationId,
    limit,
  ]);

/**
 * A delivery for every destination of the community that takes this happening and is not paused,
 * once per destination and happening key; their jobs join the queue in the same statement.
 * Returns how many were made.
 */
export async function announce(
  m: EntityManager,
  communityId: string,
  happening: string,
  key: string,
  payload: object,
): Promise<number> {
  const rows = await sql<{ id: string }>(
    m,
    `WITH made AS (
       INSERT INTO announcement_delivery (destination_id, happening, happening_key, payload)
       SELECT d.id, $2::text, $3::text, $4::jsonb FROM announcement_destination d
        WHERE d.community_id = $1 AND $2::text = ANY (d.happenings) AND d.paused_at IS NULL
       ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING RETURNING id
     )
     SELECT made.id, graphile_worker.add_job('announce', json_build_object('deliveryId', made.id), job_key => 'announce:' || made.id,
                                              max_attempts => 5) FROM made`,
    [communityId, happening, key, JSON.stringify(payload)],
  );
  return rows.length;
}

/** A delivery sent again by hand (or a test message): back to pending, a fresh job. */
export const requeue = (m: EntityManager, id: string) =>
  sql(
    m,
    `WITH d AS (UPDATE announcement_delivery SET status = 'pending', updated_at = now() WHERE id = $1 RETURNING id)
     SELECT graphile_worker.add_job('announce', json_build_object('deliveryId', d.id), job_key => 'announce:' || d.id,
                                    max_attempts => 5) FROM d`,
    [id],
  );

export const insertTestDelivery = async (m: EntityManager, destinationId: string, payload: object) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO announcement_delivery (destination_id, happening, happening_key, payload)
       VALUES ($1, 'test', 'test:' || gen_random_uuid(), $2::jsonb) RETURNING id`,
      [destinationId, JSON.stringify(payload)],
    )
  )[0].id;

export const recordAttempt = (
  m: EntityManager,
  id: string,
  o: { status: DeliveryStatus; httpStatus: number | null; error: string | null; durationMs: number },
) =>
  sql(
    m,
    `UPDATE announcement_delivery SET status = $2::delivery_status, attempts = attempts + 1, last_status = $3, last_error = $4,
            last_duration_ms = $5, delivered_at = CASE WHEN $2::text = 'delivered' THEN now() END, updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id, o.status, o.httpStatus, o.error?.slice(0, 2000) ?? null, o.durationMs],
  );

export const markSkipped = (m: EntityManager, id: string) =>
  sql(m, `UPDATE announcement_delivery SET status = 'skipped', updated_at = now() WHERE id = $1`, [id]);

/** After a delivery: success clears the count; a delivery that used every attempt adds one; 3 pause it. */
export const destinationOutcome = async (m: EntityManager, id: string, ok: boolean) =>
  (
    await sql<{ paused_now: boolean }>(
      m,
      `UPDATE announcement_destination SET
              failures_in_a_row = CASE WHEN $2 THEN 0 ELSE failures_in_a_row + 1 END,
              paused_at = CASE WHEN NOT $2 AND failures_in_a_row + 1 >= 3 THEN coalesce(paused_at, now()) ELSE paused_at END,
              updated_at = now()
        WHERE id = $1
        RETURNING (paused_at IS NOT NULL AND NOT $2 AND failures_in_a_row = 3) AS paused_now`,
      [id, ok],
    )
  )[0]?.paused_now ?? false;

/** The community's organizers (told when a destination pauses). */
export const organizersOf = async (m: EntityManager, communityId: string) =>
  (
    await sql<{ person_id: string }>(
      m,
      `SELECT person_id FROM membership WHERE community_id = $1 AND role = 'organizer' ORDER BY person_id`,
      [communityId],
    )
  ).map((r) => r.person_id);

/** Calls that opened in the last day or close within three days, and published events tomorrow. */
export const dueHappenings = (m: EntityManager) =>
  sql<{
    kind: 'call.opened' | 'call.closing' | 'talk.tomorrow';
    id: string;
    community_id: string;
    slug: string;
    title: string;
    at: Date;
    ends_at: Date | null;
    closes_at: Date | null;
    time_zone: string;
  }>(
    m,
    `WITH c AS (SELECT c.id, c.slug, c.time_zone FROM community c
                 WHERE EXISTS (SELECT 1 FROM announcement_destination d WHERE d.community_id = c.id AND d.paused_at IS NULL))
     SELECT 'call.opened' AS kind, cfp.id, cfp.community_id, c.slug, cfp.title, coalesce(cfp.closes_at, cfp.opens_at) AS at,
            NULL::timestamptz AS ends_at, cfp.closes_at, c.time_zone
       FROM call_for_proposals cfp JOIN c ON c.id = cfp.community_id
      WHERE cfp.opens_at <= now() AND cfp.opens_at > now() - interval '1 day' AND (cfp.closes_at IS NULL OR cfp.closes_at > now())
     UNION ALL
     SELECT 'call.closing', cfp.id, cfp.community_id, c.slug, cfp.title, cfp.closes_at, NULL, cfp.closes_at, c.time_zone
       FROM call_for_proposals cfp JOIN c ON c.id = cfp.community_id
      WHERE cfp.closes_at > now() AND cfp.closes_at <= now() + interval '3 days' AND cfp.opens_at <= now()
     UNION ALL
     SELECT 'talk.tomorrow', e.id, e.community_id, c.slug, e.title, e.starts_at, e.ends_at, NULL, e.time_zone
       FROM event e JOIN c ON c.id = e.community_id
      WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '1 day'`,
  );
