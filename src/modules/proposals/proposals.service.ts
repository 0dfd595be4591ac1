import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import { notify } from '../../mail/notify';
import { createChecklist, skipOpenTasks } from '../tasks/tasks.queries';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { isOpen } from '../cfp/call.entity';
import type { CfpService } from '../cfp/cfp.service';
import type { CommunitiesService } from '../communities/communities.service';
import type { Access } from '../communities/access';
import type { PeopleService } from '../people/people.service';
import { normalizeEmail } from '../people/people.service';
import { EDITABLE_STATES, movesFrom, TRANSITIONS, type ProposalState } from './state-machine';
import { sightOf, sightsOf, visibleSql, type Sight } from './visibility';
import { lockRow } from '../../db/fragments';
import { stamp } from '../../core/stamp';
import * as q from './proposals.queries';
import { Batcher } from '../../db/batch';
import { SORT_SQL, type ProposalRow, type ProposalView } from './proposals.queries';
import type { DecideMany, ListQuery, ProposalCreate, ProposalPatch as ProposalPatchSchema } from './proposals.schemas';

export type ProposalInput = Static<typeof ProposalCreate>;
export type ProposalPatch = Static<typeof ProposalPatchSchema>;
export type DecideManyInput = Static<typeof DecideMany>;
export type ListFilters = Omit<Static<typeof ListQuery>, 'limit'> & { limit: number };

const DECISIONS: ProposalState[] = ['accepted', 'waitlisted', 'rejected'];

const view = (row: ProposalRow, sight: Sight): ProposalView => ({
  row,
  sight,
  speakers: sight.blind ? null : (row.speakers ?? []),
  invited: sight.blind ? null : (row.invited ?? []),
});

/** A person asked to co-speak sees the proposal they were asked about, and who is on it. */
const sightWithInvitation = (sight: Sight, row: ProposalRow): Sight =>
  row.invited_me && !sight.visible ? { ...sight, visible: true, blind: false } : sight;

/** Proposals that are over: nobody joins them any more. */
const CLOSED_STATES: ProposalState[] = ['rejected', 'withdrawn', 'canceled'];

export class ProposalsService {
  /** Plain submissions arriving together share their statements (db/batch.ts). */
  readonly batches: {
    context: Batcher<q.ContextKey, q.SubmissionContext | undefined>;
    insert: Batcher<q.NewProposal, ProposalRow>;
  };

  constructor(
    private readonly ds: DataSource,
    private readonly people: PeopleService,
    private readonly communities: CommunitiesService,
    private readonly cfp: CfpService,
  ) {
    this.batches = {
      context: new Batcher((keys) => q.submissionContexts(ds.manager, keys)),
      insert: new Batcher((list) => q.insertProposals(ds.manager, list)),
    };
  }

  /** `outer`: run inside a caller's transaction (accepting a nomination creates its draft atomically). */
  async create(actor: Actor, slug: string, input: ProposalInput, outer?: EntityManager): Promise<ProposalView> {
    const coSpeakers = input.coSpeakers ?? [];
    const run = async (m: EntityManager) => {
      // The community, the author's role and the call in one statement (issue #14: round trips are what a submission costs).
      const key = {
        slug,
        personId: actor.id,
        callId: input.callId,
        formatKey: input.format,
        trackKey: input.track ?? null,
      };
      const alone = m !== this.ds.manager; // inside a transaction: its own connection, nothing to share
      const ctx = alone ? (await q.submissionContexts(m, [key]))[0] : await this.batches.context.one(key);
      if (!ctx) throw new NotFound(`Community ${slug}`);
      const a: Access = { actor, community: ctx.community, role: ctx.role };
      const organizer = can(a, 'proposal.file-for-speaker');
      const call = await this.cfp.resolveCall(m, ctx.call, input.callId, input.format, input.track);
      if (!call || call.communityId !== a.community.id)
        throw new RuleBroken('unknown-call', `Community ${slug} has no call for proposals ${input.callId}.`);
      if (input.speaker) authorize(a, 'proposal.file-for-speaker');
      if (input.submit && !organizer && !isOpen(call))
        throw this.closed(call.opensAt, call.closesAt, a.community.timeZone);
      const primary = input.speaker
        ? await this.people.findOrCreate(m, input.speaker.email, input.speaker.name)
        : { id: actor.id, email: actor.email };
      const state: ProposalState = input.submit ? 'submitted' : 'draft';
      const fields: q.NewProposal = {
        communityId: a.community.id,
        callId: call.id,
        formatId: call.formatId,
        trackId: call.trackId,
        title: input.title,
        abstract: input.abstract ?? '',
        level: input.level ?? 'intermediate',
        language: input.language ?? 'en',
        notes: input.notes ?? '',
        state,
        createdBy: actor.id,
        primarySpeakerId: primary.id,
        receipt: state === 'submitted' && !coSpeakers.length,
      };
      // On its own (no transaction around it), it may share a statement with others (db/batch.ts).
      const row = alone ? (await q.insertProposals(m, [fields]))[0] : await this.batches.insert.one(fields);
      if (!coSpeakers.length) return view(row, sightOf(a, row.state, true)); // as the insert made it
      const invited = await this.setCoSpeakers(m, row.id, actor, primary.email, coSpeakers, new Set(), false);
      await notify.coSpeakersAdded(m, row.id, invited, actor.id);
      if (state === 'submitted') await notify.proposalSubmitted(m, row.id);
      return this.read(m, actor, row.id, false, a);
    };
    if (outer) return run(outer);
    // The common case writes once (the proposal, its speaker, history, membership and receipt are one
    // statement), so it needs no transaction: two round trips in all (issue #14).
    if (!coSpeakers.length && !input.speaker) return run(this.ds.manager);
    return this.ds.transaction(run);
  }

