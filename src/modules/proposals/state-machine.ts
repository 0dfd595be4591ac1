/**
 * The proposal life cycle, as one table (docs/organizing.md tells it by role). `author` is a speaker of the proposal or
 * the person who filed it on their behalf; `organizer` is an organizer of its community (or an admin).
 */
import {
  EDITABLE_STATES as POLICY_EDITABLE,
  REVIEWABLE_STATES as POLICY_REVIEWABLE,
  TALK_STATES as POLICY_TALK,
} from '../../core/policy';

export const PROPOSAL_STATES = [
  'draft',
  'submitted',
  'waitlisted',
  'accepted',
  'rejected',
  'confirmed',
  'withdrawn',
  'canceled',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export type Mover = 'author' | 'organizer';

export const TRANSITIONS: Record<ProposalState, Partial<Record<ProposalState, Mover>>> = {
  draft: { submitted: 'author' },
  submitted: { accepted: 'organizer', waitlisted: 'organizer', rejected: 'organizer', withdrawn: 'author' },
  waitlisted: { accepted: 'organizer', rejected: 'organizer', withdrawn: 'author' },
  accepted: { confirmed: 'author', withdrawn: 'author', canceled: 'organizer' },
  confirmed: { withdrawn: 'author', canceled: 'organizer' },
  rejected: {},
  withdrawn: {},
  canceled: {},
};

export interface AllowedMove {
  to: ProposalState;
  by: Mover;
}

export function movesFrom(state: ProposalState): AllowedMove[] {
  return Object.entries(TRANSITIONS[state]).map(([to, by]) => ({ to: to as ProposalState, by: by as Mover }));
}

/** What each state allows is the policy's (src/core/policy.ts); the lists are its. */
export const EDITABLE_STATES = POLICY_EDITABLE as readonly ProposalState[];
export const REVIEWABLE_STATES = POLICY_REVIEWABLE as readonly ProposalState[];
export const TALK_STATES = POLICY_TALK as readonly ProposalState[];
