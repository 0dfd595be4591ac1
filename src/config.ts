/**
 * The only place that reads the environment. Every variable is parsed and validated here;
 * a bad value stops the start with one line naming the variable and what it accepts.
 */
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** null means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Public base URL used in links (calendar URLs, mail); defaults to http://HOST:PORT. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  dbPoolSize: number;
  /** Create an admin on the first start of an empty database and print its token. */
  bootstrapAdminEmail: string;
  /** null: write every message as an .eml file under mailDir (the zero-setup default). */
  smtpUrl: string | null;
  mailDir: string;
  mailFrom: string;
  /** ORGANIZER of calendar invitations: the address replies (Accept/Decline) go to. */
  organizerEmail: string;
  /** Run the job worker inside the server process (WORKER=off leaves it to `npm run worker`). */
  worker: boolean;
  workerConcurrency: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, def: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is invalid: expected a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} is invalid: expected a URL starting with ${protocols.join(' or ')}`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDir = path.resolve(env.BROWNBAG_DATA_DIR || '.brownbag');
  const publicUrl = (
    url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, '');
  const email = env.ADMIN_EMAIL || 'admin@brownbag.local';
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new ConfigError(`ADMIN_EMAIL=${JSON.stringify(email)} is invalid: expected an e-mail address`);
  const mailFrom = env.MAIL_FROM || 'Brownbag <brownbag@localhost>';
  const fromAddress =
    /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom)?.[1] ?? (/^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom) ? mailFrom : null);
  if (!fromAddress || /[\r\n]/.test(mailFrom))
    throw new ConfigError(`MAIL_FROM=${JSON.stringify(mailFrom)} is invalid: expected an address, or Name <address>`);
  const organizerEmail = env.ORGANIZER_EMAIL || fromAddress;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(organizerEmail))
    throw new ConfigError(`ORGANIZER_EMAIL=${JSON.stringify(organizerEmail)} is invalid: expected an e-mail address`);
  return {
    host,
    port,
    databaseUrl,
    dataDir,
    publicUrl,
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    bodyLimitBytes: int(env, 'BODY_LIMIT', 262144, 1024, 104857600),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 2, 200),
    bootstrapAdminEmail: email.toLowerCase(),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailDir: path.resolve(env.MAIL_DIR || path.join(dataDir, 'mail')),
    mailFrom,
    organizerEmail,
    worker: oneOf(env, 'WORKER', 'on', ['on', 'off'] as const) === 'on',
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 5, 1, 100),
  };
}
