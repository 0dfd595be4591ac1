/** The home page (`/`): what is next for the signed-in person, across their communities. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth';
import { pageCtx, sendPage } from '../../web/render';
import type { CommunitiesService } from '../communities/communities.service';
import type { HomeService } from './home.service';
import { HomePage } from './home.views';

interface Deps {
  home: HomeService;
  communities: CommunitiesService;
}

export const homePages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  app.get('/', { config: { page: true }, schema: { hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const [home, { items }] = await Promise.all([d.home.of(actor), d.communities.list(actor, 100)]);
    const mine = items.filter((a) => a.role || actor.isAdmin);
    return sendPage(reply, <HomePage ctx={pageCtx(req)} home={home} communities={mine} />);
  });
};
