import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import * as q from './people.queries';
import { CredentialCache } from './credential-cache';
import { Batcher } from '../../db/batch';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { ApiToken } from './api-token.entity';
import type { Person } from './person.entity';
import type { MePatch, PersonCreate } from './people.schemas';
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

export type PersonInput = Static<typeof PersonCreate>;
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export class PeopleService {
  /** Lookups that miss the credential cache in one turn share one statement. */
  readonly owners: Batcher<string, q.TokenOwnerRow | undefined>;

  constructor(
    private readonly ds: DataSource,
    private readonly credentials = new CredentialCache(),
  ) {
    this.owners = new Batcher((hashes) => q.tokenOwners(ds.manager, hashes));
  }

  /**
   * One indexed lookup per token and second (credential-cache.ts says how revocation still takes
   * effect at once); last-used time is written at most once a minute per token.
   */
  async authenticate(secret: string): Promise<Actor | null> {
    const hash = hashSecret(secret);
    const hit = this.credentials.get(hash);
    if (hit) return hit;
    const actor = await this.lookup(hash);
    this.credentials.set(hash, actor);
    return actor;
  }

  private async lookup(hash: string): Promise<Actor | null> {
    const r = await this.owners.one(hash);
    if (!r) return null;
    if (!r.last_used_at || Date.now() - r.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await q.touchToken(this.ds.manager, r.token_id);
    }
    return { id: r.id, email: r.email, name: r.name, isAdmin: r.is_admin, language: r.language, tokenId: r.token_id };
  }

  async get(id: string): Promise<Person> {
    const p = await q.personById(this.ds.manager, id);
    if (!p) throw new NotFound('The person');
    return p;
  }

  async findByEmail(email: string): Promise<Person | null> {
    return q.personByEmail(this.ds.manager, normalizeEmail(email));
  }

  /**
   * The person with this e-mail, created on first use. Race-free: INSERT … ON CONFLICT DO NOTHING,
   * then read whichever row won.
   */
  async findOrCreate(m: EntityManager, email: string, name?: string): Promise<Person> {
    const e = normalizeEmail(email);
    await q.insertPerson(m, {
      email: e,
      name: name?.trim() || nameFromEmail(e),
      department: null,
      title: null,
      isAdmin: false,
    });
    return (await q.personByEmail(m, e))!;
  }

  async create(actor: Actor, input: PersonInput): Promise<Person> {
    authorize({ actor }, 'person.create');
    return this.ds.transaction(async (m) => {
      const email = normalizeEmail(input.email);
      const id = await q.insertPerson(m, {
        email,
        name: input.name?.trim() || nameFromEmail(email),
        department: input.department ?? null,
        title: input.title ?? null,
        isAdmin: input.isAdmin ?? false,
      });
      if (!id) throw new Conflict('person-exists', `A person with e-mail ${email} exists already.`).saying({ email });
      return (await q.personById(m, id))!;
    });
  }

  async list(actor: Actor, email?: string): Promise<Person[]> {
    authorize({ actor }, 'person.list');
    if (!email) return q.firstPeople(this.ds.manager, 200);
    const p = await q.personByEmail(this.ds.manager, normalizeEmail(email));
    return p ? [p] : [];
  }

  async updateMe(actor: Actor, patch: Static<typeof MePatch>): Promise<Person> {
    const changes: Partial<Person> = {};
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.department !== undefined) changes.department = patch.department;
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.acceptsNominations !== undefined) changes.acceptsNominations = patch.acceptsNominations;
    if (patch.alarmMinutes !== undefined) changes.alarmMinutes = patch.alarmMinutes;
    if (patch.language !== undefined) changes.language = patch.language;
    if (Object.keys(changes).length) {
      await q.updatePerson(this.ds.manager, actor.id, changes);
      // Credentials carry the name and the language: every instance reads them afresh (bb_auth).
      if (changes.name !== undefined || changes.language !== undefined) {
        await q.announcePersonChanged(this.ds.manager, actor.id);
        this.credentials.forget(`person:${actor.id}`);
      }
    }
    return this.get(actor.id);
  }

  async listTokens(personId: string): Promise<ApiToken[]> {
    return q.tokensOf(this.ds.manager, personId);
  }

  async createToken(
    actor: Actor,
    personId: string,
    name: string,
    m: EntityManager = this.ds.manager,
  ): Promise<CreatedToken> {
    authorize({ actor, own: personId === actor.id }, 'token.create');
    if (!(await q.personExists(m, personId))) throw new NotFound('The person');
    return this.issueToken(m, personId, name);
  }

  async revokeToken(actor: Actor, tokenId: string): Promise<void> {
    if (!(await q.revokeToken(this.ds.manager, actor.id, tokenId))) {
      if (!(await q.tokenExists(this.ds.manager, actor.id, tokenId))) throw new NotFound('The token');
    }
    // After the commit, so a lookup in flight meanwhile cannot put the token back (the bb_auth
    // notification the same statement sent reaches every other instance).
    this.credentials.forget(`token:${tokenId}`);
  }

  /**
   * Creates (or promotes) an admin and issues a token: the admin CLI and the first start use it.
   * `onlyIfNoAdmin` makes the first-start bootstrap a no-op once any admin exists, even when
   * several instances start at once (the transaction takes an advisory lock).
   */
  async bootstrapAdmin(email: string, name?: string, onlyIfNoAdmin = false): Promise<CreatedToken | null> {
    return this.ds.transaction(async (m) => {
      await q.lockAdminBootstrap(m);
      if (onlyIfNoAdmin && (await q.anyAdmin(m))) return null;
      const person = await this.findOrCreate(m, email, name);
      await q.updatePerson(m, person.id, { isAdmin: true });
      return this.issueToken(m, person.id, onlyIfNoAdmin ? 'first-start admin token' : 'admin CLI');
    });
  }

  private async issueToken(m: EntityManager, personId: string, name: string): Promise<CreatedToken> {
    const secret = newSecret('bb');
    const token = await q.insertToken(m, {
      personId,
      name,
      tokenHash: hashSecret(secret),
      prefix: secretPrefix(secret),
    });
    return { token, secret };
  }
}