  /**
   * A talk as its audience sees it (see talkRow): anyone for a public community, anyone signed in
   * for an internal one, like its event. 404 for anything that is not a scheduled talk.
   */
  async talk(actor: Actor | null, id: string) {
    const t = await q.talkRow(this.ds.manager, id);
    if (!t) throw new NotFound('The talk');
    return { talk: t, needsSignIn: t.event_visibility === 'internal' && !actor };
  }

  async get(actor: Actor, id: string): Promise<ProposalView> {
    return this.read(this.ds.manager, actor, id);
  }

  async update(actor: Actor, id: string, patch: ProposalPatch, expected?: number): Promise<ProposalView> {
    return this.ds.transaction(async (m) => {
      const v = await this.read(m, actor, id, true);
      authorize(v.sight.subject, 'proposal.edit');
      if (!EDITABLE_STATES.includes(v.row.state)) {
        throw new Conflict(
          'not-editable',
          `A ${v.row.state} proposal can no longer be edited; it is editable while ${EDITABLE_STATES.join(' or ')}.`,
        ).saying({ state: v.row.state });
      }
      if (expected !== undefined && expected !== v.row.version) throw new PreconditionFailed();
      const fields: Partial<q.ProposalFields> = {
        title: patch.title,
        abstract: patch.abstract,
        level: patch.level,
        language: patch.language,
        notes: patch.notes,
      };
      if (patch.format !== undefined || patch.track !== undefined) {
        const { format, track } = await this.cfp.resolveOptions(
          m,
          v.row.call_id,
          patch.format ?? v.row.format_key,
          patch.track === undefined ? v.row.track_key : patch.track,
        );
        fields.formatId = format.id;
        fields.trackId = track?.id ?? null;
      }
      if (patch.coSpeakers !== undefined) {
        const primary = (v.speakers ?? []).find((s) => s.is_primary);
        const speaking = new Set((v.speakers ?? []).filter((s) => !s.is_primary).map((s) => s.id));
        const asked = new Set((v.invited ?? []).map((s) => s.id));
        await q.deleteCoSpeakers(m, id);
        const invited = await this.setCoSpeakers(
          m,
          id,
          actor,
          primary?.email ?? '',
          patch.coSpeakers,
          speaking,
          asked.size > 0,
        );
        await notify.coSpeakersAdded(
          m,
          id,
          invited.filter((p) => !asked.has(p)),
          actor.id,
        );
      }
      await q.updateProposal(m, id, fields);
      return this.read(m, actor, id);
    });
  }

  async transition(
    actor: Actor,
    id: string,
    to: ProposalState,
    reason: string | undefined,
    expected?: number,
    tell = true,
  ): Promise<ProposalView> {
    return this.ds.transaction((m) => this.move(m, actor, id, to, reason, expected, tell));
  }

