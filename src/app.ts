/**
 * buildApp(deps): the whole HTTP application, built the same way by the server, the tests and
 * the benchmarks. Ecosystem plugins first, then our cross-cutting ones, then the modules' routes.
 */
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { defaultAuth, type AuthConfig, type Config, type TrustProxy } from './config';
import authPlugin from './http/auth';
import { registerOpenApi } from './http/openapi';
import problemPlugin from './http/problem';
import { registerValidation } from './http/validation';
import { requestSerializer } from './http/redact';
import { requestId } from './http/request-id';
import { requestLog } from './http/request-log';
import { clientErrorHandler, frameworkErrors, registerJsonParser } from './http/body';
import { cfpRoutes } from './modules/cfp/cfp.routes';
import { communitiesRoutes } from './modules/communities/communities.routes';
import { healthRoutes } from './modules/health/health.routes';
import { peopleRoutes } from './modules/people/people.routes';
import { proposalsRoutes } from './modules/proposals/proposals.routes';
import { reviewsRoutes } from './modules/reviews/reviews.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { FEED_CHANNEL } from './calendar/feeds.service';
import { agendaRoutes } from './modules/events/agenda.routes';
import { eventsRoutes } from './modules/events/events.routes';
import { rsvpsRoutes } from './modules/events/rsvps.routes';
import { jobsRoutes } from './modules/admin/jobs.routes';
import { tasksRoutes } from './modules/tasks/tasks.routes';
import { feedbackRoutes } from './modules/feedback/feedback.routes';
import { lessonsRoutes } from './modules/lessons/lessons.routes';
import { nominationsRoutes } from './modules/nominations/nominations.routes';
import { teamRoutes } from './modules/team/team.routes';
import { teamPages } from './modules/team/team.pages';
import { membersPages } from './modules/communities/members.pages';
import { adminPages } from './modules/admin/admin.pages';
import { announcementsRoutes } from './modules/announcements/announcements.routes';
import { announcementsPages } from './modules/announcements/announcements.pages';
import { seriesRoutes } from './modules/series/series.routes';
import { seriesPages } from './modules/series/series.pages';
import { wishesRoutes } from './modules/wishes/wishes.routes';
import { wishesPages } from './modules/wishes/wishes.pages';
import { searchRoutes } from './modules/search/search.routes';
import { metricsRoutes } from './modules/metrics/metrics.routes';
import { listen } from './db/listen';
import { AUTH_CHANNEL } from './modules/people/credential-cache';
import { sessionsRoutes } from './modules/auth/sessions.routes';
import { signInPages } from './modules/auth/sign-in.pages';
import { buildServices, type Services } from './services';
import { registerWeb, sendNotFoundPage, sendUnavailablePage } from './web/scope';
import availability from './http/availability';
import metricsPlugin from './http/metrics';
import { Metrics, type PoolLike } from './metrics';
import { queueFigures } from './modules/admin/jobs.queries';
import { DatabaseWatch } from './db/outage';
import { ping } from './db/migrate';
import { communitiesPages } from './modules/communities/communities.pages';
import { homePages } from './modules/home/home.pages';
import { proposalsPages } from './modules/proposals/proposals.pages';
import { eventsPages } from './modules/events/events.pages';
import { eventsAdminPages } from './modules/events/events-admin.pages';
import { lessonsPages } from './modules/lessons/lessons.pages';
import { tasksPages } from './modules/tasks/tasks.pages';
import { metricsPages } from './modules/metrics/metrics.pages';
import { vitalityRoutes } from './modules/vitality/vitality.routes';
import { vitalityPages } from './modules/vitality/vitality.pages';
import { nominationsPages } from './modules/nominations/nominations.pages';
import { cfpPages } from './modules/cfp/cfp.pages';
import { profilePages } from './modules/people/profile.pages';
import { settingsPages } from './modules/communities/settings.pages';
import { peoplePages } from './modules/people/people.pages';

export interface AppDeps {
  ds: DataSource;
  config: Pick<Config, 'bodyLimitBytes' | 'publicUrl'> & {
    auth?: AuthConfig;
    metricsToken?: string | null;
    trustProxy?: TrustProxy;
    /** Log health probes and /metrics scrapes too (LOG_PROBES=on). */
    logProbes?: boolean;
    /** All render caches together (RENDER_CACHE_MB); default DEFAULT_RENDER_CACHE_BYTES. */
    renderCacheBytes?: number;
  };
  /** The process's metrics (the server shares them with its in-process worker); else the app's own. */
  metrics?: Metrics;
  logger?: FastifyServerOptions['logger'];
  /** Starts the database again when its process is gone (the embedded default); see db/outage.ts. */
  restartDatabase?: () => Promise<boolean>;
}

