/**
 * Issue #2's benchmark: 10,000 proposals with 3 reviews each over 20 communities; then, in one run,
 * 10 s each at 50 connections: the SELECT 1 baseline, the organizers' list (page of 50 by mean
 * score) and proposal submission. Targets: list ≥ 40 %, submission ≥ 30 % of the baseline with p99
 * under 100 ms (issue #14), spread over the communities and all in one; the list again from a server
 * with the render caches off (target ≥ 20 %).
 */
import { seedScale } from '../seed/scale';
import { baselines, drive, printTable, startServer, UNCACHED } from './lib';
import type { BenchContext } from './lib';

export async function benchProposals({ ds, dbUrl, smoke, seconds }: BenchContext): Promise<boolean> {
  const communities = smoke ? 2 : 20;
  const started = Date.now();
  const data = await seedScale(ds, communities, smoke ? 100 : 500, () => undefined);
  console.log(
    `seeded ${communities} communities × ${smoke ? 100 : 500} proposals × 3 reviews in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const server = await startServer(dbUrl);
  try {
    const { pooled: baseline, noDb } = await baselines(server, seconds);
    const all = data.slugs.map((_, i) => i);
    const listRequests = [
      {
        choose: all.map((i) => ({
          path: `/v1/communities/${data.slugs[i]}/proposals?sort=-meanScore&limit=50`,
          headers: { authorization: `Bearer ${data.organizerTokens[i]}` },
        })),
      },
    ];
    const list = await drive(server, 'organizers list, 50 by mean score', { requests: listRequests }, seconds, 40);
    // Uncached before the submissions below add thousands of proposals (and stale statistics).
    const uncached = await startServer(dbUrl, UNCACHED);
    let miss;
    try {
      miss = await drive(uncached, 'organizers list, uncached', { requests: listRequests }, seconds, 20);
    } finally {
      await uncached.stop();
    }
    // [<id>]: autocannon writes a fresh id into each body (idReplacement), so every title differs.
    const submitting = (label: string, which: number[]) =>
      drive(
        server,
        label,
        {
          idReplacement: true,
          requests: [
            {
              choose: which.map((i) => ({
                method: 'POST',
                path: `/v1/communities/${data.slugs[i]}/proposals`,
                headers: { authorization: `Bearer ${data.speakerTokens[i]}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  callId: data.callIds[i],
                  title: 'Benchmark talk [<id>]',
                  abstract: 'Measured, not hoped.',
                  format: 'talk',
                  submit: true,
                }),
              })),
            },
          ],
        },
        seconds,
        30,
      );
    // Targets (issue #14): ≥ 30 % of the baseline with p99 under 100 ms, spread and all in one community.
    const submit = { ...(await submitting('submit a proposal', all)), p99Under: 100 };
    // All writers in one community: what a shared per-community row lock would serialize.
    const submitOne = { ...(await submitting('submit, all in one community', [0])), p99Under: 100 };
    return printTable(
      `proposals (${communities} communities, ${seconds} s per route, 50 connections, loopback)`,
      [noDb, baseline, list, miss, submit, submitOne],
      baseline,
      noDb,
    );
  } finally {
    if (server.child.exitCode === null) await server.stop();
  }
}
