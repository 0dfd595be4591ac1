/**
 * The admin area: people (list, find by e-mail), communities (list, create) and the job queue
 * (failed, waiting, running; retry). The same services as /v1/people, /v1/communities and
 * /v1/admin/jobs, which refuse anyone the policy does not let in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../core/policy';
import { actorOf } from '../../http/auth';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import type { CommunitiesService } from '../communities/communities.service';
import { CommunityCreate } from '../communities/communities.schemas';
import type { PeopleService } from '../people/people.service';
import { JOB_STATES, type JobState } from './jobs.queries';
import type { JobsService } from './jobs.service';
import { CommunitiesPage, JobsPage, PeoplePage } from './admin.views';

interface Deps {
  people: PeopleService;
  communities: CommunitiesService;
  jobs: JobsService;
}
const COMMUNITY_FIELDS = ['slug', 'name', 'timeZone'] as const;
const JobParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
const JobsQuery = Type.Object({
  state: Type.Optional(Type.Enum(JOB_STATES)),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const adminPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  app.get(
    '/admin',
    {
      config: { page: true },
      schema: { hide: true, querystring: Type.Object({ email: Type.Optional(Type.String({ maxLength: 320 })) }) },
    },
    async (req, reply) => {
      const email = req.query.email?.trim() || null;
      const people = await d.people.list(actorOf(req), email ?? undefined);
      return sendPage(reply, <PeoplePage ctx={pageCtx(req)} people={people} email={email} />);
    },
  );

  const communities = async (
    req: FastifyRequest,
    reply: FastifyReply,
    more: { problem?: string; typed?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const actor = actorOf(req);
    // Every community, as GET /v1/communities gives it; the area is for those who create them.
    authorize({ actor }, 'community.create');
    const all = (await d.communities.list(actor, 200)).items;
    return sendPage(reply, <CommunitiesPage ctx={pageCtx(req)} communities={all} mayCreate {...more} />, status);
  };

  app.get('/admin/communities', { config: { page: true }, schema: { hide: true } }, (req, reply) =>
    communities(req, reply),
  );

  app.post(
    '/admin/communities',
    {
      config: { page: true, form: CommunityCreate, formFields: COMMUNITY_FIELDS },
      schema: { hide: true, body: FormFields },
    },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          const a = await d.communities.create(actorOf(req), readForm(CommunityCreate, req.body, COMMUNITY_FIELDS));
          return reply.redirect(`/c/${a.community.slug}/members`, 303);
        },
        (r) => communities(req, reply, { problem: refusalText(pageCtx(req).l, r), typed: req.body }, r.status),
      ),
  );

  const jobs = async (req: FastifyRequest, reply: FastifyReply, state: JobState, cursor?: string, notice?: string) => {
    const page = await d.jobs.list(actorOf(req), state, 50, cursor);
    return sendPage(
      reply,
      <JobsPage ctx={pageCtx(req)} state={state} jobs={page.items} next={page.nextCursor ?? null} notice={notice} />,
    );
  };

  app.get(
    '/admin/jobs',
    { config: { page: true }, schema: { hide: true, querystring: JobsQuery } },
    async (req, reply) => jobs(req, reply, req.query.state ?? 'failed', req.query.cursor),
  );

  app.post(
    '/admin/jobs/:id/retry',
    { config: { page: true, form: null }, schema: { hide: true, params: JobParams, body: FormFields } },
    async (req, reply) => {
      const job = await d.jobs.retry(actorOf(req), req.params.id);
      const state = (JOB_STATES as readonly string[]).includes(String(req.body.state))
        ? (req.body.state as JobState)
        : 'failed';
      return jobs(req, reply, state, undefined, pageCtx(req).l.m.admin.retried({ id: job.id }));
    },
  );
};
