/** hoodiecrow-imap ships no types: the little the tests use of it. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';
  interface Options {
    plugins?: string[];
    storage?: Record<string, { messages?: { raw: string; flags?: string[] }[] }>;
    users?: Record<string, { password: string }>;
  }
  interface IMAPServer {
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    /** the listening socket server */
    server: Server;
  }
  export default function hoodiecrow(options: Options): IMAPServer;
}
