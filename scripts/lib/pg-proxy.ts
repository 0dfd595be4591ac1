/**
 * A TCP proxy in front of PostgreSQL, to take the database away from an app and give it back: cut()
 * drops every connection and refuses new ones (what a stopped server looks like), restore() listens
 * again on the same port; silence() takes connections and answers nothing (a host dropping packets).
 */
import net from 'node:net';

export class PgProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  /** Take connections and answer nothing (a host that drops packets). */
  silent = false;
  port = 0;

  private constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  /** Starts a proxy for `url`; `proxy.url` is the same URL through the proxy. */
  static async start(url: string): Promise<PgProxy & { url: string }> {
    const u = new URL(url);
    const p = new PgProxy(u.hostname, Number(u.port || 5432));
    await p.restore();
    u.hostname = '127.0.0.1';
    u.port = String(p.port);
    return Object.assign(p, { url: u.toString() });
  }

  async restore(): Promise<void> {
    const server = net.createServer((client) => {
      if (this.silent) {
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => undefined);
        return;
      }
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.silent = false;
    if (this.server) return;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Drops every connection and answers nothing from now on (until restore). */
  async silence(): Promise<void> {
    this.silent = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
