/** Who may do what in a community, in one place. Admins may do everything an organizer may. */
import type { Actor } from '../../core/actor';
import type { Community } from './community.entity';
import type { Role } from './membership.entity';

export interface Access {
  actor: Actor;
  community: Community;
  role: Role | null;
}

export const isOrganizer = (a: Access) => a.actor.isAdmin || a.role === 'organizer';
export const isReviewer = (a: Access) => a.role === 'reviewer' || a.role === 'organizer';
export const isMember = (a: Access) => a.actor.isAdmin || a.role !== null;
/** Blind review hides speakers from reviewers; organizers and admins always see them. */
export const hidesSpeakers = (a: Access) => a.community.blindReview && !isOrganizer(a);
