/**
 * Pages for proposals: propose a talk, the community's proposals (organizers decide there, then send
 * the staged decisions), one proposal (move it, review it, tick its checklist), and the review
 * queue. Every action calls the same service as the API; a refusal re-shows the form with what the
 * person typed and the API's words.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { can } from '../../core/policy';
import { IdParams, Slug } from '../../http/types';
import { FormBody, Page, pageCtx, sendPage, signedIn } from '../../web/render';
import { actorOf } from '../../http/auth';
import { isOpen } from '../cfp/call.entity';
import type { CfpService } from '../cfp/cfp.service';
import type { CommunitiesService } from '../communities/communities.service';
import type { LessonsService } from '../lessons/lessons.service';
import type { FeedbackService } from '../feedback/feedback.service';
import type { ReviewsService } from '../reviews/reviews.service';
import type { TasksService } from '../tasks/tasks.service';
import type { Level } from './proposal.entity';
import type { ProposalsService } from './proposals.service';
import { PROPOSAL_STATES, type ProposalState } from './state-machine';
import {
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
const ProposalForm = FormBody({
  callId: 64,
  title: 200,
  abstract: 10000,
  format: 40,
  track: 40,
  level: 20,
  notes: 10000,
  coSpeakers: 5000,
  submit: 5,
});
const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
/** What the propose and edit forms say, as the service takes it (one mapping for both). */
const fields = (b: Static<typeof ProposalForm>) => ({
  title: b.title?.trim(),
  abstract: b.abstract,
  format: b.format,
  track: b.track || null,
  level: (b.level as Level) || undefined,
  notes: b.notes,
  coSpeakers: lines(b.coSpeakers),
});
const refusal = (e: unknown) => {
  if (e instanceof DomainError) return e;
  throw e;
};

