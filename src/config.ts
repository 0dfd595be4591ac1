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
  /** Log health probes and /metrics scrapes too (LOG_PROBES=on); off by default: one line per other request. */
  logProbes: boolean;
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
  /** The organizer address's mailbox (imap: or imaps:), read for calendar replies; null: none. */
  imapUrl: string | null;
  /** Replies are read (an IMAP mailbox is set): invitations ask for them. */
  repliesRead: boolean;
  /** Run the job worker inside the server process (WORKER=off leaves it to `npm run worker`). */
  worker: boolean;
  workerConcurrency: number;
  /** On SIGTERM, keep taking connections this long (a load balancer notices /health/ready) before draining. */
  shutdownDelaySeconds: number;
  /** Bearer token that may read /metrics (admins' API tokens may too); null: admins only. */
  metricsToken: string | null;
  /** `npm run worker`: serve its metrics on this port (0: not at all). */
  metricsPort: number;
  /** Memory for all render caches together, in bytes (RENDER_CACHE_MB; 0 switches them off). */
  renderCacheBytes: number;
  auth: AuthConfig;
}

/**
 * The render caches' default budget: with the heap a busy server needs (80–110 MB) and what Node,
 * the driver and the job worker hold, the whole process stays under 300 MB RSS (docs/memory.md).
 */
export const DEFAULT_RENDER_CACHE_MB = 48;
export const DEFAULT_RENDER_CACHE_BYTES = DEFAULT_RENDER_CACHE_MB * 1024 * 1024;

/** How people sign in (see README, Sign-in). */
export interface AuthConfig {
  /** The company's OpenID provider; null: none configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string | null; name: string } | null;
  /** Sign-in by a link sent by mail: on when no provider is configured, optional beside one. */
  emailSignIn: boolean;
  /** Domains whose people may sign up by themselves; empty: only people Brownbag knows already. */
  allowedEmailDomains: string[];
  sessionDays: number;
}

export const defaultAuth: AuthConfig = { oidc: null, emailSignIn: true, allowedEmailDomains: [], sessionDays: 30 };

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

function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (!raw) return null;
  if (!/^[\x21-\x7e]{16,200}$/.test(raw))
    throw new ConfigError('METRICS_TOKEN is invalid: expected 16 to 200 printable characters, no spaces');
  return raw;
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
  const issuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const clientId = env.OIDC_CLIENT_ID || null;
  if (!!issuer !== !!clientId)
    throw new ConfigError(
      'OIDC_ISSUER and OIDC_CLIENT_ID are set together (OIDC_CLIENT_SECRET too, unless a public client)',
    );
  const oidc = issuer
    ? {
        issuer: issuer.replace(/\/+$/, ''),
        clientId: clientId!,
        clientSecret: env.OIDC_CLIENT_SECRET || null,
        name: env.OIDC_NAME || 'your company account',
      }
    : null;
  const domains = (env.ALLOWED_EMAIL_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  for (const d of domains)
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(d))
      throw new ConfigError(`ALLOWED_EMAIL_DOMAINS: ${JSON.stringify(d)} is not a domain (e.g. example.com)`);
  const auth: AuthConfig = {
    oidc,
    emailSignIn: oneOf(env, 'EMAIL_SIGN_IN', oidc ? 'off' : 'on', ['on', 'off'] as const) === 'on',
    allowedEmailDomains: domains,
    sessionDays: int(env, 'SESSION_DAYS', 30, 1, 365),
  };
  if (!auth.oidc && !auth.emailSignIn)
    throw new ConfigError('EMAIL_SIGN_IN=off needs a provider (OIDC_ISSUER): otherwise nobody can sign in');
  if (env.SECRET_KEY && Buffer.from(env.SECRET_KEY, 'base64').length !== 32)
    throw new ConfigError('SECRET_KEY is invalid: expected 32 bytes, base64 (openssl rand -base64 32)');
  return {
    auth,
    host,
    port,
    databaseUrl,
    dataDir,
    publicUrl,
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    logProbes: oneOf(env, 'LOG_PROBES', 'off', ['on', 'off'] as const) === 'on',
    bodyLimitBytes: int(env, 'BODY_LIMIT', 262144, 1024, 104857600),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 2, 200),
    bootstrapAdminEmail: email.toLowerCase(),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailDir: path.resolve(env.MAIL_DIR || path.join(dataDir, 'mail')),
    mailFrom,
    organizerEmail,
    imapUrl: url(env, 'IMAP_URL', ['imap:', 'imaps:']),
    repliesRead: !!url(env, 'IMAP_URL', ['imap:', 'imaps:']),
    worker: oneOf(env, 'WORKER', 'on', ['on', 'off'] as const) === 'on',
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 5, 1, 100),
    shutdownDelaySeconds: int(env, 'SHUTDOWN_DELAY', 0, 0, 60),
    metricsToken: metricsToken(env),
    metricsPort: int(env, 'METRICS_PORT', 0, 0, 65535),
    renderCacheBytes: int(env, 'RENDER_CACHE_MB', DEFAULT_RENDER_CACHE_MB, 0, 16384) * 1024 * 1024,
  };
}
