/** The CFP module's SQL: calls, their formats and tracks. */
import { type EntityManager, In } from 'typeorm';
import { sql } from '../../db/sql';
import { Call, CallFormat, CallTrack } from './call.entity';

export interface CallView {
  call: Call;
  slug: string;
  formats: CallFormat[];
  tracks: CallTrack[];
}

export type CallFields = Pick<Call, 'title' | 'description' | 'opensAt' | 'closesAt'>;
export type OptionKind = 'format' | 'track';

export const insertCall = (m: EntityManager, communityId: string, fields: CallFields) =>
  m.getRepository(Call).save(m.getRepository(Call).create({ communityId, ...fields }));

export const callById = (m: EntityManager, id: string) => m.getRepository(Call).findOneBy({ id });

/** A community's calls, newest first, each with its formats and tracks in their listed order: one statement. */
export async function callsWithOptions(m: EntityManager, communityId: string) {
  const rows = await sql<Call & { formats: CallFormat[]; tracks: CallTrack[] }>(
    m,
    `SELECT c.id, c.community_id AS "communityId", c.title, c.description, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
            c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            coalesce((SELECT json_agg(json_build_object('id', f.id, 'callId', f.call_id, 'key', f.key, 'name', f.name,
                                                        'durationMinutes', f.duration_minutes, 'position', f.position) ORDER BY f.position, f.id)
                        FROM call_format f WHERE f.call_id = c.id), '[]') AS formats,
            coalesce((SELECT json_agg(json_build_object('id', t.id, 'callId', t.call_id, 'key', t.key, 'name', t.name, 'position', t.position)
                                      ORDER BY t.position, t.id)
                        FROM call_track t WHERE t.call_id = c.id), '[]') AS tracks
       FROM call_for_proposals c WHERE c.community_id = $1 ORDER BY c.opens_at DESC, c.id DESC`,
    [communityId],
  );
  return rows.map(({ formats, tracks, ...call }) => ({ call, formats, tracks }));
}

/** The formats and tracks of some calls, each in its listed order. */
export async function optionsOf(m: EntityManager, callIds: string[]) {
  if (!callIds.length) return { formats: [] as CallFormat[], tracks: [] as CallTrack[] };
  // One after another: inside a transaction they share one connection.
  const formats = await m
    .getRepository(CallFormat)
    .find({ where: { callId: In(callIds) }, order: { position: 'ASC' } });
  const tracks = await m.getRepository(CallTrack).find({ where: { callId: In(callIds) }, order: { position: 'ASC' } });
  return { formats, tracks };
}

/** Updates a call, bumping its version; false when it is gone or (with `expected`) someone changed it first. */
export async function updateCall(m: EntityManager, id: string, fields: CallFields, expected?: number) {
  const rows = await sql(
    m,
    `UPDATE call_for_proposals SET title = $2, description = $3, opens_at = $4, closes_at = $5,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND ($6::int IS NULL OR version = $6) RETURNING id`,
    [id, fields.title, fields.description, fields.opensAt, fields.closesAt, expected ?? null],
  );
  // The community's content version (cached community homes) follows by call_list_version's trigger.
  return rows.length > 0;
}

/** A call with one format and one track looked up by key (read with the community, see proposals' submissionContexts). */
export interface ResolvedCallRow {
  id: string;
  community_id: string;
  opens_at: Date;
  closes_at: Date | null;
  format_id: string | null;
  track_id: string | null;
}

const entityOf = (kind: OptionKind) => (kind === 'format' ? CallFormat : CallTrack);

export const optionByKey = (m: EntityManager, kind: OptionKind, callId: string, key: string) =>
  m.getRepository<CallFormat | CallTrack>(entityOf(kind)).findOneBy({ callId, key });

export const optionsOfCall = (m: EntityManager, kind: OptionKind, callId: string) =>
  m.getRepository<CallFormat | CallTrack>(entityOf(kind)).findBy({ callId });

/** The keys among these options that some proposal uses. */
export const optionKeysInUse = async (m: EntityManager, kind: OptionKind, optionIds: string[]) =>
  (
    await sql<{ key: string }>(
      m,
      `SELECT DISTINCT o.key FROM proposal p JOIN call_${kind} o ON o.id = p.${kind}_id WHERE o.id = ANY($1)`,
      [optionIds],
    )
  ).map((r) => r.key);

export const deleteOptions = (m: EntityManager, kind: OptionKind, optionIds: string[]) =>
  m.getRepository<CallFormat | CallTrack>(entityOf(kind)).delete(optionIds);

export function saveOption(m: EntityManager, kind: OptionKind, option: Partial<CallFormat> & { callId: string }) {
  const repo = m.getRepository<CallFormat | CallTrack>(entityOf(kind));
  return repo.save(repo.create(option));
}
