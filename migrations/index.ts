/** Every migration, in order. Listed, not globbed: a migration never changes after it lands. */
import type { MigrationInterface } from 'typeorm';
import { Foundation1795422027288 } from './1795422027288-Foundation';
import { ListVersion1795422028288 } from './1795422028288-ListVersion';
import { Events1795424623482 } from './1795424623482-Events';
import { Mail1795426064466 } from './1795426064466-Mail';
import { Tasks1795427216438 } from './1795427216438-Tasks';
import { Feedback1795429394417 } from './1795429394417-Feedback';
import { AfterTheTalk1795430705483 } from './1795430705483-AfterTheTalk';
import { SignIn1795613535113 } from './1795613535113-SignIn';
import { CoSpeakerConsent1795622274773 } from './1795622274773-CoSpeakerConsent';
import { RsvpInviteRound1795622778150 } from './1795622778150-RsvpInviteRound';
import { NoHotRow1796374752530 } from './1796374752530-NoHotRow';
import { JobOutbox1796392532162 } from './1796392532162-JobOutbox';
import { SearchIndexNoPendingList1796396000000 } from './1796396000000-SearchIndexNoPendingList';
import { InstanceSetting1796397000000 } from './1796397000000-InstanceSetting';
import { TopicWishes1796398571148 } from './1796398571148-TopicWishes';
import { Series1796399428125 } from './1796399428125-Series';
import { InvitationsAnswerBack1796400409757 } from './1796400409757-InvitationsAnswerBack';
import { Announcements1796401464877 } from './1796401464877-Announcements';
import { TeamRoles1796402600682 } from './1796402600682-TeamRoles';
import { SeriesFormatMix1796404447886 } from './1796404447886-SeriesFormatMix';
import { CommunityHealth1796609682979 } from './1796609682979-CommunityHealth';
import { SignInRequests1796609960464 } from './1796609960464-SignInRequests';
import { DeliveryTiming1796611464317 } from './1796611464317-DeliveryTiming';
import { TalkDocumentLanguage1796614942413 } from './1796614942413-TalkDocumentLanguage';
import { FastMisses1796620214585 } from './1796620214585-FastMisses';
import { ProposalLanguage1796610654773 } from './1796610654773-ProposalLanguage';
import { PersonLanguage1796700000000 } from './1796700000000-PersonLanguage';
import { SearchLanguages1796700100000 } from './1796700100000-SearchLanguages';
import { CallListVersion1796700300000 } from './1796700300000-CallListVersion';
import { PublicVersion1796700400000 } from './1796700400000-PublicVersion';
import { MetricsRollup1796700500000 } from './1796700500000-MetricsRollup';
import { TaskChecklistIndex1796700600000 } from './1796700600000-TaskChecklistIndex';

export const migrations: (new () => MigrationInterface)[] = [
  Foundation1795422027288,
  ListVersion1795422028288,
  Events1795424623482,
  Mail1795426064466,
  Tasks1795427216438,
  Feedback1795429394417,
  AfterTheTalk1795430705483,
  SignIn1795613535113,
  CoSpeakerConsent1795622274773,
  RsvpInviteRound1795622778150,
  NoHotRow1796374752530,
  JobOutbox1796392532162,
  SearchIndexNoPendingList1796396000000,
  InstanceSetting1796397000000,
  TopicWishes1796398571148,
  Series1796399428125,
  InvitationsAnswerBack1796400409757,
  Announcements1796401464877,
  TeamRoles1796402600682,
  SeriesFormatMix1796404447886,
  CommunityHealth1796609682979,
  SignInRequests1796609960464,
  ProposalLanguage1796610654773,
  DeliveryTiming1796611464317,
  TalkDocumentLanguage1796614942413,
  FastMisses1796620214585,
  PersonLanguage1796700000000,
  SearchLanguages1796700100000,
  CallListVersion1796700300000,
  PublicVersion1796700400000,
  MetricsRollup1796700500000,
  TaskChecklistIndex1796700600000,
];
