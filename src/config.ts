/**
 * The only place that reads the environment. Every variable is parsed and validated here;
 * a bad value stops the start with one line naming the variable and what it accepts.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { allowList } from './core/networks';

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
  /** PostgreSQL's plan_cache_mode for the pool's connections (DB_PLAN_CACHE_MODE). */
  dbPlanCacheMode: PlanCacheMode;
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
  /** Replies are read (an IMAP mailbox is set, and a way to authenticate them): invitations ask for them. */
  repliesRead: boolean;
  /** Invitations carry a per-invitation reply address (organizer+secret@…) that proves a reply (REPLY_ADDRESSES). */
  replyAddresses: boolean;
  /** The authserv-id of our mail server, whose Authentication-Results dmarc=pass proves a reply (REPLY_AUTHSERV_ID). */
  replyAuthservId: string | null;
  /** Calendar replies larger than this are not downloaded (REPLY_MAX_BYTES). */
  replyMaxBytes: number;
  /** Run the job worker inside the server process (WORKER=off leaves it to `npm run worker`). */
  worker: boolean;
  workerConcurrency: number;
  /** Announcement deliveries run apart from mail, this many at a time (a hanging chat server never holds up mail). */
  announceConcurrency: number;
  /** Networks announcements may reach although loopback/link-local/unspecified (DESTINATIONS_ALLOW). */
  destinationsAllow: string[];
  /** Ports announcements never go to: this service's HTTP and metrics ports and PostgreSQL's. */
  ownPorts: number[];
  /** On SIGTERM, keep taking connections this long (a load balancer notices /health/ready) before draining. */
  shutdownDelaySeconds: number;
  /** Bearer token that may read /metrics (admins' API tokens may too); null: admins only. */
  metricsToken: string | null;
  /** `npm run worker`: serve its metrics on this port (0: not at all). */
  metricsPort: number;
  /**
   * Which peers are proxies whose X-Forwarded-For/-Proto/-Host are believed (Fastify's trustProxy):
   * addresses/CIDRs (and proxy-addr's names loopback, linklocal, uniquelocal); false: none — the
   * socket's own address and protocol, whatever a request's headers say.
   */
  trustProxy: TrustProxy;
  /** Memory for all render caches together, in bytes (RENDER_CACHE_MB; 0 switches them off). */
  renderCacheBytes: number;
  auth: AuthConfig;
}

export type TrustProxy = false | string[];

/**
 * The render caches' default budget: with the heap a busy server needs (80–110 MB) and what Node,
 * the driver and the job worker hold, the whole process stays under 300 MB RSS (docs/memory.md).
 */
export const DEFAULT_RENDER_CACHE_MB = 48;
export const DEFAULT_RENDER_CACHE_BYTES = DEFAULT_RENDER_CACHE_MB * 1024 * 1024;

/** How people sign in (see docs/operating.md, Sign-in). */
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

/** PostgreSQL's `plan_cache_mode` for the app's pool (see createDataSource in db/data-source.ts). */
export const PLAN_CACHE_MODES = ['force_generic_plan', 'auto', 'force_custom_plan'] as const;
export type PlanCacheMode = (typeof PLAN_CACHE_MODES)[number];

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

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: empty (trust no one), or a comma list of the proxies' addresses and CIDRs. A hop
 * count is refused: it trusts whichever peer connects, so a client that reaches the service directly
 * could name any address it likes (Fastify 5 ignores hop counts for that reason, failing closed).
 */
function trustProxy(env: Env): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw))
    throw new ConfigError(
      `TRUST_PROXY=${raw} is invalid: a hop count trusts any peer; name the proxy's addresses or CIDRs (e.g. 10.0.0.5 or 172.28.0.0/24)`,
    );
  const list = raw.split(',').map((v) => v.trim());
  for (const v of list) {
    const [addr, bits, more] = v.split('/');
    const kind = isIP(addr);
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(v) && (!kind || !okBits || more !== undefined))
      throw new ConfigError(
        `TRUST_PROXY: ${JSON.stringify(v)} is invalid: expected addresses and CIDRs separated by commas ` +
          `(e.g. 10.0.0.5 or 172.28.0.0/24), or ${PROXY_NAMES.join(', ')}; "true" (trust every peer) is not offered`,
      );
  }
  return list;
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
  const destinationsAllow = (env.DESTINATIONS_ALLOW ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  try {
    allowList(destinationsAllow);
  } catch (e) {
    throw new ConfigError(`DESTINATIONS_ALLOW is invalid: ${(e as Error).message}`);
  }
  const replyAddresses = oneOf(env, 'REPLY_ADDRESSES', 'on', ['on', 'off'] as const) === 'on';
  const replyAuthservId = env.REPLY_AUTHSERV_ID?.trim() || null;
  if (replyAuthservId && !/^[A-Za-z0-9.-]{1,253}$/.test(replyAuthservId))
    throw new ConfigError(
      'REPLY_AUTHSERV_ID is invalid: expected the host name your mail server writes (e.g. mx.example.com)',
    );
  const metricsPort = int(env, 'METRICS_PORT', 0, 0, 65535);
  const dbPort = databaseUrl ? Number(new URL(databaseUrl).port) || 5432 : 5432;
  return {
    auth,
    host,
    port,
    databaseUrl,
    dataDir,
    publicUrl,
    // Local (embedded database): quiet, so the start banner and the sign-in links stay on screen; one
    // JSON line per request with LOG_LEVEL=info. With DATABASE_URL (a deployment): info.
    logLevel: oneOf(env, 'LOG_LEVEL', databaseUrl ? 'info' : 'warn', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    logProbes: oneOf(env, 'LOG_PROBES', 'off', ['on', 'off'] as const) === 'on',
    bodyLimitBytes: int(env, 'BODY_LIMIT', 262144, 1024, 104857600),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 2, 200),
    dbPlanCacheMode: oneOf(env, 'DB_PLAN_CACHE_MODE', 'force_generic_plan', PLAN_CACHE_MODES),
    bootstrapAdminEmail: email.toLowerCase(),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailDir: path.resolve(env.MAIL_DIR || path.join(dataDir, 'mail')),
    mailFrom,
    organizerEmail,
    imapUrl: url(env, 'IMAP_URL', ['imap:', 'imaps:']),
    repliesRead: !!url(env, 'IMAP_URL', ['imap:', 'imaps:']) && (replyAddresses || !!replyAuthservId),
    replyAddresses,
    replyAuthservId,
    replyMaxBytes: int(env, 'REPLY_MAX_BYTES', 1048576, 16384, 52428800),
    worker: oneOf(env, 'WORKER', 'on', ['on', 'off'] as const) === 'on',
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 5, 1, 100),
    shutdownDelaySeconds: int(env, 'SHUTDOWN_DELAY', 0, 0, 60),
    metricsToken: metricsToken(env),
    metricsPort,
    trustProxy: trustProxy(env),
    announceConcurrency: int(env, 'ANNOUNCE_CONCURRENCY', 2, 1, 50),
    destinationsAllow,
    ownPorts: [...new Set([port, metricsPort, dbPort].filter((p) => p > 0))],
    renderCacheBytes: int(env, 'RENDER_CACHE_MB', DEFAULT_RENDER_CACHE_MB, 0, 16384) * 1024 * 1024,
  };
}
