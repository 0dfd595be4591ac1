/** A person as seen by one community: the community and their role in it (null: not a member). Rules: core/policy.ts. */
import type { Actor } from '../../core/actor';
import type { Role } from '../../core/policy';
import type { Community } from './community.entity';
import type { Versions } from './communities.queries';

export interface Access {
  actor: Actor;
  /** with its content versions (the cache keys of what it shows; see CommunityStamp) */
  community: Community & Versions;
  role: Role | null;
}
