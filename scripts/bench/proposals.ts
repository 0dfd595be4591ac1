/**
 * Issue #2's benchmark: 10,000 proposals with 3 reviews each over 20 communities; then, in one run,
 * 10 s each at 50 connections: the SELECT 1 baseline, the organizers' list (page of 50 by mean
 * score) and proposal submission. Targets: list ≥ 40 %, submission ≥ 30 % of the baseline with p99
 * under 100 ms (issue #14), spread over the communities and all in one.
 */
import { seedScale } from '../seed/scale';
import { baselines, drive, printTable, startServer } from './lib';
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
    const pick = () => Math.floor(Math.random() * communities);
    const { pooled: baseline, noDb } = await baselines(server, seconds);
    const list = await drive(
      server,
      'organizers list, 50 by mean score',
      {
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const i = pick();
              return {
                ...req,
                path: `/v1/communities/${data.slugs[i]}/proposals?sort=-meanScore&limit=50`,
                headers: { authorization: `Bearer ${data.organizerTokens[i]}` },
              };
            },
          },
        ],
      },
      seconds,
      40,
    );
    let n = 0;
    const submitting = (label: string, which: () => number) =>
      drive(
        server,
        label,
        {
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const i = which();
                return {
                  ...req,
                  path: `/v1/communities/${data.slugs[i]}/proposals`,
                  headers: { authorization: `Bearer ${data.speakerTokens[i]}`, 'content-type': 'application/json' },
                  body: JSON.stringify({
                    callId: data.callIds[i],
                    title: `Benchmark talk ${n++}`,
                    abstract: 'Measured, not hoped.',
                    format: 'talk',
                    submit: true,
                  }),
                };
              },
            },
          ],
        },
        seconds,
        30,
      );
    // Targets (issue #14): ≥ 30 % of the baseline with p99 under 100 ms, spread and all in one community.
    const submit = { ...(await submitting('submit a proposal', pick)), p99Under: 100 };
    // All writers in one community: what a shared per-community row lock would serialize.
    const submitOne = { ...(await submitting('submit, all in one community', () => 0)), p99Under: 100 };
    return printTable(
      `proposals (${communities} communities, ${seconds} s per route, 50 connections, loopback)`,
      [noDb, baseline, list, submit, submitOne],
      baseline,
      noDb,
    );
  } finally {
    await server.stop();
  }
}
