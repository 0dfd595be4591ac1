/** The agenda's SQL: slots, the talks they hold, and the speakers' other slots. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { speakerRefs } from '../../db/fragments';

export interface Talk {
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
export interface SlotRow {
  id: string;
  event_id: string;
  proposal_id: string;
  starts_at: Date;
  ends_at: Date;
}
export interface SpeakerBusy {
  name: string;
  title: string;
  event_title: string;
  slot_id: string;
  starts_at: Date;
  ends_at: Date;
}

export const slotById = async (m: EntityManager, id: string) =>
  (await sql<SlotRow>(m, 'SELECT id, event_id, proposal_id, starts_at, ends_at FROM slot WHERE id = $1', [id]))[0];

export const slotOfTalk = async (m: EntityManager, proposalId: string) =>
  (
    await sql<SlotRow>(m, 'SELECT id, event_id, proposal_id, starts_at, ends_at FROM slot WHERE proposal_id = $1', [
      proposalId,
    ])
  )[0];

export const insertSlot = (m: EntityManager, eventId: string, proposalId: string, start: Date, end: Date) =>
  sql(m, 'INSERT INTO slot (event_id, proposal_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)', [
    eventId,
    proposalId,
    start,
    end,
  ]);

export const moveSlot = (m: EntityManager, id: string, eventId: string, start: Date, end: Date) =>
  sql(
    m,
    'UPDATE slot SET event_id = $2, starts_at = $3, ends_at = $4, sequence = sequence + 1, updated_at = now() WHERE id = $1',
    [id, eventId, start, end],
  );

export const deleteSlot = (m: EntityManager, id: string) => sql(m, 'DELETE FROM slot WHERE id = $1', [id]);

/** The agenda is part of what a calendar shows of the event: its sequence grows. */
export const bumpEvents = (m: EntityManager, eventIds: string[]) =>
  sql(m, 'UPDATE event SET sequence = sequence + 1, version = version + 1, updated_at = now() WHERE id = ANY($1)', [
    eventIds,
  ]);

/** Accepted and confirmed talks of a community that have no slot yet. */
export const backlogOf = (m: EntityManager, communityId: string) =>
  sql<BacklogRow>(
    m,
    `SELECT p.id, p.title, p.state, f.key AS format_key, f.duration_minutes, ${speakerRefs('p.id')} AS speakers
       FROM proposal p JOIN call_format f ON f.id = p.format_id
      WHERE p.community_id = $1 AND p.state IN ('accepted', 'confirmed') AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.proposal_id = p.id)
      ORDER BY p.submitted_at, p.id`,
    [communityId],
  );

/** The talk with its format's length, row-locked. */
export const lockTalk = async (m: EntityManager, proposalId: string) =>
  (
    await sql<Talk>(
      m,
      `SELECT p.id, p.community_id, p.state, p.title, f.duration_minutes
         FROM proposal p JOIN call_format f ON f.id = p.format_id WHERE p.id = $1 FOR UPDATE OF p`,
      [proposalId],
    )
  )[0];

/**
 * Takes an advisory lock per speaker of the talk (in a fixed order), so two organizers placing the
 * same speaker at once are serialised; the speakers' ids.
 */
export async function lockSpeakers(m: EntityManager, proposalId: string): Promise<string[]> {
  const rows = await sql<{ person_id: string }>(
    m,
    'SELECT person_id FROM proposal_speaker WHERE proposal_id = $1 ORDER BY person_id',
    [proposalId],
  );
  for (const r of rows)
    await sql(m, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 42))', [`speaker:${r.person_id}`]);
  return rows.map((r) => r.person_id);
}

/** A slot of another talk, in a live event, where one of these people speaks during the window. */
export const speakerBusy = async (m: EntityManager, personIds: string[], proposalId: string, start: Date, end: Date) =>
  (
    await sql<SpeakerBusy>(
      m,
      `SELECT sp.name, p.title, e.title AS event_title, s.id AS slot_id, s.starts_at, s.ends_at
         FROM slot s JOIN proposal p ON p.id = s.proposal_id JOIN event e ON e.id = s.event_id
         JOIN proposal_speaker ps ON ps.proposal_id = p.id JOIN person sp ON sp.id = ps.person_id
        WHERE ps.person_id = ANY($1) AND p.id <> $2 AND e.status <> 'canceled' AND s.starts_at < $4 AND $3 < s.ends_at
        LIMIT 1`,
      [personIds, proposalId, start, end],
    )
  )[0];
