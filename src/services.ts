/**
 * The composition root: the one place that builds the service graph, for the web server (app.ts),
 * the worker (worker/run.ts) and the scripts. Each service is made once and handed what it stands on.
 */
import type { DataSource } from 'typeorm';
import { DEFAULT_RENDER_CACHE_BYTES, defaultAuth, type AuthConfig } from './config';
import { RenderCaches } from './http/render-cache';
import { CfpService } from './modules/cfp/cfp.service';
import { CommunitiesService } from './modules/communities/communities.service';
import { PeopleService } from './modules/people/people.service';
import { ProposalsService } from './modules/proposals/proposals.service';
import { ReviewsService } from './modules/reviews/reviews.service';
import { FeedsService } from './calendar/feeds.service';
import { AgendaService } from './modules/events/agenda.service';
import { EventsService } from './modules/events/events.service';
import { RsvpsService } from './modules/events/rsvps.service';
import { FeedTokensService } from './modules/people/feed-tokens.service';
import { JobsService } from './modules/admin/jobs.service';
import { TasksService } from './modules/tasks/tasks.service';
import { FeedbackService } from './modules/feedback/feedback.service';
import { LessonsService } from './modules/lessons/lessons.service';
import { NominationsService } from './modules/nominations/nominations.service';
import { WishesService } from './modules/wishes/wishes.service';
import { SeriesService } from './modules/series/series.service';
import { AnnouncementsService } from './modules/announcements/announcements.service';
import { TeamService } from './modules/team/team.service';
import { SearchService } from './modules/search/search.service';
import { MetricsService } from './modules/metrics/metrics.service';
import { CredentialCache } from './modules/people/credential-cache';
import { OidcClient } from './modules/auth/oidc';
import { SessionsService } from './modules/auth/sessions.service';
import { SignInService } from './modules/auth/sign-in.service';
import { VitalityService } from './modules/vitality/vitality.service';
import { HomeService } from './modules/home/home.service';

export function buildServices(
  ds: DataSource,
  publicUrl = 'http://127.0.0.1:3000',
  auth: AuthConfig = defaultAuth,
  renderCacheBytes = DEFAULT_RENDER_CACHE_BYTES,
) {
  const renderCaches = new RenderCaches(renderCacheBytes);
  const credentials = new CredentialCache();
  const people = new PeopleService(ds, credentials);
  const sessions = new SessionsService(ds, auth.sessionDays, credentials);
  const oidc = auth.oidc ? new OidcClient(auth.oidc, `${publicUrl}/sign-in/oidc/callback`) : null;
  const signIn = new SignInService(ds, people, sessions, auth, oidc, publicUrl);
  const feedTokens = new FeedTokensService(ds);
  const communities = new CommunitiesService(ds, people);
  const cfp = new CfpService(ds, communities);
  const proposals = new ProposalsService(ds, people, communities, cfp);
  const reviews = new ReviewsService(ds, proposals);
  const events = new EventsService(ds, communities);
  const agenda = new AgendaService(ds, events, communities);
  const rsvps = new RsvpsService(ds, events);
  const feeds = new FeedsService(ds, events, feedTokens, publicUrl, renderCaches.cache('feeds'));
  const jobs = new JobsService(ds);
  const tasks = new TasksService(ds, communities, proposals);
  const feedback = new FeedbackService(ds, communities);
  const lessons = new LessonsService(ds, communities);
  const nominations = new NominationsService(ds, communities, people, proposals);
  const wishes = new WishesService(ds, communities, proposals);
  const series = new SeriesService(ds, communities, events, agenda);
  const announcements = new AnnouncementsService(ds, communities);
  const team = new TeamService(ds, communities);
  const search = new SearchService(ds);
  const metrics = new MetricsService(ds, communities);
  const vitality = new VitalityService(ds, communities, metrics);
  const home = new HomeService(ds, tasks);
  return {
    home,
    renderCaches,
    credentials,
    people,
    sessions,
    signIn,
    feedTokens,
    communities,
    cfp,
    proposals,
    reviews,
    events,
    agenda,
    rsvps,
    feeds,
    jobs,
    tasks,
    feedback,
    lessons,
    nominations,
    wishes,
    series,
    announcements,
    team,
    search,
    metrics,
    vitality,
  };
}
export type Services = ReturnType<typeof buildServices>;
