/** Pages: a community's meetup series (start one), one series (skip, take back, change the cadence, end). */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { BadRequest } from '../../core/errors';
import { can } from '../../core/policy';
import { IdParams, Slug } from '../../http/types';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import { CadenceChange, EndBody, PlanConfirm, SeriesCreate, SeriesPublish, SkipBody } from './series.schemas';
import type { SeriesService, SeriesView } from './series.service';
import { SeriesListPage, SeriesPage, WEEKDAYS, type SeriesValues } from './series.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
// The fields each form has of its API schema (the cadence is made from every/weekday/rrule).
const SERIES_FIELDS = ['title', 'startsOn', 'startTime', 'durationMinutes', 'onlineUrl', 'formatMix'] as const;
const CADENCE_FIELDS = ['from', 'startTime', 'durationMinutes'] as const;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** What was typed, to show again and to make the cadence from. */
const values = (b: FormFields) =>
  Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'string')) as SeriesValues;

/** The form's rhythm and weekday as an RRULE; an RRULE typed in wins. */
export function cadenceOf(b: SeriesValues): string {
  if (b.rrule?.trim()) return b.rrule.trim();
  const day = (WEEKDAYS as readonly string[]).includes(b.weekday ?? '') ? b.weekday! : 'TH';
  switch (b.every) {
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
    case 'monthly-1':
    case 'monthly-2':
    case 'monthly-3':
      return `FREQ=MONTHLY;BYDAY=${b.every.slice(-1)}${day}`;
    case 'monthly-last':
      return `FREQ=MONTHLY;BYDAY=-1${day}`;
    default:
      return `FREQ=WEEKLY;BYDAY=${day}`;
  }
}
/**
 * "talk: 2, lightning: 3" → {talk: 2, lightning: 3}; empty → {} (any mix). Only the writing is read
 * here: which keys and counts are allowed is SeriesCreate's formatMix.
 */
export function mixOf(v: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(\S+)\s*[:=]\s*(\d+)$/.exec(part.toLowerCase());
    if (!m)
      throw new BadRequest('bad-format-mix', 'Write the format mix as format: count, e.g. "talk: 2, lightning: 3".');
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export const seriesPages: FastifyPluginAsyncTypebox<{
  series: SeriesService;
  communities: CommunitiesService;
}> = async (app, d) => {
  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    more: { v?: SeriesValues; problem?: string; code?: number } = {},
  ) => {
    const [all, a] = await Promise.all([d.series.list(actor, slug), d.communities.access(actor, slug)]);
    return sendPage(
      reply,
      <SeriesListPage
        ctx={pageCtx(req)}
        slug={slug}
        series={all}
        organizer={can(a, 'series.manage')}
        v={more.v}
        problem={more.problem}
      />,
      more.code,
    );
  };
  const one = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    view: SeriesView,
    more: { problem?: string; notice?: string; code?: number } = {},
  ) => {
    const a = await d.communities.access(actor, view.series.community);
    const organizer = can(a, 'series.manage');
    const plan = organizer ? await d.series.backlogPlan(actor, view.series.id) : [];
    return sendPage(
      reply,
      <SeriesPage
        ctx={pageCtx(req)}
        view={view}
        plan={plan}
        organizer={organizer}
        problem={more.problem}
        notice={more.notice}
      />,
      more.code,
    );
  };
  /** Runs a change; a refusal re-shows the series with the reason, a success says what it did. */
  const change = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    run: () => Promise<SeriesView>,
  ) => {
    return formAction(
      reply,
      async () => {
        const v = await run();
        const c = v.changes;
        const notice = c
          ? pageCtx(req).l.m.seriesChanged({
              moved: c.moved.length,
              gone: c.canceled.length + c.removed.length,
              kept: c.kept.length,
            })
          : undefined;
        return one(req, reply, actor, v, { notice });
      },
      async (r) => {
        const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
        return one(req, reply, actor, await d.series.get(actor, id), { problem: e.message, code: e.status });
      },
    );
  };

  app.get('/c/:slug/series', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return list(req, reply, actor, req.params.slug);
  });

  app.post(
    '/c/:slug/series',
    {
      config: { page: true, form: SeriesCreate, formFields: SERIES_FIELDS },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return formAction(
        reply,
        async () => {
          const input = readForm(
            SeriesCreate,
            {
              ...b,
              title: text(b.title)?.trim(),
              onlineUrl: text(b.onlineUrl)?.trim(),
              formatMix: mixOf(text(b.formatMix)),
              cadence: cadenceOf(values(b)),
            },
            [...SERIES_FIELDS, 'cadence'],
          );
          const v = await d.series.create(actor, req.params.slug, input);
          return reply.redirect(`/series/${v.series.id}`, 303);
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          return list(req, reply, actor, req.params.slug, { v: values(b), problem: e.message, code: e.status });
        },
      );
    },
  );

  app.get('/series/:id', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return one(req, reply, actor, await d.series.get(actor, req.params.id));
  });

  for (const [path, act] of [
    ['skip', (a: Actor, id: string, on: string) => d.series.skip(a, id, on)],
    ['unskip', (a: Actor, id: string, on: string) => d.series.unskip(a, id, on)],
  ] as const)
    app.post(
      `/series/:id/${path}`,
      { config: { page: true, form: SkipBody }, schema: { hide: true, params: IdParams, body: FormFields } },
      async (req, reply) => {
        const actor = actorOf(req);
        return change(req, reply, actor, req.params.id, () =>
          act(actor, req.params.id, readForm(SkipBody, req.body).on),
        );
      },
    );

  app.post(
    '/series/:id/cadence',
    {
      config: { page: true, form: CadenceChange, formFields: CADENCE_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return change(req, reply, actor, req.params.id, () =>
        d.series.setCadence(
          actor,
          req.params.id,
          readForm(CadenceChange, { ...b, cadence: cadenceOf(values(b)) }, [...CADENCE_FIELDS, 'cadence']),
        ),
      );
    },
  );

  app.post(
    '/series/:id/confirm',
    { config: { page: true, form: PlanConfirm }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const r = await d.series.confirmPlan(actor, req.params.id, readForm(PlanConfirm, req.body).eventId);
          const notice = pageCtx(req).l.m.seriesPlaced({
            n: r.placed.length,
            notPlaced: r.skipped.length,
            refused: r.skipped.map((x) => x.reason).join(' '),
          });
          return one(req, reply, actor, await d.series.get(actor, req.params.id), { notice });
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          return one(req, reply, actor, await d.series.get(actor, req.params.id), {
            problem: e.message,
            code: e.status,
          });
        },
      );
    },
  );

  // Publish one draft occurrence (its eventIds) or every upcoming draft (none named).
  app.post(
    '/series/:id/publish',
    { config: { page: true, form: SeriesPublish }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const done = await d.series.publish(actor, req.params.id, readForm(SeriesPublish, req.body).eventIds);
          const notice = pageCtx(req).l.m.eventAdmin.publishedN({ n: done.length });
          return one(req, reply, actor, await d.series.get(actor, req.params.id), { notice });
        },
        async (r) =>
          one(req, reply, actor, await d.series.get(actor, req.params.id), {
            problem: refusalText(pageCtx(req).l, r),
            code: r.status,
          }),
      );
    },
  );

  app.post(
    '/series/:id/end',
    { config: { page: true, form: EndBody }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return change(req, reply, actor, req.params.id, () =>
        d.series.end(actor, req.params.id, readForm(EndBody, req.body).after),
      );
    },
  );
};
