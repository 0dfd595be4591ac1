/**
 * Statements asked for together go out together (issue #14). Under load the database spends most of
 * its time on what each statement and each commit costs, not on the rows, and every round trip costs
 * the server a socket write and a wake-up. So calls made in the same turn of the event loop are
 * collected (DataLoader, dispatched after the turn's I/O callbacks) and sent as one multi-row
 * statement: one round trip, and for a write one commit, for all of them. Nobody is answered before
 * that statement returns, so an acknowledged write is exactly as durable as on its own.
 *
 * If the shared statement fails (a row breaks a constraint, a call is deleted meanwhile, the
 * connection drops), each item is tried again on its own, so every caller gets its own answer and one
 * bad item never takes the others down with it.
 */
import DataLoader from 'dataloader';

/** More items than this go out as several statements. */
const MAX_BATCH = 64;

export class Batcher<K, V> {
  private readonly loader: DataLoader<K, V>;
  /** Statements sent, items in them, and items tried again alone after a shared statement failed. */
  readonly counts = { statements: 0, items: 0, retriedAlone: 0 };

  /** `run` answers a list of items in the same order (the statement for several at once). */
  constructor(private readonly run: (list: K[]) => Promise<V[]>) {
    this.loader = new DataLoader((list) => this.send(list), {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (send) => setImmediate(send),
    });
  }

  /** One item's answer, from a statement it may share with others asked for now. */
  one(item: K): Promise<V> {
    return this.loader.load(item);
  }

  private async send(list: readonly K[]): Promise<(V | Error)[]> {
    this.counts.statements++;
    this.counts.items += list.length;
    try {
      return await this.run([...list]);
    } catch (e) {
      if (list.length === 1) return [asError(e)];
      this.counts.retriedAlone += list.length;
      const alone = await Promise.allSettled(list.map((item) => this.run([item])));
      return alone.map((r) => (r.status === 'fulfilled' ? r.value[0] : asError(r.reason)));
    }
  }
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
