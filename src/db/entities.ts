/** Every entity, listed explicitly (no globbing): the migration check compares exactly these. */
import { Call, CallFormat, CallTrack } from '../modules/cfp/call.entity';
import { Community } from '../modules/communities/community.entity';
import { CommunityStamp } from '../modules/communities/community-stamp.entity';
import { JobOutbox } from '../jobs/job-outbox.entity';
import { InstanceSetting } from './instance-setting.entity';
import { Membership } from '../modules/communities/membership.entity';
import { ApiToken } from '../modules/people/api-token.entity';
import { Person } from '../modules/people/person.entity';
import {
  CoSpeakerInvitation,
  Proposal,
  ProposalSpeaker,
  ProposalTransition,
} from '../modules/proposals/proposal.entity';
import { Review } from '../modules/reviews/review.entity';
import { Event } from '../modules/events/event.entity';
import { ReminderLog } from '../modules/events/reminder.entity';
import { Room } from '../modules/events/room.entity';
import { Rsvp } from '../modules/events/rsvp.entity';
import { Slot } from '../modules/events/slot.entity';
import { FeedToken } from '../modules/people/feed-token.entity';
import { DigestLog, Task, TaskTemplate } from '../modules/tasks/task.entity';
import { Feedback } from '../modules/feedback/feedback.entity';
import { Lesson, LessonPrompt } from '../modules/lessons/lesson.entity';
import { TalkDocument } from '../modules/search/talk-document.entity';
import { Nomination } from '../modules/nominations/nomination.entity';
import { ItipReply } from '../mail/itip-reply.entity';
import { TeamRole } from '../modules/team/team-role.entity';
import { AnnouncementDelivery, AnnouncementDestination } from '../modules/announcements/announcement.entity';
import { Series, SeriesRule, SeriesSkip } from '../modules/series/series.entity';
import { TopicWish, TopicWishOffer, TopicWishVote } from '../modules/wishes/wish.entity';
import {
  CommunityHealthSetting,
  HealthAlert,
  SpeakUpInvitation,
  SpeakUpPreference,
} from '../modules/vitality/vitality.entity';
import { OidcLogin, PersonIdentity, Session, SignInLink, SignInRequest } from '../modules/auth/auth.entity';

export const entities = [
  Person,
  ApiToken,
  Community,
  CommunityStamp,
  JobOutbox,
  InstanceSetting,
  Membership,
  Call,
  CallFormat,
  CallTrack,
  Proposal,
  ProposalSpeaker,
  CoSpeakerInvitation,
  ProposalTransition,
  Review,
  FeedToken,
  Room,
  Event,
  Slot,
  Series,
  SeriesRule,
  SeriesSkip,
  ItipReply,
  TeamRole,
  AnnouncementDestination,
  AnnouncementDelivery,
  Rsvp,
  ReminderLog,
  TaskTemplate,
  Task,
  DigestLog,
  Feedback,
  Lesson,
  LessonPrompt,
  TalkDocument,
  Nomination,
  TopicWish,
  TopicWishVote,
  TopicWishOffer,
  Session,
  SignInLink,
  SignInRequest,
  PersonIdentity,
  OidcLogin,
  CommunityHealthSetting,
  HealthAlert,
  SpeakUpInvitation,
  SpeakUpPreference,
];
