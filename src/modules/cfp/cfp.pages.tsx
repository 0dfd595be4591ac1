/** Organizers open a call for proposals: title, window (days in the community's zone), formats and tracks. */
import { authorize } from '../../core/policy';
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { RuleBroken } from '../../core/errors';
import { Slug } from '../../http/types';
import { FormBody, Page, PostForm, Problem, pageCtx, sendPage, type PageCtx } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
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
          <input id="title" name="title" required maxLength={200} value={v.title ?? ''} />
        </div>
        <div class="row">
          <div>
            <label for="opensAt">{m.opensAt}</label>
            <input id="opensAt" name="opensAt" type="date" required value={v.opensAt ?? ''} />
          </div>
          <div>
            <label for="closesAt">{m.closesAt}</label>
            <input id="closesAt" name="closesAt" type="date" value={v.closesAt ?? ''} />
          </div>
        </div>
        <div>
          <label for="formats">{m.formats}</label>
          <textarea id="formats" name="formats" rows={3} required>
            {v.formats ?? 'lightning, Lightning talk, 5\ntalk, Talk, 30\nworkshop, Workshop, 90'}
          </textarea>
        </div>
        <div>
          <label for="tracks">{m.tracks}</label>
          <textarea id="tracks" name="tracks" rows={3}>
            {v.tracks ?? ''}
          </textarea>
        </div>
        <button type="submit">{m.openCallButton}</button>
      </PostForm>
    </Page>
  );
}

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const rows = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.split(',').map((x) => x.trim()))
    .filter((cells) => cells[0]);

function parse(v: CallFormValues, tz: string) {
  const day = (d: string | undefined) => (d ? DateTime.fromISO(d, { zone: tz }).startOf('day') : null);
  const opens = day(v.opensAt);
  const closes = day(v.closesAt);
  if (!opens?.isValid || (closes && !closes.isValid)) throw new RuleBroken('invalid-window', 'Give the days as dates.');
  const formats = rows(v.formats).map(([key, name, minutes]) => {
    if (!KEY.test(key) || !name || !/^\d{1,4}$/.test(minutes ?? ''))
      throw new RuleBroken(
        'invalid-format',
        `Write each format as "key, name, minutes" (key: lower-case letters, digits, dashes): "${key}".`,
      );
    return { key, name, durationMinutes: Number(minutes) };
  });
  if (!formats.length) throw new RuleBroken('invalid-format', 'A call offers at least one format.');
  const tracks = rows(v.tracks).map(([key, name]) => {
    if (!KEY.test(key) || !name) throw new RuleBroken('invalid-track', `Write each track as "key, name": "${key}".`);
    return { key, name };
  });
  return { opensAt: opens.toUTC().toISO()!, closesAt: closes ? closes.toUTC().toISO()! : null, formats, tracks };
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
      config: { page: true },
      schema: {
        hide: true,
        params,
        body: FormBody({ title: 200, opensAt: 20, closesAt: 20, formats: 4000, tracks: 4000 }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = req.body as CallFormValues;
      return formAction(
        reply,
        async () => {
          const a = await d.communities.access(actor, req.params.slug);
          await d.cfp.create(actor, req.params.slug, {
            title: (v.title ?? '').trim(),
            ...parse(v, a.community.timeZone),
          });
          return reply.redirect(`/c/${req.params.slug}`, 303);
        },
        (r) => <CallForm ctx={pageCtx(req)} slug={req.params.slug} v={v} problem={refusalText(pageCtx(req).l, r)} />,
      );
    },
  );
};
