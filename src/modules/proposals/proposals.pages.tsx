/**
 * Pages for proposals: propose a talk, the community's proposals (organizers decide there, then send
 * the staged decisions), one proposal (move it, review it, tick its checklist), and the review
 * queue. Every action calls the same service as the API; a refusal re-shows the form with what the
 * person typed and the API's words.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { Forbidden } from '../../core/errors';
import { can, isTalk } from '../../core/policy';
import { actorOf } from '../../http/auth';
import { IdParams, Slug } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm, VersionField } from '../../web/form';
import { Page, pageCtx, sendPage, signedIn } from '../../web/render';
import { isOpen } from '../cfp/call.entity';
import { ChooseCall } from '../cfp/cfp.views';
import type { CfpService } from '../cfp/cfp.service';
import type { CommunitiesService } from '../communities/communities.service';
import type { LessonsService } from '../lessons/lessons.service';
import { RetrospectivePut } from '../lessons/lessons.schemas';
import type { FeedbackService } from '../feedback/feedback.service';
import { FeedbackPut } from '../feedback/feedback.schemas';
import { FeedbackSection } from '../feedback/feedback.views';
import { ReviewPut } from '../reviews/reviews.schemas';
import type { ReviewsService } from '../reviews/reviews.service';
import type { TasksService } from '../tasks/tasks.service';
import { DecideMany, ProposalCreate, ProposalPatch, proposalOut, TransitionBody } from './proposals.schemas';
import type { ProposalsService } from './proposals.service';
import type { TalkRow } from './proposals.queries';
import { PROPOSAL_STATES, REVIEWABLE_STATES, type ProposalState } from './state-machine';
import { localPathUnder } from '../../http/local-path';
import {
  PROPOSE_FIELDS,
  ProposalPage,
  ProposalsTable,
  ProposeForm,
  ReviewQueue,
  TalkPage,
  type ProposalFormValues,
} from './proposals.views';

interface Deps {
  feedback: FeedbackService;
  proposals: ProposalsService;
  cfp: CfpService;
  communities: CommunitiesService;
  reviews: ReviewsService;
  tasks: TasksService;
  lessons: LessonsService;
}

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
/** What the form sent, shown again as it was typed when it is refused. */
const typed = (b: FormFields): ProposalFormValues =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v]));

