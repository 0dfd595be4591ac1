/**
 * Organizers open and change calls for proposals: title, window (days in the community's zone: opens
 * at the start of the first, open until the end of the last — window.ts), formats and tracks.
 */
import { authorize } from '../../core/policy';
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { IdParams, Slug } from '../../http/types';
import { control, FormFields, readForm, VersionField, type PageRefusal } from '../../web/form';
import { Page, PostForm, Problem, pageCtx, sendPage, type PageCtx } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import { CallCreate, CallPatch } from './cfp.schemas';
import type { CfpService } from './cfp.service';
import type { CallView } from './cfp.queries';
import { closingDay, dayOf, endOfDay, startOfDay } from './window';

interface CallFormValues {
  title?: string;
  description?: string;
  opensAt?: string;
  closesAt?: string;
  formats?: string;
  tracks?: string;
}

function CallForm({
  ctx,
  slug,
  tz,
  v,
  problem,
  edit,
}: {
  ctx: PageCtx;
  slug: string;
  tz: string;
  v: CallFormValues;
  problem?: string | null;
  /** the call being changed, with the version it was read at */
  edit?: { id: string; version: number };
}) {
  const m = ctx.l.m;
  const S = edit ? CallPatch : CallCreate;
  const title = edit ? m.calls.editTitle : m.newCall;
  return (
    <Page ctx={ctx} title={title}>
      <p class="muted">
        <a href={`/c/${slug}`}>{slug}</a>
      </p>
      <h1>{title}</h1>
      <Problem detail={problem} />
      <PostForm ctx={ctx} action={edit ? `/calls/${edit.id}/edit` : `/c/${slug}/calls/new`} class="stack card">
        {edit ? <input type="hidden" name="version" value={String(edit.version)} /> : null}
        <div>
          <label for="title">{m.callTitle}</label>
          <input id="title" {...control(S, 'title')} required value={v.title ?? ''} />
        </div>
        <div>
          <label for="description">{m.calls.description}</label>
          <textarea id="description" {...control(S, 'description')} rows={3}>
            {v.description ?? ''}
          </textarea>
        </div>
        <div class="row">
          <div>
            <label for="opensAt">{m.calls.opensOn({ zone: tz })}</label>
            <input id="opensAt" {...control(S, 'opensAt')} required type="date" value={v.opensAt ?? ''} />
          </div>
          <div>
            <label for="closesAt">{m.calls.closesOn({ zone: tz })}</label>
            <input id="closesAt" {...control(S, 'closesAt')} type="date" value={v.closesAt ?? ''} />
          </div>
        </div>
        <div>
          <label for="formats">{m.formats}</label>
          <textarea id="formats" {...control(S, 'formats')} required rows={3}>
            {v.formats ?? 'lightning, Lightning talk, 5\ntalk, Talk, 30\nworkshop, Workshop, 90'}
          </textarea>
        </div>
        <div>
          <label for="tracks">{m.tracks}</label>
          <textarea id="tracks" {...control(S, 'tracks')} rows={3}>
            {v.tracks ?? ''}
          </textarea>
        </div>
        <button type="submit">{edit ? m.calls.save : m.openCallButton}</button>
      </PostForm>
    </Page>
  );
}

const CALL_FIELDS = ['title', 'description', 'opensAt', 'closesAt', 'formats', 'tracks'] as const;
const rows = (text: unknown) =>
  (typeof text === 'string' ? text : '')
    .split(/\r?\n/)
    .map((l) => l.split(',').map((x) => x.trim()))
    .filter((cells) => cells[0]);
/** Only what is there: a missing cell is missing, so the schema names it. */
const cellsOf = (names: string[], cells: string[]) =>
  Object.fromEntries(names.flatMap((k, i) => (cells[i] ? [[k, cells[i]]] : [])));
const text = (x: unknown) => (typeof x === 'string' ? x.trim() : undefined);

/**
 * The form's presentation read into the API's shape: the first day's start and the last day's end
 * (in the community's zone) as instants, one format or track per line. What cannot be read is passed
 * on as typed, for the schema to refuse.
 */
function callBody(v: FormFields, tz: string) {
  const day = (d: unknown, read: (d: string, tz: string) => string | null) =>
    typeof d === 'string' && d ? (read(d, tz) ?? d) : d;
  return {
    ...v,
    title: text(v.title),
    description: text(v.description),
    opensAt: day(v.opensAt, startOfDay),
    closesAt: day(v.closesAt, endOfDay),
    formats: rows(v.formats).map((c) => {
      const f: Record<string, unknown> = cellsOf(['key', 'name', 'durationMinutes'], c);
      if (typeof f.durationMinutes === 'string' && /^\d+$/.test(f.durationMinutes))
        f.durationMinutes = Number(f.durationMinutes);
      return f;
    }),
    tracks: rows(v.tracks).map((c) => cellsOf(['key', 'name'], c)),
  };
}

