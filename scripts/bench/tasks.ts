/**
 * Issue #5's benchmark: 50,000 tasks over 2,000 talks (10 communities of 200 accepted talks with
 * 25 tasks each, a third of them overdue); the board's overdue view of one community (page of 50)
 * at 50 connections for 10 s, beside the SELECT 1 baseline route, in one run; then the same board
 * from a server with the render caches off. Targets ≥ 40 % cached, ≥ 20 % uncached.
 */
import type { BenchContext } from './lib';
import { seedScale } from '../seed/scale';
import { baselines, drive, printTable, startServer, UNCACHED } from './lib';

export async function benchTasks({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const communities = smoke ? 2 : 10;
  const talks = smoke ? 20 : 200;
  const started = Date.now();
  const data = await seedScale(ds, communities, talks, () => undefined);
  await ds.query(
    `WITH p AS (UPDATE proposal SET state = 'accepted' WHERE community_id IN (SELECT id FROM community WHERE slug = ANY($1)) RETURNING id, community_id, created_by)
     INSERT INTO task (community_id, proposal_id, title, description, category, owner, assignee_id, offset_days, due_at, status)
     SELECT p.community_id, p.id, 'Task ' || k || ' for the talk', 'What to do, and how.', (ARRAY['logistics','slides','promotion','follow-up'])[1 + k % 4]::task_category,
            CASE WHEN k % 3 = 0 THEN 'speaker' ELSE 'organizer' END::task_owner, p.created_by, k - 20,
            now() + ((random() * 90) - 30) * interval '1 day', CASE WHEN k % 5 = 0 THEN 'done' ELSE 'open' END::task_status
       FROM p CROSS JOIN generate_series(1, 25) k`,
    [data.slugs],
  );
  await ds.query('ANALYZE task');
  const [{ n, overdue }] = await ds.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'open' AND due_at < now())::int AS overdue FROM task`,
  );
  console.log(
    `seeded ${n} tasks over ${communities * talks} talks (${overdue} overdue) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const server = await startServer(dbUrl);
  try {
    const { pooled: baseline, noDb } = await baselines(server, seconds);
    const requests = [
      {
        path: `/v1/communities/${data.slugs[0]}/tasks?overdue=true&limit=50`,
        headers: { authorization: `Bearer ${data.organizerTokens[0]}` },
      },
    ];
    const board = await drive(server, 'board: overdue, page of 50', { requests }, seconds, 40);
    await server.stop();
    const uncached = await startServer(dbUrl, UNCACHED);
    let miss;
    try {
      miss = await drive(uncached, 'board: overdue, page of 50, uncached', { requests }, seconds, 20);
    } finally {
      await uncached.stop();
    }
    return printTable(
      `tasks (${n} tasks, one community's overdue board, ${seconds} s per route, 50 connections, loopback)`,
      [noDb, baseline, board, miss],
      baseline,
      noDb,
    );
  } finally {
    if (server.child.exitCode === null) await server.stop();
  }
}