export const proposalsPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  const openCalls = async (actor: Actor, slug: string) => (await d.cfp.list(actor, slug)).filter((c) => isOpen(c.call));

  // With several calls open the speaker chooses one first (?call=…); its formats and tracks fill the form.
  app.get(
    '/c/:slug/propose',
    {
      ...page,
      schema: {
        hide: true,
        params: SlugParams,
        querystring: Type.Object({ call: Type.Optional(Type.String({ maxLength: 36 })) }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const calls = await openCalls(actor, req.params.slug);
      const chosen = calls.find((c) => c.call.id === req.query.call);
      if (!chosen && calls.length > 1) {
        const a = await d.communities.access(actor, req.params.slug);
        return sendPage(
          reply,
          <ChooseCall ctx={pageCtx(req)} slug={req.params.slug} tz={a.community.timeZone} calls={calls} />,
        );
      }
      return sendPage(
        reply,
        <ProposeForm
          ctx={pageCtx(req)}
          slug={req.params.slug}
          calls={calls}
          v={{ callId: (chosen ?? calls[0])?.call.id }}
          problem={calls.length ? null : pageCtx(req).l.m.noOpenCall}
          action={`/c/${req.params.slug}/propose`}
        />,
      );
    },
  );

  app.post(
    '/c/:slug/propose',
    {
      config: { page: true, form: ProposalCreate, formFields: PROPOSE_FIELDS },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const v = await d.proposals.create(
            actor,
            req.params.slug,
            readForm(ProposalCreate, req.body, PROPOSE_FIELDS),
          );
          return reply.redirect(`/proposals/${v.row.id}`, 303);
        },
        async (r) => (
          <ProposeForm
            ctx={pageCtx(req)}
            slug={req.params.slug}
            calls={await openCalls(actor, req.params.slug)}
            v={typed(req.body)}
            problem={refusalText(pageCtx(req).l, r)}
            action={`/c/${req.params.slug}/propose`}
          />
        ),
      );
    },
  );

  const table = async (
    req: FastifyRequest,
    actor: Actor,
    slug: string,
    q: { state?: string; sort?: string },
    extra: { notice?: string; problem?: string } = {},
  ) => {
    const a = await d.communities.access(actor, slug);
    const organizer = can(a, 'proposal.decide');
    const state = PROPOSAL_STATES.includes(q.state as ProposalState) ? [q.state as ProposalState] : undefined;
    const page = await d.proposals.list(actor, slug, {
      state,
      sort: organizer && q.sort === '-meanScore' ? '-meanScore' : '-createdAt',
      speaker: organizer ? undefined : actor.id,
      limit: 200,
    });
    return (
      <ProposalsTable
        ctx={pageCtx(req)}
        slug={slug}
        items={page.items}
        organizer={organizer}
        state={q.state}
        sort={q.sort}
        notice={extra.notice}
        problem={extra.problem}
      />
    );
  };

  app.get(
    '/c/:slug/proposals',
    {
      ...page,
      schema: {
        hide: true,
        params: SlugParams,
        querystring: Type.Object({
          state: Type.Optional(Type.String({ maxLength: 20 })),
          sort: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return sendPage(reply, await table(req, actor, req.params.slug, req.query));
    },
  );

  app.post(
    '/c/:slug/decisions',
    { config: { page: true, form: null }, schema: { hide: true, params: SlugParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const n = await d.proposals.sendStagedDecisions(actor, req.params.slug);
          return sendPage(
            reply,
            await table(req, actor, req.params.slug, {}, { notice: pageCtx(req).l.m.decisionsSent({ n }) }),
          );
        },
        (r) => table(req, actor, req.params.slug, {}, { problem: refusalText(pageCtx(req).l, r) }),
      );
    },
  );

  // Several proposals, one decision: staged like the page's other decisions, sent with "Send decisions".
  const DECIDE_FIELDS = ['proposalIds', 'to', 'reason'] as const;
  app.post(
    '/c/:slug/decide',
    {
      config: { page: true, form: DecideMany, formFields: DECIDE_FIELDS },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const l = pageCtx(req).l;
      return formAction(
        reply,
        async () => {
          const b = readForm(DecideMany, req.body, DECIDE_FIELDS);
          const done = await d.proposals.decideMany(actor, req.params.slug, {
            ...b,
            reason: b.reason || undefined,
            notify: false,
          });
          const notice = l.m.eventAdmin.decided({ n: done.length });
          return sendPage(reply, await table(req, actor, req.params.slug, {}, { notice }));
        },
        (r) => table(req, actor, req.params.slug, {}, { problem: refusalText(l, r) }),
      );
    },
  );

  const proposalPage = async (req: FastifyRequest, actor: Actor, id: string, problem?: string) => {
    const v = await d.proposals.get(actor, id);
    const a = await d.communities.accessById(actor, v.row.community_id);
    const talk = isTalk(v.sight.subject);
    const [lessonView, feedback, over] = talk
      ? await Promise.all([
          d.lessons.get(actor, id).catch(() => null),
          d.feedback.summary(actor, id).catch(() => null),
          d.lessons.given(actor, id),
        ])
      : [null, null, false];
    const [history, tasks, myReview, lesson] = await Promise.all([
      d.proposals.history(actor, id),
      can(v.sight.subject, 'checklist.read-now') ? d.tasks.checklist(actor, id) : Promise.resolve(null),
      v.sight.reviewer && !v.sight.mine ? d.reviews.mine(actor, id).catch(() => null) : Promise.resolve(null),
      v.sight.mine && talk ? d.lessons.talkOver(actor, id) : Promise.resolve(false),
    ]);
    return (
      <ProposalPage
        ctx={pageCtx(req)}
        v={v}
        tz={a.community.timeZone}
        history={history}
        tasks={
          tasks?.map((t) => ({
            ...t,
            mayTick: can({ ...a, own: v.sight.mine, speakerTask: t.owner === 'speaker' }, 'task.update-status'),
          })) ?? null
        }
        myReview={myReview}
        problem={problem}
        lessonOpen={lesson}
        lesson={lessonView}
        feedback={feedback}
        mayRetro={over && can(a, 'retrospective.write')}
      />
    );
  };

  app.get('/proposals/:id', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, await proposalPage(req, actor, req.params.id));
  });

  const back = (reply: FastifyReply, id: string) => reply.redirect(`/proposals/${id}`, 303);
  /** An action on one proposal: refused, its page again with why. */
  const onProposal = (req: FastifyRequest, reply: FastifyReply, id: string, run: () => Promise<unknown>) =>
    formAction(reply, run, (r) => proposalPage(req, actorOf(req), id, refusalText(pageCtx(req).l, r)));

  app.post(
    '/proposals/:id/move',
    {
      config: { page: true, form: TransitionBody, formFields: ['to', 'reason'] },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) =>
      onProposal(req, reply, req.params.id, async () => {
        const b = readForm(TransitionBody, req.body, ['to', 'reason']);
        const version = readForm(VersionField, req.body).version;
        // Decisions made on the page are staged; the organizer sends them together.
        await d.proposals.transition(actorOf(req), req.params.id, b.to, b.reason, version, false);
        return back(reply, req.params.id);
      }),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/proposals/:id/invitation/${answer}`,
      { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
      async (req, reply) =>
        onProposal(req, reply, req.params.id, async () => {
          await d.proposals.answerInvitation(actorOf(req), req.params.id, answer === 'accept');
          if (answer === 'accept') return back(reply, req.params.id);
          const ctx = pageCtx(req);
          return sendPage(
            reply,
            <Page ctx={ctx} title={ctx.l.m.invitationTitle}>
              <p role="status" class="notice">
                {ctx.l.m.invitationDeclined}
              </p>
              <p>
                <a href="/">{ctx.l.m.home}</a>
              </p>
            </Page>,
          );
        }),
    );
  }

  /** The edit form of a proposal the person may edit now, with what the API shows them of it. */
  const editForm = async (req: FastifyRequest, id: string, typedIn?: ProposalFormValues, problem?: string) => {
    const actor = actorOf(req);
    const v = await d.proposals.get(actor, id);
    // Nobody else sees the form (a reviewer would read the speaker's private notes in it).
    if (!can(v.sight.subject, 'proposal.edit-now')) throw new Forbidden(pageCtx(req).l.m.notEditableNow);
    const o = proposalOut(v);
    const calls = await d.cfp.list(actor, v.row.slug);
    return (
      <ProposeForm
        ctx={pageCtx(req)}
        slug={v.row.slug}
        calls={calls}
        editing
        v={{
          ...(typedIn ?? {
            // Every plain field of the form as the API shows it (a new field needs no line here).
            ...Object.fromEntries(
              PROPOSE_FIELDS.flatMap((k) => {
                const x = (o as Record<string, unknown>)[k];
                return typeof x === 'string' ? [[k, x]] : [];
              }),
            ),
            format: o.format.key,
            track: o.track?.key ?? '',
            // Those still asked stay asked when the form is saved unchanged.
            coSpeakers: [...(o.speakers ?? []).filter((s) => !s.primary), ...(o.invited ?? [])]
              .map((s) => s.email)
              .join('\n'),
          }),
          callId: o.callId,
        }}
        problem={problem}
        action={`/proposals/${id}/edit`}
      />
    );
  };

  app.get('/proposals/:id/edit', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) =>
    sendPage(reply, await editForm(req, req.params.id)),
  );

  app.post(
    '/proposals/:id/edit',
    { config: { page: true, form: ProposalPatch }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          await d.proposals.update(actorOf(req), req.params.id, readForm(ProposalPatch, req.body));
          return back(reply, req.params.id);
        },
        (r) => editForm(req, req.params.id, typed(req.body), refusalText(pageCtx(req).l, r)),
      ),
  );

  app.post(
    '/proposals/:id/review',
    { config: { page: true, form: ReviewPut }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) =>
      onProposal(req, reply, req.params.id, async () => {
        await d.reviews.upsert(actorOf(req), req.params.id, readForm(ReviewPut, req.body));
        return reply.redirect(localPathUnder(req.body.next, /^\/c\//, `/proposals/${req.params.id}`), 303);
      }),
  );

  // One proposal after another: reviewable, not mine, not reviewed by me yet.
  app.get('/c/:slug/review', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const list = await d.proposals.list(actor, req.params.slug, {
      state: [...REVIEWABLE_STATES],
      limit: 200,
      sort: 'createdAt',
    });
    const todo = list.items.filter((v) => can(v.sight.subject, 'proposal.review-now') && v.row.my_score === null);
    return sendPage(
      reply,
      <ReviewQueue ctx={pageCtx(req)} slug={req.params.slug} v={todo[0] ?? null} left={todo.length} />,
    );
  });

  app.post(
    '/tasks/:id/done',
    { config: { page: true, form: VersionField }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      const task = await d.tasks.get(actor, req.params.id);
      return onProposal(req, reply, task.proposal_id, async () => {
        await d.tasks.update(actor, req.params.id, { status: 'done' }, readForm(VersionField, req.body).version);
        // Back to the board it was ticked on, or to the talk.
        return reply.redirect(
          localPathUnder(req.body.back, /^\/c\/[a-z0-9-]+\/tasks$/, `/proposals/${task.proposal_id}`),
          303,
        );
      });
    },
  );

  app.post(
    '/proposals/:id/retrospective',
    { config: { page: true, form: RetrospectivePut }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) =>
      onProposal(req, reply, req.params.id, async () => {
        const b = readForm(RetrospectivePut, req.body);
        await d.lessons.retrospective(actorOf(req), req.params.id, b.text);
        return back(reply, req.params.id);
      }),
  );

  /** A talk as its audience sees it, with the feedback the policy lets this reader give or read. */
  const talkPage = async (req: FastifyRequest, t: TalkRow, again?: { problem: string; typed: FormFields }) => {
    const f = req.actor ? await d.feedback.forPage(req.actor, t.id) : null;
    const feedback = f ? (
      <FeedbackSection
        ctx={pageCtx(req)}
        id={t.id}
        tz={t.time_zone ?? 'UTC'}
        f={f}
        problem={again?.problem}
        typed={again ? (typed(again.typed) as { rating?: string; comment?: string }) : undefined}
      />
    ) : null;
    return <TalkPage ctx={pageCtx(req)} t={t} feedback={feedback} />;
  };

  // A talk as its audience sees it: public like its event (anyone for a public community).
  app.get(
    '/talks/:id',
    { config: { page: true, public: true }, schema: { hide: true, params: IdParams } },
    async (req, reply) => {
      const { talk, needsSignIn } = await d.proposals.talk(req.actor, req.params.id);
      if (needsSignIn) return signedIn(req, reply) ?? reply;
      return sendPage(reply, await talkPage(req, talk));
    },
  );

  // Rate a talk (PUT /v1/proposals/{id}/feedback/me); a refusal shows the talk again with why and what was typed.
  app.post(
    '/talks/:id/feedback',
    { config: { page: true, form: FeedbackPut }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          await d.feedback.give(actorOf(req), req.params.id, readForm(FeedbackPut, req.body));
          return reply.redirect(`/talks/${req.params.id}#feedback`, 303);
        },
        async (r) => {
          const { talk } = await d.proposals.talk(req.actor, req.params.id);
          return talkPage(req, talk, { problem: refusalText(pageCtx(req).l, r), typed: req.body });
        },
      ),
  );
};
