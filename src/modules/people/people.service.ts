import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../../core/actor';
import { sql } from '../../db/sql';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { ApiToken } from './api-token.entity';
import { Person } from './person.entity';
import { hashSecret, newSecret, secretPrefix } from './tokens';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** "ada.lovelace@example.com" → "Ada Lovelace": a name until the person sets their own. */
export function nameFromEmail(email: string): string {
  const local = email
    .split('@')[0]
    .replace(/[._+-]+/g, ' ')
    .trim();
  return local.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) || email;
}

export interface PersonInput {
  email: string;
  name?: string;
  department?: string | null;
  title?: string | null;
  isAdmin?: boolean;
}
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long this process trusts a token lookup it made. Revocation takes effect at once in the
 * process that revoked (its entries are dropped) and within this long in every other instance.
 */
const AUTH_CACHE_MS = 1_000;

export class PeopleService {
  private readonly recent = new Map<string, { actor: Actor; at: number }>();

  constructor(private readonly ds: DataSource) {}

  /**
   * One indexed lookup per token and second (under load most requests skip the round trip);
   * last-used time is written at most once a minute per token.
   */
  async authenticate(secret: string): Promise<Actor | null> {
    const hash = hashSecret(secret);
    const hit = this.recent.get(hash);
    if (hit && Date.now() - hit.at < AUTH_CACHE_MS) return hit.actor;
    const actor = await this.lookup(hash);
    if (actor) {
      if (this.recent.size > 10_000) this.recent.clear();
      this.recent.set(hash, { actor, at: Date.now() });
    } else {
      this.recent.delete(hash);
    }
    return actor;
  }

  private async lookup(hash: string): Promise<Actor | null> {
    const rows = await sql<{
      token_id: string;
      last_used_at: Date | null;
      id: string;
      email: string;
      name: string;
      is_admin: boolean;
    }>(
      this.ds.manager,
      `SELECT t.id AS token_id, t.last_used_at, p.id, p.email, p.name, p.is_admin
         FROM api_token t JOIN person p ON p.id = t.person_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hash],
    );
    const r = rows[0];
    if (!r) return null;
    if (!r.last_used_at || Date.now() - r.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.ds.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [r.token_id]);
    }
    return { id: r.id, email: r.email, name: r.name, isAdmin: r.is_admin, tokenId: r.token_id };
  }

  async get(id: string): Promise<Person> {
    const p = await this.ds.getRepository(Person).findOneBy({ id });
    if (!p) throw new NotFound('The person');
    return p;
  }

  async findByEmail(email: string): Promise<Person | null> {
    return this.ds.getRepository(Person).findOneBy({ email: normalizeEmail(email) });
  }

  /**
   * The person with this e-mail, created on first use. Race-free: INSERT … ON CONFLICT DO NOTHING,
   * then read whichever row won.
   */
  async findOrCreate(m: EntityManager, email: string, name?: string): Promise<Person> {
    const e = normalizeEmail(email);
    await m.query(`INSERT INTO person (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING`, [
      e,
      name?.trim() || nameFromEmail(e),
    ]);
    return m.getRepository(Person).findOneByOrFail({ email: e });
  }

  async create(actor: Actor, input: PersonInput): Promise<Person> {
    authorize({ actor }, 'person.create');
    return this.ds.transaction(async (m) => {
      const email = normalizeEmail(input.email);
      const inserted: Person[] = await m.query(
        `INSERT INTO person (email, name, department, title, is_admin) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          email,
          input.name?.trim() || nameFromEmail(email),
          input.department ?? null,
          input.title ?? null,
          input.isAdmin ?? false,
        ],
      );
      if (!inserted.length) throw new Conflict('person-exists', `A person with e-mail ${email} exists already.`);
      return m.getRepository(Person).findOneByOrFail({ id: inserted[0].id });
    });
  }

  async list(actor: Actor, email?: string): Promise<Person[]> {
    authorize({ actor }, 'person.list');
    const repo = this.ds.getRepository(Person);
    return email ? repo.findBy({ email: normalizeEmail(email) }) : repo.find({ order: { email: 'ASC' }, take: 200 });
  }

  async updateMe(
    actor: Actor,
    patch: { name?: string; department?: string | null; title?: string | null; acceptsNominations?: boolean },
  ): Promise<Person> {
    const repo = this.ds.getRepository(Person);
    const changes: Partial<Person> = {};
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.department !== undefined) changes.department = patch.department;
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.acceptsNominations !== undefined) changes.acceptsNominations = patch.acceptsNominations;
    if (Object.keys(changes).length) await repo.update({ id: actor.id }, changes);
    return this.get(actor.id);
  }

  async listTokens(personId: string): Promise<ApiToken[]> {
    return this.ds.getRepository(ApiToken).find({ where: { personId }, order: { createdAt: 'DESC' } });
  }

  async createToken(
    actor: Actor,
    personId: string,
    name: string,
    m: EntityManager = this.ds.manager,
  ): Promise<CreatedToken> {
    authorize({ actor, own: personId === actor.id }, 'token.create');
    if (!(await m.getRepository(Person).existsBy({ id: personId }))) throw new NotFound('The person');
    return this.issueToken(m, personId, name);
  }

  async revokeToken(actor: Actor, tokenId: string): Promise<void> {
    for (const [hash, e] of this.recent) if (e.actor.tokenId === tokenId) this.recent.delete(hash);
    const res = await this.ds
      .getRepository(ApiToken)
      .update({ id: tokenId, personId: actor.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!res.affected) {
      const exists = await this.ds.getRepository(ApiToken).existsBy({ id: tokenId, personId: actor.id });
      if (!exists) throw new NotFound('The token');
    }
  }

  /**
   * Creates (or promotes) an admin and issues a token: the admin CLI and the first start use it.
   * `onlyIfNoAdmin` makes the first-start bootstrap a no-op once any admin exists, even when
   * several instances start at once (the transaction takes an advisory lock).
   */
  async bootstrapAdmin(email: string, name?: string, onlyIfNoAdmin = false): Promise<CreatedToken | null> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7245019332)');
      if (onlyIfNoAdmin && (await m.getRepository(Person).existsBy({ isAdmin: true }))) return null;
      const person = await this.findOrCreate(m, email, name);
      await m.getRepository(Person).update({ id: person.id }, { isAdmin: true });
      return this.issueToken(m, person.id, onlyIfNoAdmin ? 'first-start admin token' : 'admin CLI');
    });
  }

  private async issueToken(m: EntityManager, personId: string, name: string): Promise<CreatedToken> {
    const secret = newSecret('bb');
    const token = await m.getRepository(ApiToken).save(
      m.getRepository(ApiToken).create({
        personId,
        name,
        tokenHash: hashSecret(secret),
        prefix: secretPrefix(secret),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { token, secret };
  }
}
