/** A person as seen by one community: the community and their role in it (null: not a member). Rules: core/policy.ts. */
import type { Actor } from '../../core/actor';
import type { Role } from '../../core/policy';
import type { Community } from './community.entity';

export interface Access {
  actor: Actor;
  /** with its content version (the cache key of what it shows; see CommunityStamp) */
  community: Community & { listVersion: string };
  role: Role | null;
}
