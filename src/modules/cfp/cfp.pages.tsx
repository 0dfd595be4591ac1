/** Organizers open a call for proposals: title, window (days in the community's zone), formats and tracks. */
import { authorize } from '../../core/policy';
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { Slug } from '../../http/types';
import { control, FormFields, readForm } from '../../web/form';
import { Page, PostForm, Problem, pageCtx, sendPage, type PageCtx } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import { CallCreate } from './cfp.schemas';
import type { CfpService } from './cfp.service';

interface CallFormValues {
  title?: string;
  opensAt?: string;
  closesAt?: string;
  formats?: string;
  tracks?: string;
}

function CallForm({
  ctx,
  slug,
  v,
  problem,
}: {
  ctx: PageCtx;
  slug: string;
  v: CallFormValues;
  problem?: string | null;
}) {
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.newCall}>
      <p class="muted">
        <a href={`/c/${slug}`}>{slug}</a>
      </p>
      <h1>{m.newCall}</h1>
      <Problem detail={problem} />
      <PostForm ctx={ctx} action={`/c/${slug}/calls/new`} class="stack card">
        <div>
          <label for="title">{m.callTitle}</label>
          <input id="title" {...control(CallCreate, 'title')} value={v.title ?? ''} />
        </div>
        <div class="row">
          <div>
            <label for="opensAt">{m.opensAt}</label>
            <input id="opensAt" {...control(CallCreate, 'opensAt')} type="date" value={v.opensAt ?? ''} />
          </div>
          <div>
            <label for="closesAt">{m.closesAt}</label>
            <input id="closesAt" {...control(CallCreate, 'closesAt')} type="date" value={v.closesAt ?? ''} />
          </div>
        </div>
        <div>
          <label for="formats">{m.formats}</label>
          <textarea id="formats" {...control(CallCreate, 'formats')} rows={3}>
            {v.formats ?? 'lightning, Lightning talk, 5\ntalk, Talk, 30\nworkshop, Workshop, 90'}
          </textarea>
        </div>
        <div>
          <label for="tracks">{m.tracks}</label>
          <textarea id="tracks" {...control(CallCreate, 'tracks')} rows={3}>
            {v.tracks ?? ''}
          </textarea>
        </div>
        <button type="submit">{m.openCallButton}</button>
      </PostForm>
    </Page>
  );
}

const CALL_FIELDS = ['title', 'opensAt', 'closesAt', 'formats', 'tracks'] as const;
const rows = (text: unknown) =>
  (typeof text === 'string' ? text : '')
    .split(/\r?\n/)
    .map((l) => l.split(',').map((x) => x.trim()))
    .filter((cells) => cells[0]);
/** Only what is there: a missing cell is missing, so the schema names it. */
const cellsOf = (names: string[], cells: string[]) =>
  Object.fromEntries(names.flatMap((k, i) => (cells[i] ? [[k, cells[i]]] : [])));

/**
 * The form's presentation read into the API's shape: days (in the community's zone) as instants, one
 * format or track per line. What cannot be read is passed on as typed, for CallCreate to refuse.
 */
function callBody(v: FormFields, tz: string) {
  const day = (d: unknown) => {
    if (typeof d !== 'string' || !d) return d;
    const t = DateTime.fromISO(d, { zone: tz }).startOf('day');
    return t.isValid ? t.toUTC().toISO()! : d;
  };
  return {
    ...v,
    opensAt: day(v.opensAt),
    closesAt: day(v.closesAt),
    formats: rows(v.formats).map((c) => {
      const f: Record<string, unknown> = cellsOf(['key', 'name', 'durationMinutes'], c);
      if (typeof f.durationMinutes === 'string' && /^\d+$/.test(f.durationMinutes))
        f.durationMinutes = Number(f.durationMinutes);
      return f;
    }),
    tracks: rows(v.tracks).map((c) => cellsOf(['key', 'name'], c)),
  };
}

export const cfpPages: FastifyPluginAsyncTypebox<{ cfp: CfpService; communities: CommunitiesService }> = async (
  app,
  d,
) => {
  const params = Type.Object({ slug: Slug });
  app.get('/c/:slug/calls/new', { config: { page: true }, schema: { hide: true, params } }, async (req, reply) => {
    // The form only for those who may open a call (the policy's words for the others).
    authorize(await d.communities.access(actorOf(req), req.params.slug), 'call.open');
    const today = DateTime.now().toISODate()!;
    return sendPage(reply, <CallForm ctx={pageCtx(req)} slug={req.params.slug} v={{ opensAt: today }} />);
  });

  app.post(
    '/c/:slug/calls/new',
    {
      config: { page: true, form: CallCreate, formFields: CALL_FIELDS },
      schema: { hide: true, params, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = req.body as CallFormValues;
      return formAction(
        reply,
        async () => {
          const a = await d.communities.access(actor, req.params.slug);
          const title = typeof req.body.title === 'string' ? req.body.title.trim() : undefined;
          const body = { ...callBody(req.body, a.community.timeZone), title };
          await d.cfp.create(actor, req.params.slug, readForm(CallCreate, body, CALL_FIELDS));
          return reply.redirect(`/c/${req.params.slug}`, 303);
        },
        (r) => {
          const l = pageCtx(req).l;
          const lines = r.fields.some((f) => f.field === 'formats' || f.field === 'tracks');
          const problem = `${refusalText(l, r)}${lines ? ` ${l.m.formatsHint}` : ''}`;
          return <CallForm ctx={pageCtx(req)} slug={req.params.slug} v={v} problem={problem} />;
        },
      );
    },
  );
};