export { buildServices, type Services };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Feed and sign-in secrets in URLs are redacted in the request log (http/redact.ts).
    logger:
      deps.logger && typeof deps.logger === 'object'
        ? { ...deps.logger, serializers: { req: requestSerializer, ...(deps.logger.serializers ?? {}) } }
        : (deps.logger ?? false),
    bodyLimit: deps.config.bodyLimitBytes,
    // Client address and protocol come from X-Forwarded-* only when the peer is a proxy TRUST_PROXY
    // names; otherwise the socket's own (a forged header from anyone else changes nothing).
    trustProxy: deps.config.trustProxy ?? false,
    // One line per request instead of Fastify's two, none for probes (http/request-log.ts).
    logController: requestLog({ probes: deps.config.logProbes ?? false }),
    // Requests that arrive while closing are served (with Connection: close); see http/availability.ts.
    return503OnClosing: false,
    // Every log line of a request carries its id (reqId), and so does every problem body: a proxy's
    // X-Request-Id is kept when it looks like an id, otherwise each request gets a UUID.
    requestIdHeader: false,
    genReqId: requestId,
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerValidation(app);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // JSON only: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);

  const services = buildServices(
    deps.ds,
    deps.config.publicUrl,
    deps.config.auth ?? defaultAuth,
    deps.config.renderCacheBytes,
  );
  const { publicUrl } = deps.config;
  app.decorate('services', services);

  await app.register(problemPlugin, { notFoundPage: sendNotFoundPage });
  // Large JSON and pages compressed for clients that accept it (feeds bring their own, cached).
  await app.register(compress, { threshold: 2048, encodings: ['br', 'gzip'] });
  const watch = new DatabaseWatch({
    probe: () => ping(deps.ds.manager),
    log: (line) => app.log.warn(line),
    restart: deps.restartDatabase,
  });
  await app.register(availability, { watch, page: sendUnavailablePage });
  const metrics = deps.metrics ?? new Metrics();
  metrics.watchPool(() =>
    deps.ds.isInitialized ? (deps.ds.driver as unknown as { master: PoolLike }).master : undefined,
  );
  metrics.watchQueue(() => queueFigures(deps.ds.manager));
  metrics.watchRenderCaches(services.renderCaches);
  metrics.watchBatches({
    'submission-context': services.proposals.batches.context,
    'submission-insert': services.proposals.batches.insert,
    'community-by-slug': services.communities.batches.slug,
    'community-by-id': services.communities.batches.id,
    'event-page-stamp': services.events.stamps,
    'search-stamp': services.search.stamps,
    'session-owner': services.sessions.owners,
    'token-owner': services.people.owners,
  });
  await app.register(metricsPlugin, {
    metrics,
    token: deps.config.metricsToken ?? null,
    authenticate: (secret) => services.people.authenticate(secret),
  });
  await registerOpenApi(app);
  // Revocations made by any instance reach this one's credential cache at once.
  const stopListening = await listen(
    deps.ds,
    AUTH_CHANNEL,
    (p) => services.credentials.forget(p),
    () => services.credentials.clear(),
  );
  app.addHook('onClose', stopListening);
  // Commits that change a community's feeds reach this instance's feed validators at once.
  const stopFeeds = await listen(
    deps.ds,
    FEED_CHANNEL,
    (p) => services.feeds.changed(p),
    () => services.feeds.lost(),
    () => services.feeds.listen(),
  );
  app.addHook('onClose', stopFeeds);
  app.addHook('onSend', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) services.feeds.wrote();
  });
  await app.register(cookie);
  await app.register(authPlugin, {
    authenticate: (secret) => services.people.authenticate(secret),
    session: (secret) => services.sessions.authenticate(secret),
    publicUrl,
  });

  await app.register(healthRoutes, { ds: deps.ds });
  await app.register(async (web) => {
    await registerWeb(web, publicUrl);
    await web.register(signInPages, { signIn: services.signIn, sessions: services.sessions });
    await web.register(homePages, services);
    await web.register(communitiesPages, { ...services, publicUrl });
    await web.register(proposalsPages, services);
    await web.register(eventsPages, { ...services, publicUrl });
    await web.register(eventsAdminPages, { ...services, publicUrl });
    await web.register(lessonsPages, services);
    await web.register(tasksPages, services);
    await web.register(metricsPages, services);
    await web.register(vitalityPages, services);
    await web.register(nominationsPages, services);
    await web.register(wishesPages, services);
    await web.register(seriesPages, services);
    await web.register(announcementsPages, services);
    await web.register(teamPages, services);
    await web.register(membersPages, services);
    await web.register(adminPages, services);
    await web.register(cfpPages, services);
    await web.register(peoplePages, { ...services, publicUrl });
    await web.register(profilePages, { ...services, publicUrl });
    await web.register(settingsPages, services);
  });
  await app.register(
    async (v1) => {
      await v1.register(peopleRoutes, { people: services.people, feedTokens: services.feedTokens, publicUrl });
      await v1.register(sessionsRoutes, { sessions: services.sessions });
      await v1.register(communitiesRoutes, { communities: services.communities, publicUrl });
      await v1.register(cfpRoutes, { cfp: services.cfp });
      await v1.register(proposalsRoutes, { proposals: services.proposals, caches: services.renderCaches });
      await v1.register(reviewsRoutes, { reviews: services.reviews });
      await v1.register(eventsRoutes, { events: services.events, publicUrl });
      await v1.register(agendaRoutes, { agenda: services.agenda, publicUrl });
      await v1.register(rsvpsRoutes, { rsvps: services.rsvps });
      await v1.register(calendarRoutes, { feeds: services.feeds });
      await v1.register(jobsRoutes, { jobs: services.jobs });
      await v1.register(tasksRoutes, { tasks: services.tasks, caches: services.renderCaches });
      await v1.register(feedbackRoutes, { feedback: services.feedback });
      await v1.register(lessonsRoutes, { lessons: services.lessons });
      await v1.register(nominationsRoutes, { nominations: services.nominations });
      await v1.register(wishesRoutes, { wishes: services.wishes });
      await v1.register(seriesRoutes, { series: services.series });
      await v1.register(announcementsRoutes, { announcements: services.announcements });
      await v1.register(teamRoutes, { team: services.team });
      await v1.register(searchRoutes, { search: services.search, caches: services.renderCaches });
      await v1.register(metricsRoutes, { metrics: services.metrics, caches: services.renderCaches });
      await v1.register(vitalityRoutes, { vitality: services.vitality, publicUrl });
    },
    { prefix: '/v1' },
  );

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
