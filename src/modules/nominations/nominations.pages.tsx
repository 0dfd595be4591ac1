/** Pages: nominate a colleague; the nominee accepts (a draft to shape) or declines; mine, received and sent. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParams, Slug } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import { Decline, NominationCreate } from './nominations.schemas';
import type { NominationsService } from './nominations.service';
import { NominatePage, NominationPage, NominationsPage, type NominateValues } from './nominations.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });

export const nominationsPages: FastifyPluginAsyncTypebox<{ nominations: NominationsService }> = async (app, d) => {
  /** An action on one nomination: refused, the nomination again with why. */
  const onNomination = (req: FastifyRequest, reply: FastifyReply, id: string, run: () => Promise<unknown>) =>
    formAction(reply, run, async (r) => (
      <NominationPage
        ctx={pageCtx(req)}
        n={await d.nominations.get(actorOf(req), id)}
        problem={refusalText(pageCtx(req).l, r)}
      />
    ));

  app.get('/c/:slug/nominate', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    return sendPage(reply, <NominatePage ctx={pageCtx(req)} slug={req.params.slug} />);
  });

  app.post(
    '/c/:slug/nominate',
    { config: { page: true, form: NominationCreate }, schema: { hide: true, params: SlugParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          await d.nominations.create(actor, req.params.slug, readForm(NominationCreate, req.body));
          return sendPage(
            reply,
            <NominatePage ctx={pageCtx(req)} slug={req.params.slug} notice={pageCtx(req).l.m.nominationSent} />,
          );
        },
        (r) => (
          <NominatePage
            ctx={pageCtx(req)}
            slug={req.params.slug}
            v={req.body as NominateValues}
            problem={refusalText(pageCtx(req).l, r)}
          />
        ),
      );
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
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return onNomination(req, reply, req.params.id, async () => {
        const n = await d.nominations.accept(actor, req.params.id, {});
        return reply.redirect(n.proposal_id ? `/proposals/${n.proposal_id}/edit` : `/nominations/${n.id}`, 303);
      });
    },
  );

  app.post(
    '/nominations/:id/decline',
    { config: { page: true, form: Decline }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return onNomination(req, reply, req.params.id, async () => {
        await d.nominations.decline(actor, req.params.id, readForm(Decline, req.body).reason);
        return reply.redirect(`/nominations/${req.params.id}`, 303);
      });
    },
  );
};
