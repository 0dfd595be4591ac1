/** Pages: a community's own page, with joining and a personal calendar URL. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can } from '../../core/policy';
import { isOpen } from '../cfp/call.entity';
import type { CfpService } from '../cfp/cfp.service';
import type { EventsService } from '../events/events.service';
import type { FeedTokensService } from '../people/feed-tokens.service';
import { stamp } from '../../core/stamp';
import { GUEST, pageCtx, renderPage, sendHtml, sendPage, signedIn } from '../../web/render';
import { actorOf } from '../../http/auth';
import { Slug } from '../../http/types';
import type { CommunitiesService } from './communities.service';
import { CommunityHome } from './communities.views';
import type { RenderCaches } from '../../http/render-cache';
import type { Access } from './access';

interface Deps {
  renderCaches: RenderCaches;
  communities: CommunitiesService;
  events: EventsService;
  cfp: CfpService;
  feedTokens: FeedTokensService;
  publicUrl: string;
}

const SlugParams = Type.Object({ slug: Slug });
const page = { config: { page: true } } as const;

export const communitiesPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  // `known`: the access the route already read (one community read per page, not four).
  const home = async (req: FastifyRequest, slug: string, personalFeedUrl?: string, known?: Access) => {
    const actor = req.actor ?? GUEST;
    const a = known ?? (await d.communities.access(actor, slug));
    const [{ upcoming, past }, calls] = await Promise.all([d.events.around(a, 5), d.cfp.list(actor, a)]);
    const member = !!a.role;
    return (
      <CommunityHome
        ctx={pageCtx(req)}
        a={a}
        upcoming={upcoming}
        past={past}
        calls={calls.filter((c) => isOpen(c.call) || (can(a, 'call.update') && c.call.opensAt.getTime() > Date.now()))}
        feedUrl={
          a.community.eventVisibility === 'public'
            ? `${d.publicUrl}/v1/communities/${a.community.slug}/calendar.ics`
            : null
        }
        personalFeedUrl={personalFeedUrl ?? null}
        may={{
          propose: !!req.actor,
          review: can({ ...a, own: false }, 'proposal.review'),
          organize: can(a, 'proposal.decide'),
          join: !!req.actor && !member,
          figures: can(a, 'metrics.read'),
          members: can(a, 'member.list'),
        }}
      />
    );
  };

  // Community homes are kept rendered per reader, minute (a call opens or closes with the clock) and
  // the community's public version: its events and calls move it; a submission, a review, a task or
  // an RSVP does not change this page, so it does not empty every reader's copy.
  const homes = d.renderCaches.cache('community-homes');
  app.get(
    '/c/:slug',
    { config: { page: true, public: true }, schema: { hide: true, params: SlugParams } },
    async (req, reply) => {
      const a = await d.communities.access(req.actor ?? GUEST, req.params.slug);
      if (!req.actor && a.community.eventVisibility !== 'public') return signedIn(req, reply) ?? reply;
      const ctx = pageCtx(req);
      const key = stamp({
        reader: { actor: req.actor ?? GUEST, role: a.role },
        community: { id: a.community.id, version: a.community.version, listVersion: a.community.publicVersion },
        minute: true,
        request: [req.url, ctx.l.lang, ctx.csrf],
      });
      const body = await homes.through(key, async () =>
        Buffer.from(renderPage(await home(req, req.params.slug, undefined, a))),
      );
      return sendHtml(reply, body);
    },
  );

  app.post('/c/:slug/join', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    await d.communities.join(actor, req.params.slug);
    return reply.redirect(`/c/${req.params.slug}`, 303);
  });

  // The secret is shown once, on this answer; the calendar keeps it from here.
  app.post('/c/:slug/feed', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const { secret } = await d.feedTokens.create(actor, `calendar: ${req.params.slug}`);
    const url = `${d.publicUrl}/v1/feeds/${secret}/communities/${req.params.slug}/calendar.ics?talks=true`;
    return sendPage(reply, await home(req, req.params.slug, url));
  });
};
