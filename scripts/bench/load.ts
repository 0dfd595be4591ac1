/**
 * The load generator in a process of its own (forked by lib.ts `drive`), so autocannon never shares
 * a core's event loop with the bench's bookkeeping, and its CPU is measured apart from the server's.
 * It gets JSON: autocannon's options, where a request may be `{ choose: [...] }` (each request picks
 * one of them at random, so connections do not walk the same list in step). It answers with the
 * result and the CPU it used (ms of user + system).
 */
import autocannon from 'autocannon';

export interface Plain {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
export type Spec = Plain | { choose: Plain[] };
export interface LoadOrder {
  opts: Record<string, unknown> & { requests: Spec[] };
}

process.once('message', async ({ opts }: LoadOrder) => {
  const requests = opts.requests.map((r) =>
    'choose' in r
      ? {
          method: 'GET',
          setupRequest: (req: object) => ({ ...req, ...r.choose[Math.floor(Math.random() * r.choose.length)] }),
        }
      : r,
  );
  const cpu0 = process.cpuUsage();
  const result = await autocannon({ ...opts, requests } as autocannon.Options);
  const cpu = process.cpuUsage(cpu0);
  process.send!({ result, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
});
