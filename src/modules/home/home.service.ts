/**
 * What is next for a person, across every community: upcoming events, their proposals with the next
 * step, their open tasks (through the tasks service), open calls, invitations waiting for an answer,
 * public communities to join. Each block is one statement; the blocks run side by side.
 */
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { can } from '../../core/policy';
import { TRANSITIONS, type ProposalState } from '../proposals/state-machine';
import type { TasksService } from '../tasks/tasks.service';
import * as q from './home.queries';

/** The one thing a speaker does next with their proposal, if any. */
export type NextStep = 'submit' | 'confirm' | 'edit' | null;

/**
 * A speaker's next step: a forward move that is theirs to make (submit a draft, confirm an accepted
 * talk; withdrawing is never "next"), else editing while the policy lets them.
 */
export function nextStep(actor: Actor, p: Pick<q.HomeProposal, 'state' | 'role'>): NextStep {
  const mine = Object.entries(TRANSITIONS[p.state])
    .filter(([to, by]) => by === 'author' && to !== 'withdrawn')
    .map(([to]) => to as ProposalState);
  if (mine.includes('submitted')) return 'submit';
  if (mine.includes('confirmed')) return 'confirm';
  return can({ actor, role: p.role, own: true, state: p.state }, 'proposal.edit-now') ? 'edit' : null;
}

export class HomeService {
  constructor(
    private readonly ds: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async of(actor: Actor, limit = 8) {
    const m = this.ds.manager;
    const [events, proposals, tasks, calls, coSpeaker, nominations, joinable] = await Promise.all([
      q.upcomingEvents(m, actor.id, limit),
      q.myProposals(m, actor.id, limit),
      this.tasks.mine(actor, limit),
      q.openCalls(m, actor.id, limit),
      q.coSpeakerInvitations(m, actor.id, limit),
      q.openNominations(m, actor.id, limit),
      q.joinable(m, actor.id, limit),
    ]);
    return {
      events,
      proposals: proposals.map((p) => ({ ...p, next: nextStep(actor, p) })),
      tasks,
      calls,
      invitations: [...coSpeaker, ...nominations].sort((a, b) => b.at.getTime() - a.at.getTime()),
      joinable,
    };
  }
}

export type Home = Awaited<ReturnType<HomeService['of']>>;
