/**
 * How much of a proposal a person sees, from the policy (src/core/policy.ts): `proposal.read`
 * (authors always; organizers once it left draft; reviewers unless draft or withdrawn),
 * `proposal.see-speakers` (blind review) and `review.list` (figures: organizers, never their own).
 * Everyone else gets 404, as if it did not exist.
 */
import { can, type Subject } from '../../core/policy';
import type { Access } from '../communities/access';
import { PROPOSAL_STATES, type ProposalState } from './state-machine';

export interface Sight {
  visible: boolean;
  mine: boolean;
  organizer: boolean;
  /** May review it (a reviewer or organizer, not its speaker). */
  reviewer: boolean;
  /** Speaker identity hidden (blind review). */
  blind: boolean;
  /** Review figures visible (organizers, never on their own proposal). */
  seesReviews: boolean;
  /** What the policy is asked about this proposal. */
  subject: Subject;
}

export function sightOf(a: Access, state: ProposalState, mine: boolean): Sight {
  const subject: Subject = { ...a, own: mine, state };
  return {
    visible: can(subject, 'proposal.read'),
    mine,
    organizer: can(subject, 'proposal.decide'),
    reviewer: can(subject, 'proposal.review'),
    blind: !can(subject, 'proposal.see-speakers'),
    seesReviews: can(subject, 'review.list'),
    subject,
  };
}

/**
 * sightOf for the rows of one list: a sight depends only on the state and on whether the proposal is
 * the reader's own, so a page of 50 asks the policy once per pair, not five times per row.
 */
export function sightsOf(a: Access): (state: ProposalState, mine: boolean) => Sight {
  const known = new Map<string, Sight>();
  return (state, mine) => {
    const key = mine ? `${state}+` : state;
    let sight = known.get(key);
    if (!sight) known.set(key, (sight = sightOf(a, state, mine)));
    return sight;
  };
}

/**
 * The same rule as SQL, for lists: the states `proposal.read` lets this person see of others'
 * proposals, or their own. `me` is the actor's id parameter.
 */
export function visibleSql(a: Access, me: string): string {
  const mine = `(p.created_by = ${me} OR EXISTS (SELECT 1 FROM proposal_speaker ms WHERE ms.proposal_id = p.id AND ms.person_id = ${me}))`;
  const states = PROPOSAL_STATES.filter((state) => can({ ...a, own: false, state }, 'proposal.read'));
  return states.length ? `(p.state IN (${states.map((s) => `'${s}'`).join(', ')}) OR ${mine})` : mine;
}
