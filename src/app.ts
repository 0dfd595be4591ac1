/**
 * buildApp(deps): the whole HTTP application, built the same way by the server, the tests and
 * the benchmarks. Ecosystem plugins first, then our cross-cutting ones, then the modules' routes.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import authPlugin from './http/auth';
import { registerOpenApi } from './http/openapi';
import problemPlugin from './http/problem';
import { registerValidation } from './http/validation';
import { CfpService } from './modules/cfp/cfp.service';
import { cfpRoutes } from './modules/cfp/cfp.routes';
import { CommunitiesService } from './modules/communities/communities.service';
import { communitiesRoutes } from './modules/communities/communities.routes';
import { healthRoutes } from './modules/health/health.routes';
import { PeopleService } from './modules/people/people.service';
import { peopleRoutes } from './modules/people/people.routes';
import { ProposalsService } from './modules/proposals/proposals.service';
import { proposalsRoutes } from './modules/proposals/proposals.routes';
import { ReviewsService } from './modules/reviews/reviews.service';
import { reviewsRoutes } from './modules/reviews/reviews.routes';

export interface AppDeps {
  ds: DataSource;
  config: Pick<Config, 'bodyLimitBytes' | 'publicUrl'>;
  logger?: FastifyServerOptions['logger'];
}

export function buildServices(ds: DataSource) {
  const people = new PeopleService(ds);
  const communities = new CommunitiesService(ds, people);
  const cfp = new CfpService(ds, communities);
  const proposals = new ProposalsService(ds, people, communities, cfp);
  const reviews = new ReviewsService(ds, proposals);
  return { people, communities, cfp, proposals, reviews };
}
export type Services = ReturnType<typeof buildServices>;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerValidation(app);
  // JSON only: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');

  const services = buildServices(deps.ds);
  app.decorate('services', services);

  await app.register(problemPlugin);
  await registerOpenApi(app);
  await app.register(authPlugin, { authenticate: (secret) => services.people.authenticate(secret) });

  await app.register(healthRoutes, { ds: deps.ds });
  await app.register(async (v1) => {
    await v1.register(peopleRoutes, { people: services.people });
    await v1.register(communitiesRoutes, { communities: services.communities });
    await v1.register(cfpRoutes, { cfp: services.cfp });
    await v1.register(proposalsRoutes, { proposals: services.proposals });
    await v1.register(reviewsRoutes, { reviews: services.reviews });
  }, { prefix: '/v1' });

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