/** A call as its edit form shows it: days in the community's zone, one format or track per line. */
const formOf = (c: CallView, tz: string): CallFormValues => ({
  title: c.call.title,
  description: c.call.description,
  opensAt: dayOf(c.call.opensAt, tz),
  closesAt: c.call.closesAt ? closingDay(c.call.closesAt, tz) : '',
  formats: c.formats.map((f) => `${f.key}, ${f.name}, ${f.durationMinutes}`).join('\n'),
  tracks: c.tracks.map((t) => `${t.key}, ${t.name}`).join('\n'),
});

export const cfpPages: FastifyPluginAsyncTypebox<{ cfp: CfpService; communities: CommunitiesService }> = async (
  app,
  d,
) => {
  const params = Type.Object({ slug: Slug });
  const problemOf = (req: FastifyRequest, r: PageRefusal) => {
    const l = pageCtx(req).l;
    const lines = r.fields.some((f) => f.field === 'formats' || f.field === 'tracks');
    return `${refusalText(l, r)}${lines ? ` ${l.m.formatsHint}` : ''}`;
  };

  app.get('/c/:slug/calls/new', { config: { page: true }, schema: { hide: true, params } }, async (req, reply) => {
    // The form only for those who may open a call (the policy's words for the others).
    const a = await d.communities.access(actorOf(req), req.params.slug);
    authorize(a, 'call.open');
    const today = DateTime.now().setZone(a.community.timeZone).toISODate()!;
    return sendPage(
      reply,
      <CallForm ctx={pageCtx(req)} slug={req.params.slug} tz={a.community.timeZone} v={{ opensAt: today }} />,
    );
  });

  app.post(
    '/c/:slug/calls/new',
    {
      config: { page: true, form: CallCreate, formFields: CALL_FIELDS },
      schema: { hide: true, params, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await d.communities.access(actor, req.params.slug);
      return formAction(
        reply,
        async () => {
          const body = callBody(req.body, a.community.timeZone);
          await d.cfp.create(actor, req.params.slug, readForm(CallCreate, body, CALL_FIELDS));
          return reply.redirect(`/c/${req.params.slug}`, 303);
        },
        (r) => (
          <CallForm
            ctx={pageCtx(req)}
            slug={req.params.slug}
            tz={a.community.timeZone}
            v={req.body as CallFormValues}
            problem={problemOf(req, r)}
          />
        ),
      );
    },
  );

  // Change a call (PATCH /v1/calls/{id}, with the version read as If-Match).
  const editPage = async (req: FastifyRequest, id: string, typed?: CallFormValues, problem?: string) => {
    const c = await d.cfp.get(actorOf(req), id);
    authorize(c.access, 'call.update');
    const tz = c.access.community.timeZone;
    return (
      <CallForm
        ctx={pageCtx(req)}
        slug={c.slug}
        tz={tz}
        v={typed ?? formOf(c, tz)}
        problem={problem}
        edit={{ id, version: c.call.version }}
      />
    );
  };

  app.get('/calls/:id/edit', { config: { page: true }, schema: { hide: true, params: IdParams } }, async (req, reply) =>
    sendPage(reply, await editPage(req, req.params.id)),
  );

  app.post(
    '/calls/:id/edit',
    {
      config: { page: true, form: CallPatch, formFields: CALL_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const c = await d.cfp.get(actor, req.params.id);
          const tz = c.access.community.timeZone;
          const was = formOf(c, tz);
          const body: Record<string, unknown> = callBody(req.body, tz);
          // A day left as it was keeps its instant (a call closing at 17:00 through the API stays so).
          if (req.body.opensAt === was.opensAt) delete body.opensAt;
          if (req.body.closesAt === was.closesAt) delete body.closesAt;
          else if (req.body.closesAt === '') body.closesAt = null; // emptied: a rolling call
          const patch = readForm(CallPatch, body, CALL_FIELDS);
          await d.cfp.update(actor, req.params.id, patch, readForm(VersionField, req.body).version);
          return reply.redirect(`/c/${c.slug}#call`, 303);
        },
        async (r) =>
          sendPage(reply, await editPage(req, req.params.id, req.body as CallFormValues, problemOf(req, r)), r.status),
      );
    },
  );
};
