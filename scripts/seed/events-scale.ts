/**
 * Benchmark data for calendar feeds, in a few set-based statements: one community with `events`
 * published events (one a day, 10:00–12:00 UTC) of three accepted talks each, and one person whose
 * personal feed has `personalItems` entries (talks they give and events they go to).
 */
import type { DataSource } from 'typeorm';
import { hashSecret, newSecret, secretPrefix } from '../../src/modules/people/tokens';

export interface FeedScale {
  slug: string;
  feedToken: string;
}

export async function seedFeeds(ds: DataSource, events: number, personalItems: number): Promise<FeedScale> {
  const slug = `feeds-${events}-${Date.now().toString(36)}`;
  return ds.transaction(async (m) => {
    const [{ id: cid }] = await m.query(
      `INSERT INTO community (slug, name, time_zone, event_visibility) VALUES ($1, 'Feeds bench guild', 'Europe/Berlin', 'public') RETURNING id`,
      [slug],
    );
    const people: { id: string }[] = await m.query(
      `INSERT INTO person (email, name, department) SELECT $1 || '-' || g || '@bench.example', 'Speaker ' || g, 'Dept ' || (g % 9) FROM generate_series(1, 300) g RETURNING id`,
      [slug],
    );
    const ids = people.map((p) => p.id);
    const star = ids[0];
    const [{ id: callId }] = await m.query(
      `INSERT INTO call_for_proposals (community_id, title, opens_at) VALUES ($1, 'Bench call', now() - interval '1 day') RETURNING id`,
      [cid],
    );
    const [{ id: formatId }] = await m.query(
      `INSERT INTO call_format (call_id, key, name, duration_minutes) VALUES ($1, 'talk', 'Talk', 30) RETURNING id`,
      [callId],
    );
    const talksByStar = Math.min(events, Math.floor(personalItems / 4));
    await m.query(
      `WITH e AS (
         INSERT INTO event (community_id, title, description, starts_at, ends_at, time_zone, status, sequence)
         SELECT $1, 'Brown-bag #' || g, 'Monthly talks; bring lunch, questions and colleagues.',
                timestamptz '2027-01-04 10:00Z' + g * interval '1 day', timestamptz '2027-01-04 12:00Z' + g * interval '1 day', 'Europe/Berlin', 'published', 1
           FROM generate_series(1, $2) g RETURNING id, starts_at
       ), t AS (
         SELECT e.id AS event_id, e.starts_at + k * interval '30 minutes' AS starts_at, row_number() OVER () AS n
           FROM e CROSS JOIN generate_series(0, 2) k
       ), p AS (
         INSERT INTO proposal (community_id, call_id, format_id, title, abstract, state, created_by, submitted_at)
         SELECT $1, $3, $4, 'Talk ' || n || ': lessons from production', repeat('What we learned, measured and would do again. ', 6), 'accepted',
                CASE WHEN n % 3 = 1 AND n / 3 < $6 THEN $5::uuid ELSE ($7::uuid[])[2 + n % 299] END, now()
           FROM t RETURNING id, created_by, title
       ), pn AS (
         SELECT id, created_by, (regexp_match(title, '^Talk (\\d+)'))[1]::bigint AS n FROM p
       ), s AS (
         INSERT INTO proposal_speaker (proposal_id, person_id, is_primary) SELECT id, created_by, true FROM pn
       )
       INSERT INTO slot (event_id, proposal_id, starts_at, ends_at)
       SELECT t.event_id, pn.id, t.starts_at, t.starts_at + interval '30 minutes' FROM t JOIN pn ON pn.n = t.n`,
      [cid, events, callId, formatId, star, talksByStar, ids],
    );
    await m.query(
      `INSERT INTO rsvp (event_id, person_id, status)
       SELECT id, $2, 'going' FROM event WHERE community_id = $1 ORDER BY starts_at DESC LIMIT $3`,
      [cid, star, Math.max(0, personalItems - talksByStar)],
    );
    const secret = newSecret('feed');
    await m.query('INSERT INTO feed_token (person_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)', [
      star,
      'bench',
      hashSecret(secret),
      secretPrefix(secret),
    ]);
    return { slug, feedToken: secret };
  });
}
