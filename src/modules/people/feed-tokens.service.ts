import { DataSource, IsNull } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import { FeedToken } from './feed-token.entity';
import { hashSecret, newSecret, secretPrefix } from './tokens';

/** Personal calendar-feed tokens: the secret is the URL, shown once, stored hashed, revocable. */
export class FeedTokensService {
  constructor(private readonly ds: DataSource) {}

  async create(actor: Actor, name: string): Promise<{ token: FeedToken; secret: string }> {
    const secret = newSecret('feed');
    const repo = this.ds.getRepository(FeedToken);
    const token = await repo.save(
      repo.create({
        personId: actor.id,
        name,
        tokenHash: hashSecret(secret),
        prefix: secretPrefix(secret),
        revokedAt: null,
      }),
    );
    return { token, secret };
  }

  list(actor: Actor): Promise<FeedToken[]> {
    return this.ds.getRepository(FeedToken).find({ where: { personId: actor.id }, order: { createdAt: 'DESC' } });
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const repo = this.ds.getRepository(FeedToken);
    if (!(await repo.existsBy({ id, personId: actor.id }))) throw new NotFound('The feed token');
    await repo.update({ id, personId: actor.id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A new secret for the same feed: the old URL stops working at once. */
  async rotate(actor: Actor, id: string): Promise<{ token: FeedToken; secret: string }> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(FeedToken);
      const cur = await repo.findOneBy({ id, personId: actor.id, revokedAt: IsNull() });
      if (!cur) throw new NotFound('The feed token');
      const secret = newSecret('feed');
      await repo.update({ id }, { tokenHash: hashSecret(secret), prefix: secretPrefix(secret) });
      return { token: await repo.findOneByOrFail({ id }), secret };
    });
  }

  /** The person a feed secret belongs to; null when unknown or revoked. */
  async resolve(secret: string): Promise<string | null> {
    const [row] = await sql<{ person_id: string }>(
      this.ds.manager,
      'SELECT person_id FROM feed_token WHERE token_hash = $1 AND revoked_at IS NULL',
      [hashSecret(secret)],
    );
    return row?.person_id ?? null;
  }
}
