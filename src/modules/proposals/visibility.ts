/**
 * Who sees a proposal, and how much of it (DESIGN.md §3; permissions in one place):
 * - its authors (speakers, or whoever filed it for them) always, with everything;
 * - organizers every proposal that left draft, with speakers and review figures;
 * - reviewers every proposal that left draft and was not withdrawn — without any speaker
 *   identity when the community reviews blind.
 * Everyone else gets 404, as if it did not exist. Speakers never see reviews, even as organizers.
 */
import { type Access, isOrganizer, isReviewer } from '../communities/permissions';
import type { ProposalState } from './state-machine';

export interface Sight {
  visible: boolean;
  mine: boolean;
  organizer: boolean;
  reviewer: boolean;
  /** Speaker identity hidden (blind review). */
  blind: boolean;
  /** Review figures visible (organizers, never on their own proposal). */
  seesReviews: boolean;
}

export function sightOf(a: Access, state: ProposalState, mine: boolean): Sight {
  const organizer = isOrganizer(a);
  const reviewer = isReviewer(a);
  const visible = mine || (organizer && state !== 'draft') || (reviewer && state !== 'draft' && state !== 'withdrawn');
  return {
    visible,
    mine,
    organizer,
    reviewer,
    blind: !mine && !organizer && a.community.blindReview,
    seesReviews: organizer && !mine,
  };
}

/** The same rule as SQL, for lists. `$me` is the actor's id parameter. */
export function visibleSql(a: Access, me: string): string {
  const mine = `(p.created_by = ${me} OR EXISTS (SELECT 1 FROM proposal_speaker ms WHERE ms.proposal_id = p.id AND ms.person_id = ${me}))`;
  if (isOrganizer(a)) return `(p.state <> 'draft' OR ${mine})`;
  if (isReviewer(a)) return `(p.state NOT IN ('draft', 'withdrawn') OR ${mine})`;
  return mine;
}
