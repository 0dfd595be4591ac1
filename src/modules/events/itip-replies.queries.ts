/** The calendar replies read from the organizer's mailbox (itip_reply), and who sent them. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Person } from '../people/person.entity';

export const personByEmail = async (m: EntityManager, email: string) =>
  (await sql<Person>(m, 'SELECT id, name, email, alarm_minutes FROM person WHERE email = $1', [email]))[0];

/** Whether a calendar reply (by Message-ID) was read before. */
export const replySeen = async (m: EntityManager, messageId: string) =>
  (await sql(m, 'SELECT 1 FROM itip_reply WHERE message_id = $1', [messageId.slice(0, 998)])).length > 0;

/** Keeps what a calendar reply did; false when another reader kept it first. */
export const markReply = async (m: EntityManager, messageId: string, outcome: string) =>
  (
    await sql(
      m,
      'INSERT INTO itip_reply (message_id, outcome) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id',
      [messageId.slice(0, 998), outcome.slice(0, 200)],
    )
  ).length > 0;
