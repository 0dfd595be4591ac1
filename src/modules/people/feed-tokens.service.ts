import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import type { FeedToken } from './feed-token.entity';
import * as q from './feed-tokens.queries';
import { hashSecret, newSecret, secretPrefix } from './tokens';

const fresh = () => {
  const secret = newSecret('feed');
  return { secret, stored: { tokenHash: hashSecret(secret), prefix: secretPrefix(secret) } };
};

/** Personal calendar-feed tokens: the secret is the URL, shown once, stored hashed, revocable. */
export class FeedTokensService {
  constructor(private readonly ds: DataSource) {}

  async create(actor: Actor, name: string): Promise<{ token: FeedToken; secret: string }> {
    const { secret, stored } = fresh();
    return { token: await q.insertFeedToken(this.ds.manager, actor.id, name, stored), secret };
  }

  list(actor: Actor): Promise<FeedToken[]> {
    return q.feedTokensOf(this.ds.manager, actor.id);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    if (!(await q.feedTokenExists(this.ds.manager, actor.id, id))) throw new NotFound('The feed token');
    await q.revokeFeedToken(this.ds.manager, actor.id, id);
  }

  /** A new secret for the same feed: the old URL stops working at once. */
  async rotate(actor: Actor, id: string): Promise<{ token: FeedToken; secret: string }> {
    return this.ds.transaction(async (m) => {
      if (!(await q.liveFeedToken(m, actor.id, id))) throw new NotFound('The feed token');
      const { secret, stored } = fresh();
      return { token: await q.replaceFeedSecret(m, id, stored), secret };
    });
  }

  /** The person a feed secret belongs to; null when unknown or revoked. */
  resolve(secret: string): Promise<string | null> {
    return q.feedTokenOwner(this.ds.manager, hashSecret(secret));
  }
}
