/** Pages: the speakers write what they learned; everyone searches the lessons library. */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../http/types';
import { FormFields, readForm, VersionField } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { ProposalsService } from '../proposals/proposals.service';
import type { SearchService } from '../search/search.service';
import { LessonPut } from './lessons.schemas';
import type { LessonsService } from './lessons.service';
import { LessonForm, LibraryPage, type LessonFormValues } from './lessons.views';

interface Deps {
  lessons: LessonsService;
  proposals: ProposalsService;
  search: SearchService;
}

const page = { config: { page: true } } as const;
const LESSON_FIELDS = ['takeaways', 'wentWell', 'toChange', 'notes', 'status'] as const;

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
      config: { page: true, form: LessonPut, formFields: LESSON_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return formAction(
        reply,
        async () => {
          // Takeaways one per line; Enter in a field (no button pressed) saves a draft.
          const lesson = readForm(LessonPut, { status: 'draft', ...b }, LESSON_FIELDS);
          await d.lessons.write(actor, req.params.id, lesson, readForm(VersionField, b).version);
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
