/**
 * Benchmark-sized data in a few set-based statements: `communities` communities, each with one
 * organizer, three reviewers, 100 speakers, an open call and `perCommunity` submitted proposals
 * with three reviews each.
 */
import type { DataSource } from 'typeorm';
import { hashSecret, newSecret, secretPrefix } from '../../src/modules/people/tokens';

export interface ScaleResult {
  slugs: string[];
  organizerTokens: string[];
  speakerTokens: string[];
  callIds: string[];
}

export async function seedScale(
  ds: DataSource,
  communities: number,
  perCommunity: number,
  tick: (what: string) => void,
): Promise<ScaleResult> {
  const out: ScaleResult = { slugs: [], organizerTokens: [], speakerTokens: [], callIds: [] };
  const run = `${Date.now().toString(36)}`;
  for (let c = 0; c < communities; c++) {
    const slug = `bench-${run}-${c}`;
    await ds.transaction(async (m) => {
      const [{ id: cid }] = await m.query(
        `INSERT INTO community (slug, name, time_zone) VALUES ($1, $2, 'Europe/Berlin') RETURNING id`,
        [slug, `Bench community ${c}`],
      );
      const people: { id: string; email: string }[] = await m.query(
        `INSERT INTO person (email, name, department)
         SELECT $1 || '-' || g || '@bench.example', 'Bench Person ' || g, 'Dept ' || (g % 12) FROM generate_series(0, 103) g RETURNING id, email`,
        [slug],
      );
      people.sort(
        (a, b) => Number(a.email.split('-').at(-1)!.split('@')[0]) - Number(b.email.split('-').at(-1)!.split('@')[0]),
      );
      const [organizer, r1, r2, r3, ...speakers] = people;
      await m.query(
        `INSERT INTO membership (community_id, person_id, role)
         SELECT $1, id, CASE WHEN id = $2 THEN 'organizer' WHEN id = ANY($3) THEN 'reviewer' ELSE 'member' END::membership_role
           FROM person WHERE email LIKE $4`,
        [cid, organizer.id, [r1.id, r2.id, r3.id], `${slug}-%@bench.example`],
      );
      for (const p of [organizer, speakers[0]]) {
        const secret = newSecret('bb');
        await m.query('INSERT INTO api_token (person_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)', [
          p.id,
          'bench',
          hashSecret(secret),
          secretPrefix(secret),
        ]);
        (p === organizer ? out.organizerTokens : out.speakerTokens).push(secret);
      }
      const [{ id: callId }] = await m.query(
        `INSERT INTO call_for_proposals (community_id, title, opens_at) VALUES ($1, 'Bench call', now() - interval '1 day') RETURNING id`,
        [cid],
      );
      const [{ id: formatId }] = await m.query(
        `INSERT INTO call_format (call_id, key, name, duration_minutes) VALUES ($1, 'talk', 'Talk', 30) RETURNING id`,
        [callId],
      );
      await m.query(
        `WITH p AS (
           INSERT INTO proposal (community_id, call_id, format_id, title, abstract, state, created_by, submitted_at, created_at)
           SELECT $1, $2, $3, 'Bench talk ' || g, repeat('An abstract sentence. ', 20), 'submitted', ($4::uuid[])[1 + g % 100], now(), now() - g * interval '1 minute'
             FROM generate_series(1, $5) g RETURNING id, created_by
         ), s AS (
           INSERT INTO proposal_speaker (proposal_id, person_id, is_primary) SELECT id, created_by, true FROM p
         ), t AS (
           INSERT INTO proposal_transition (proposal_id, actor_id, from_state, to_state) SELECT id, created_by, NULL, 'submitted' FROM p
         )
         INSERT INTO review (proposal_id, reviewer_id, score, comment)
         SELECT p.id, r, 1 + floor(random() * 5)::int, 'Bench review' FROM p CROSS JOIN unnest($6::uuid[]) r`,
        [cid, callId, formatId, speakers.map((s) => s.id), perCommunity, [r1.id, r2.id, r3.id]],
      );
      await m.query(
        `UPDATE proposal p SET review_count = s.n, review_mean = s.mean
           FROM (SELECT proposal_id, count(*)::int n, avg(score)::float8 mean FROM review GROUP BY proposal_id) s
          WHERE s.proposal_id = p.id AND p.community_id = $1`,
        [cid],
      );
      out.slugs.push(slug);
      out.callIds.push(callId);
    });
    tick(slug);
  }
  await ds.query('ANALYZE');
  return out;
}
