/** Pages: the speakers write what they learned; everyone searches the lessons library. */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../http/types';
import { FormBody, pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { ProposalsService } from '../proposals/proposals.service';
import type { SearchService } from '../search/search.service';
import type { LessonsService } from './lessons.service';
import { LessonForm, LibraryPage, type LessonFormValues } from './lessons.views';

interface Deps {
  lessons: LessonsService;
  proposals: ProposalsService;
  search: SearchService;
}

const page = { config: { page: true } } as const;
const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export const lessonsPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  app.get('/proposals/:id/lesson', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const p = await d.proposals.get(actor, req.params.id);
    const v = await d.lessons.get(actor, req.params.id).catch(() => null);
    const r = v?.row;
    return sendPage(
      reply,
      <LessonForm
        ctx={pageCtx(req)}
        id={req.params.id}
        title={p.row.title}
        version={r?.version}
        v={{ takeaways: r?.takeaways.join('\n'), wentWell: r?.went_well, toChange: r?.to_change, notes: r?.notes }}
      />,
    );
  });

  app.post(
    '/proposals/:id/lesson',
    {
      ...page,
      schema: {
        hide: true,
        params: IdParams,
        body: FormBody({ takeaways: 10000, wentWell: 10000, toChange: 10000, notes: 50000, status: 10, version: 12 }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return formAction(
        reply,
        async () => {
          const version = Number(b.version);
          await d.lessons.write(
            actor,
            req.params.id,
            {
              takeaways: lines(b.takeaways),
              wentWell: b.wentWell,
              toChange: b.toChange,
              notes: b.notes,
              status: b.status === 'published' ? 'published' : 'draft',
            },
            Number.isInteger(version) ? version : undefined,
          );
          return reply.redirect(`/proposals/${req.params.id}`, 303);
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          const p = await d.proposals.get(actor, req.params.id);
          return sendPage(
            reply,
            <LessonForm
              ctx={pageCtx(req)}
              id={req.params.id}
              title={p.row.title}
              v={b as LessonFormValues}
              problem={e.message}
            />,
            e.status,
          );
        },
      );
    },
  );

  app.get(
    '/lessons',
    {
      ...page,
      schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 300 })) }) },
    },
    async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const hits = q ? (await d.search.search({ q, limit: 20 })).items : null;
      return sendPage(reply, <LibraryPage ctx={pageCtx(req)} q={q} hits={hits} />);
    },
  );
};
