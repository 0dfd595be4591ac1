/** Pages: nominate a colleague; the nominee accepts (a draft to shape) or declines; mine, received and sent. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../core/errors';
import { IdParams, Slug } from '../../http/types';
import { FormBody, pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { NominationsService } from './nominations.service';
import { NominatePage, NominationPage, NominationsPage, type NominateValues } from './nominations.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });

export const nominationsPages: FastifyPluginAsyncTypebox<{ nominations: NominationsService }> = async (app, d) => {
  app.get('/c/:slug/nominate', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    return sendPage(reply, <NominatePage ctx={pageCtx(req)} slug={req.params.slug} />);
  });

  app.post(
    '/c/:slug/nominate',
    {
      ...page,
      schema: { hide: true, params: SlugParams, body: FormBody({ email: 320, name: 200, topic: 200, reason: 4000 }) },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      try {
        await d.nominations.create(actor, req.params.slug, {
          email: (b.email ?? '').trim(),
          name: b.name?.trim() || undefined,
          topic: (b.topic ?? '').trim(),
          reason: b.reason,
        });
        return sendPage(
          reply,
          <NominatePage ctx={pageCtx(req)} slug={req.params.slug} notice={pageCtx(req).l.m.nominationSent} />,
        );
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return sendPage(
          reply,
          <NominatePage ctx={pageCtx(req)} slug={req.params.slug} v={b as NominateValues} problem={e.message} />,
          e.status,
        );
      }
    },
  );

  app.get('/nominations', { ...page, schema: { hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const [received, sent] = await Promise.all([
      d.nominations.mine(actor, 'received', undefined, 100),
      d.nominations.mine(actor, 'sent', undefined, 100),
    ]);
    return sendPage(reply, <NominationsPage ctx={pageCtx(req)} received={received.items} sent={sent.items} />);
  });

  app.get('/nominations/:id', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, <NominationPage ctx={pageCtx(req)} n={await d.nominations.get(actor, req.params.id)} />);
  });

  app.post(
    '/nominations/:id/accept',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const n = await d.nominations.accept(actor, req.params.id, {});
        return reply.redirect(n.proposal_id ? `/proposals/${n.proposal_id}/edit` : `/nominations/${n.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const n = await d.nominations.get(actor, req.params.id);
        return sendPage(reply, <NominationPage ctx={pageCtx(req)} n={n} problem={e.message} />, e.status);
      }
    },
  );

  app.post(
    '/nominations/:id/decline',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ reason: 2000 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        await d.nominations.decline(actor, req.params.id, req.body.reason);
        return reply.redirect(`/nominations/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const n = await d.nominations.get(actor, req.params.id);
        return sendPage(reply, <NominationPage ctx={pageCtx(req)} n={n} problem={e.message} />, e.status);
      }
    },
  );
};