  /**
   * One decision for several proposals of a community (the organizers' list, with checkboxes): each
   * moves as `transition` would move it, all in one transaction, so one refusal changes none.
   */
  async decideMany(actor: Actor, slug: string, input: DecideManyInput): Promise<ProposalView[]> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'proposal.decide');
      const out: ProposalView[] = [];
      for (const id of [...new Set(input.proposalIds)].sort()) {
        const v = await this.move(m, actor, id, input.to, input.reason, undefined, input.notify ?? true);
        if (v.row.community_id !== a.community.id)
          throw new RuleBroken('unknown-proposal', `${slug} has no proposal ${id}.`);
        out.push(v);
      }
      return out;
    });
  }

  private async move(
    m: EntityManager,
    actor: Actor,
    id: string,
    to: ProposalState,
    reason: string | undefined,
    expected: number | undefined,
    tell: boolean,
  ): Promise<ProposalView> {
    {
      const v = await this.read(m, actor, id, true);
      const from = v.row.state;
      const by = TRANSITIONS[from][to];
      if (!by) {
        throw new Conflict('invalid-transition', `A ${from} proposal cannot become ${to}.`, {
          from,
          to,
          allowed: movesFrom(from),
        }).saying({ of: 'proposal', from, to });
      }
      authorize(v.sight.subject, by === 'author' ? 'proposal.move-as-speaker' : 'proposal.decide');
      if (expected !== undefined && expected !== v.row.version) throw new PreconditionFailed();
      if (to === 'submitted' && !can(v.sight.subject, 'proposal.file-for-speaker')) {
        const call = await q.callWindow(m, v.row.call_id);
        if (!isOpen(call)) throw this.closed(call.opensAt, call.closesAt, call.timeZone);
      }
      // Compare-and-set on the state as well as the row lock: the database never sees two moves from one state.
      if (!(await q.moveState(m, id, from, to)))
        throw new Conflict('concurrent-change', 'The proposal moved meanwhile; read it again.');
      const transitionId = await this.record(m, id, actor.id, from, to, reason);
      if (to === 'submitted') await notify.proposalSubmitted(m, id);
      // Decisions are told at once, or staged (tell=false) and sent as one batch later.
      if (DECISIONS.includes(to) && tell) await notify.decision(m, id, transitionId);
      if (to === 'accepted') await createChecklist(m, id);
      if (to === 'withdrawn' || to === 'canceled') await skipOpenTasks(m, id, actor.id, `talk ${to}`);
      if (to === 'withdrawn' || to === 'canceled') {
        // A talk that will not happen leaves the agenda; its event changes on calendars, and its
        // speakers' calendars drop it.
        const gone = await q.unslot(m, id);
        if (gone && gone.status === 'published')
          await notify.talk(m, id, 'CANCEL', {
            was: { eventId: gone.event_id, startsAt: gone.starts_at, endsAt: gone.ends_at },
          });
      }
      return this.read(m, actor, id);
    }
  }

  async history(actor: Actor, id: string) {
    const v = await this.read(this.ds.manager, actor, id);
    const rows = await q.historyOf(this.ds.manager, id);
    return rows.map((r) => ({
      from: r.from_state,
      to: r.to_state,
      at: r.at.toISOString(),
      reason: r.reason,
      actor: v.sight.blind ? null : { id: r.actor_id, name: r.actor_name },
    }));
  }

  /**
   * Sends the decisions organizers staged (moves made with `notify: false`) whose proposals are
   * still in the decided state: one mail per speaker, all in this transaction.
   */
  async sendStagedDecisions(actor: Actor, slug: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'proposal.send-decisions');
      const staged = await q.stagedDecisions(m, a.community.id, DECISIONS);
      for (const s of staged) await notify.decision(m, s.proposal_id, s.id);
      return staged.length;
    });
  }

  /**
   * What a list page depends on besides its query: the viewer, their role, the community's settings
   * and its list version (raised by triggers on every change a list shows). Pages are cached by it.
   */
  async listStamp(actor: Actor, slug: string): Promise<{ access: Access; stamp: string }> {
    const a = await this.communities.access(actor, slug);
    // the minute too: overdue counts in checklist progress move with time
    return { access: a, stamp: stamp({ reader: { actor, role: a.role }, community: a.community, minute: true }) };
  }

  async list(actor: Actor, slug: string, f: ListFilters, known?: Access) {
    const a = known ?? (await this.communities.access(actor, slug));
    const sort = f.sort ?? '-createdAt';
    if (f.sort && /Score|Count/.test(f.sort)) authorize(a, 'proposal.sort-by-score');
    let speaker: q.PageFilters['speaker'];
    if (f.speaker) {
      const email = normalizeEmail(f.speaker);
      authorize({ ...a, own: f.speaker === actor.id || email === actor.email }, 'proposal.filter-by-speaker');
      speaker = { raw: f.speaker, email };
    }
    const rows = await q.proposalsPage(this.ds.manager, actor.id, a.community.id, visibleSql(a, '$1'), {
      state: f.state,
      callId: f.callId,
      format: f.format,
      track: f.track,
      q: f.q,
      speaker,
      sort,
      after: decodeCursor(f.cursor, [SORT_SQL[sort].type, 'string']),
      limit: f.limit + 1,
    });
    const sight = sightsOf(a);
    return pageOf(rows, f.limit, SORT_SQL[sort].key, (row) => view(row, sight(row.state, row.mine)));
  }

  /** Reads one proposal as the actor may see it; 404 when they may not. `lock` takes a row lock first. */
  async read(m: EntityManager, actor: Actor, id: string, lock = false, known?: Access): Promise<ProposalView> {
    if (lock) await lockRow(m, 'proposal', id);
    const row = await q.proposalRow(m, actor.id, id);
    if (!row) throw new NotFound('The proposal');
    const a =
      known?.community.id === row.community_id ? known : await this.communities.accessById(actor, row.community_id, m);
    const sight = sightWithInvitation(sightOf(a, row.state, row.mine), row);
    if (!sight.visible) throw new NotFound('The proposal');
    return view(row, sight);
  }

  /**
   * Sets the co-speakers to `emails`, in that order: who already speaks on it stays (`speaking`), the
   * actor naming themselves joins at once, everyone else is asked (an invitation they accept or
   * decline); open invitations of people no longer named are withdrawn. Returns who is asked.
   */
  private async setCoSpeakers(
    m: EntityManager,
    proposalId: string,
    actor: Actor,
    primaryEmail: string,
    emails: string[],
    speaking: Set<string>,
    /** Whether invitations are open now (a new proposal has none to withdraw). */
    open: boolean,
  ): Promise<string[]> {
    const unique = [...new Set(emails.map(normalizeEmail))].filter((e) => e !== primaryEmail);
    const asked: string[] = [];
    for (const [i, email] of unique.entries()) {
      const person = await this.people.findOrCreate(m, email);
      if (speaking.has(person.id) || person.id === actor.id) {
        await q.insertCoSpeaker(m, proposalId, person.id, i + 1);
      } else {
        await q.upsertInvitation(m, proposalId, person.id, i + 1, actor.id);
        asked.push(person.id);
      }
    }
    if (open) await q.dropInvitations(m, proposalId, asked);
    return asked;
  }

  /**
   * The invited person answers: yes makes them a co-speaker (in the place they were asked for),
   * no withdraws the invitation; whoever asked is told either way. 404 without an open invitation.
   */
  async answerInvitation(actor: Actor, id: string, accept: boolean): Promise<ProposalView | null> {
    return this.ds.transaction(async (m) => {
      await lockRow(m, 'proposal', id);
      const invitation = await q.takeInvitation(m, id, actor.id);
      // Only the person asked answers; to anyone else the invitation does not exist.
      if (!invitation || !can({ actor, own: true }, 'proposal.answer-invitation'))
        throw new NotFound('An open invitation to co-speak on this proposal');
      const row = await q.proposalRow(m, actor.id, id);
      if (accept && CLOSED_STATES.includes(row.state))
        throw new Conflict('proposal-closed', `The proposal is ${row.state}; there is nothing left to join.`).saying({
          state: row.state,
        });
      if (accept) await q.insertCoSpeaker(m, id, actor.id, invitation.position);
      await notify.coSpeakerAnswered(m, id, invitation.invited_by, actor.id, accept);
      return accept ? this.read(m, actor, id) : null;
    });
  }

  private async record(
    m: EntityManager,
    proposalId: string,
    actorId: string,
    from: ProposalState | null,
    to: ProposalState,
    reason?: string,
  ): Promise<string> {
    return q.insertTransition(m, proposalId, actorId, from, to, reason ?? null);
  }

  private closed(opensAt: Date, closesAt: Date | null, zone: string) {
    const when =
      Date.now() < opensAt.getTime() ? `opens at ${opensAt.toISOString()}` : `closed at ${closesAt?.toISOString()}`;
    return new RuleBroken(
      'cfp-closed',
      `This call for proposals is not open: it ${when}. Save a draft, or ask an organizer.`,
      {
        opensAt: opensAt.toISOString(),
        closesAt: closesAt?.toISOString() ?? null,
      },
    ).saying(
      Date.now() < opensAt.getTime()
        ? { window: 'notYet', at: opensAt.toISOString(), zone }
        : { window: 'over', at: closesAt?.toISOString() ?? opensAt.toISOString(), zone },
    );
  }
}
