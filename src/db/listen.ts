/**
 * LISTEN on a channel over a connection of its own (not one of the pool's), reconnecting after a
 * failure; `onLost` runs whenever notifications may have been missed (so callers drop what they
 * cached and stop caching), `onListening` each time notifications flow again. Returns a function
 * that stops listening.
 */
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

export async function listen(
  ds: DataSource,
  channel: string,
  onPayload: (payload: string) => void,
  onLost: () => void,
  onListening: () => void = () => undefined,
): Promise<() => Promise<void>> {
  // A data source that never connected (the OpenAPI export builds the app without a database).
  if (!ds.isInitialized) return async () => undefined;
  const config = (ds.driver as unknown as { master: { options: ClientConfig } }).master.options;
  let client: Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const again = () => {
    if (!stopped && !retry) retry = setTimeout(() => ((retry = null), void connect().catch(again)), 500);
  };
  const connect = async () => {
    const c = new Client({ ...config, application_name: 'brownbag-listen' });
    c.on('notification', (n) => n.channel === channel && onPayload(n.payload ?? ''));
    c.on('error', () => undefined); // 'end' follows; reconnect there
    c.on('end', () => {
      if (client === c) client = null;
      onLost();
      again();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
    client = c;
    if (stopped) await c.end().catch(() => undefined);
    else onListening();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