export const proposalsPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  const openCalls = async (actor: Actor, slug: string) => (await d.cfp.list(actor, slug)).filter((c) => isOpen(c.call));

  app.get('/c/:slug/propose', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const calls = await openCalls(actor, req.params.slug);
    return sendPage(
      reply,
      <ProposeForm
        ctx={pageCtx(req)}
        slug={req.params.slug}
        calls={calls}
        v={{}}
        problem={calls.length ? null : pageCtx(req).l.m.noOpenCall}
        action={`/c/${req.params.slug}/propose`}
      />,
    );
  });

  app.post(
    '/c/:slug/propose',
    { ...page, schema: { hide: true, params: SlugParams, body: ProposalForm } },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      try {
        const v = await d.proposals.create(actor, req.params.slug, {
          ...fields(b),
          callId: b.callId ?? '',
          title: (b.title ?? '').trim(),
          format: b.format ?? '',
          submit: b.submit === 'true',
        });
        return reply.redirect(`/proposals/${v.row.id}`, 303);
      } catch (e) {
        const err = refusal(e);
        const calls = await openCalls(actor, req.params.slug);
        return sendPage(
          reply,
          <ProposeForm
            ctx={pageCtx(req)}
            slug={req.params.slug}
            calls={calls}
            v={b as ProposalFormValues}
            problem={err.message}
            action={`/c/${req.params.slug}/propose`}
          />,
          err.status,
        );
      }
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
    { ...page, schema: { hide: true, params: SlugParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const n = await d.proposals.sendStagedDecisions(actor, req.params.slug);
        return sendPage(
          reply,
          await table(req, actor, req.params.slug, {}, { notice: pageCtx(req).l.m.decisionsSent(n) }),
        );
      } catch (e) {
        const err = refusal(e);
        return sendPage(reply, await table(req, actor, req.params.slug, {}, { problem: err.message }), err.status);
      }
    },
  );

  const proposalPage = async (req: FastifyRequest, actor: Actor, id: string, problem?: string) => {
    const v = await d.proposals.get(actor, id);
    const a = await d.communities.accessById(actor, v.row.community_id);
    const talk = ['accepted', 'confirmed'].includes(v.row.state);
    const [lessonView, feedback, over] = talk
      ? await Promise.all([
          d.lessons.get(actor, id).catch(() => null),
          d.feedback.summary(actor, id).catch(() => null),
          d.lessons.given(actor, id),
        ])
      : [null, null, false];
    const [history, tasks, myReview, lesson] = await Promise.all([
      d.proposals.history(actor, id),
      can({ ...a, own: v.sight.mine }, 'checklist.read') && ['accepted', 'confirmed'].includes(v.row.state)
        ? d.tasks.checklist(actor, id)
        : Promise.resolve(null),
      v.sight.reviewer && !v.sight.mine ? d.reviews.mine(actor, id).catch(() => null) : Promise.resolve(null),
      v.sight.mine && ['accepted', 'confirmed'].includes(v.row.state)
        ? d.lessons.talkOver(actor, id)
        : Promise.resolve(false),
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

  app.post(
    '/proposals/:id/move',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ to: 20, version: 12, reason: 2000 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const to = req.body.to as ProposalState;
      try {
        if (!PROPOSAL_STATES.includes(to)) throw new DomainError(400, 'validation', 'Bad request', 'Unknown state.');
        const decision = ['accepted', 'waitlisted', 'rejected'].includes(to);
        const version = Number(req.body.version);
        // Decisions made on the page are staged; the organizer sends them together.
        await d.proposals.transition(
          actor,
          req.params.id,
          to,
          req.body.reason,
          Number.isInteger(version) ? version : undefined,
          !decision,
        );
        return back(reply, req.params.id);
      } catch (e) {
        const err = refusal(e);
        return sendPage(reply, await proposalPage(req, actor, req.params.id, err.message), err.status);
      }
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/proposals/:id/invitation/${answer}`,
      { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
      async (req, reply) => {
        const actor = actorOf(req);
        try {
          await d.proposals.answerInvitation(actor, req.params.id, answer === 'accept');
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
        } catch (e) {
          const err = refusal(e);
          return sendPage(reply, await proposalPage(req, actor, req.params.id, err.message), err.status);
        }
      },
    );
  }

  app.get('/proposals/:id/edit', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const v = await d.proposals.get(actor, req.params.id);
    const calls = await d.cfp.list(actor, v.row.slug);
    return sendPage(
      reply,
      <ProposeForm
        ctx={pageCtx(req)}
        slug={v.row.slug}
        calls={calls}
        editing
        v={{
          callId: v.row.call_id,
          title: v.row.title,
          abstract: v.row.abstract,
          format: v.row.format_key,
          track: v.row.track_key ?? '',
          level: v.row.level,
          notes: v.row.notes,
          // Those still asked stay asked when the form is saved unchanged.
          coSpeakers: [...(v.speakers ?? []).filter((s) => !s.is_primary), ...(v.invited ?? [])]
            .map((s) => s.email)
            .join('\n'),
        }}
        action={`/proposals/${v.row.id}/edit`}
      />,
    );
  });

  app.post(
    '/proposals/:id/edit',
    { ...page, schema: { hide: true, params: IdParams, body: ProposalForm } },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      try {
        await d.proposals.update(actor, req.params.id, fields(b));
        return back(reply, req.params.id);
      } catch (e) {
        const err = refusal(e);
        const v = await d.proposals.get(actor, req.params.id);
        const calls = await d.cfp.list(actor, v.row.slug);
        return sendPage(
          reply,
          <ProposeForm
            ctx={pageCtx(req)}
            slug={v.row.slug}
            calls={calls}
            editing
            v={{ ...(b as ProposalFormValues), callId: v.row.call_id }}
            problem={err.message}
            action={`/proposals/${req.params.id}/edit`}
          />,
          err.status,
        );
      }
    },
  );

  app.post(
    '/proposals/:id/review',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ score: 2, comment: 10000, next: 300 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const score = Number(req.body.score);
        if (!Number.isInteger(score) || score < 1 || score > 5)
          throw new DomainError(400, 'validation', 'Bad request', 'Choose a score from 1 to 5.');
        await d.reviews.upsert(actor, req.params.id, { score, comment: req.body.comment });
        const next = req.body.next?.startsWith('/c/') ? req.body.next : `/proposals/${req.params.id}`;
        return reply.redirect(next, 303);
      } catch (e) {
        const err = refusal(e);
        return sendPage(reply, await proposalPage(req, actor, req.params.id, err.message), err.status);
      }
    },
  );

  // One proposal after another: submitted, not mine, not reviewed by me yet.
  app.get('/c/:slug/review', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const list = await d.proposals.list(actor, req.params.slug, {
      state: ['submitted'],
      limit: 200,
      sort: 'createdAt',
    });
    const todo = list.items.filter((v) => !v.sight.mine && v.sight.reviewer && v.row.my_score === null);
    return sendPage(
      reply,
      <ReviewQueue ctx={pageCtx(req)} slug={req.params.slug} v={todo[0] ?? null} left={todo.length} />,
    );
  });

  app.post(
    '/tasks/:id/done',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ version: 12, back: 300 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const task = await d.tasks.get(actor, req.params.id);
      try {
        const version = Number(req.body.version);
        await d.tasks.update(actor, req.params.id, { status: 'done' }, Number.isInteger(version) ? version : undefined);
        // Back to the board it was ticked on, or to the talk.
        if (req.body.back && /^\/c\/[a-z0-9-]+\/tasks$/.test(req.body.back)) return reply.redirect(req.body.back, 303);
        return back(reply, task.proposal_id);
      } catch (e) {
        const err = refusal(e);
        return sendPage(reply, await proposalPage(req, actor, task.proposal_id, err.message), err.status);
      }
    },
  );

  app.post(
    '/proposals/:id/retrospective',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ text: 20000 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        await d.lessons.retrospective(actor, req.params.id, req.body.text ?? '');
        return back(reply, req.params.id);
      } catch (e) {
        const err = refusal(e);
        return sendPage(reply, await proposalPage(req, actor, req.params.id, err.message), err.status);
      }
    },
  );

  // A talk as its audience sees it: public like its event (anyone for a public community).
  app.get(
    '/talks/:id',
    { config: { page: true, public: true }, schema: { hide: true, params: IdParams } },
    async (req, reply) => {
      const { talk, needsSignIn } = await d.proposals.talk(req.actor, req.params.id);
      if (needsSignIn) return signedIn(req, reply) ?? reply;
      return sendPage(reply, <TalkPage ctx={pageCtx(req)} t={talk} />);
    },
  );
};
