/**
 * Jobs say *what* to tell *whom* (mail/jobs.ts); the message is built here, by the worker, when the job runs, from what the
 * database says then. Message-IDs derive from what a message is about, so a retry after an
 * ambiguous failure carries the same Message-ID and clients recognise it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DateTime } from 'luxon';
import type Mail from 'nodemailer/lib/mailer';
import type { DataSource } from 'typeorm';
import { renderInvite, type InviteItem } from '../calendar/invite';
import { agendaText, eventUid, location, talkUid } from '../calendar/render';
import { UidDomain } from '../db/uid-domain';
import * as q from '../mail/mail.queries';
import { offerFacts } from '../modules/wishes/wishes.queries';
import { alertsForDigest, speakUpFacts } from '../modules/vitality/vitality.queries';
import { messagesOf } from '../core/i18n/locale';
import { deliveriesOf, destination } from '../modules/announcements/announcements.queries';
import type { EventRow, Person } from '../mail/mail.queries';
import { defaultAuth, type AuthConfig } from '../config';
import type { MailJob, MailSettings } from '../mail/jobs';
import { createSignInLink, domainOf, LINK_MINUTES, MAIL_LINK_MINUTES } from '../modules/auth/links';
import { templates, type EventInfo, type Rendered } from '../mail/templates';
import { plainSpan } from '../core/when';
import { ReplyAddresses } from '../mail/reply-address';
import { sayReason } from '../modules/vitality/vitality.words';

/** Mail text from the catalogue (English until mail follows the recipient's language). */
const en = messagesOf('en');
export type { MailJob, MailSettings };

export class MessageBuilder {
  private readonly host: string;
  private readonly uids: UidDomain;
  private readonly replyAddresses: ReplyAddresses;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: MailSettings,
    /** Where a dropped mail is said in one line (the worker's log). */
    private readonly dropped: (line: string) => void = (l) => console.error(`worker: ${l}`),
  ) {
    this.host = settings.organizerEmail.split('@')[1] || new URL(settings.publicUrl).hostname;
    this.uids = new UidDomain(ds, settings.publicUrl);
    this.replyAddresses = new ReplyAddresses(ds);
  }

  /**
   * The message for a job, or null when there is nothing to say any more: what it was about is
   * gone, or its event is over (an invitation delayed past its event, by an SMTP outage say, is
   * dropped with a log line instead of arriving late).
   */
  async build(job: MailJob, jobId?: string): Promise<Mail.Options | null> {
    return jobId === undefined ? this.message(job) : this.currentJob.run(jobId, () => this.message(job));
  }

  /** The queue's id of the job being built: links written into its mail are made from it (see signedLink). */
  private readonly currentJob = new AsyncLocalStorage<string>();

  private async message(job: MailJob): Promise<Mail.Options | null> {
    const { over, event } = await this.overEvent(job);
    if (over) {
      this.dropped(`dropped a ${job.kind} mail: "${over}" is over`);
      return null;
    }
    if (job.kind === 'sign-in-link') return this.signInLink(job.email, job.next);
    const person = await this.person(job.personId);
    if (!person) return null;
    switch (job.kind) {
      case 'proposal-received':
      case 'decision':
      case 'co-speaker-added':
      case 'co-speaker-answered':
        return this.aboutProposal(job, person);
      case 'invite':
        return job.item === 'event' ? this.eventInvite(job, person, event) : this.talkInvite(job, person);
      case 'task-digest':
        return this.digest(person, job.day);
      case 'lesson-prompt':
        return this.lessonPrompt(person, job.proposalId, job.reminder);
      case 'nomination':
      case 'nomination-answered':
        return this.nomination(person, job.nominationId, job.kind === 'nomination');
      case 'destination-paused': {
        const d = await destination(this.ds.manager, job.destinationId);
        if (!d || !d.paused_at) return null;
        const [last] = await deliveriesOf(this.ds.manager, d.id, 1);
        return this.mail(
          person,
          templates.destinationPaused({
            name: person.name,
            destination: `${d.name} (${d.url_hint})`,
            community: d.community,
            error: last?.last_error ?? 'no answer',
            url: `${this.settings.publicUrl}/c/${d.community}/announcements`,
          }),
          `destination-paused.${d.id}.${d.paused_at.getTime()}`,
        );
      }
      case 'speak-up':
        return this.speakUp(person, job.invitationId);
      case 'wish-offer': {
        const w = await offerFacts(this.ds.manager, job.wishId, job.offererId);
        if (!w) return null;
        const url = `${this.settings.publicUrl}/wishes/${job.wishId}`;
        return this.mail(
          person,
          templates.wishOffer({ ...w, name: person.name, url }),
          `wish-offer.${job.wishId}.${job.offererId}`,
        );
      }
      case 'waitlist-promoted':
      case 'reminder': {
        const e = await this.event(job.eventId);
        if (!e) return null;
        const info = this.eventInfo(e, person);
        // A reminder goes once per person and event; a seat may be offered again after leaving and
        // coming back, so each offer is a message of its own (not dropped as a duplicate).
        const about =
          job.kind === 'reminder'
            ? `reminder.${e.id}.${person.id}`
            : `waitlist-promoted.${e.id}.${person.id}.${await q.inviteRound(this.ds.manager, e.id, person.id)}`;
        return this.mail(person, job.kind === 'reminder' ? templates.reminder(info) : templates.promoted(info), about);
      }
    }
  }

  private async aboutProposal(
    job: Extract<MailJob, { kind: 'proposal-received' | 'decision' | 'co-speaker-added' | 'co-speaker-answered' }>,
    person: Person,
  ): Promise<Mail.Options | null> {
    const p = await q.proposalFacts(this.ds.manager, job.proposalId);
    if (!p) return null;
    const t = { title: p.title, community: p.community, format: p.format, speakerName: person.name };
    if (job.kind === 'proposal-received')
      return this.mail(person, templates.proposalReceived(t), `received.${p.id}.${person.id}`);
    if (job.kind === 'co-speaker-added') {
      const by = await this.person(job.byId);
      const url = await this.signedLink(person, `/proposals/${p.id}`);
      return this.mail(
        person,
        templates.coSpeakerAdded({ ...t, by: by?.name ?? 'A colleague', url }),
        `co-speaker.${p.id}.${person.id}`,
      );
    }
    if (job.kind === 'co-speaker-answered') {
      const by = await this.person(job.byId);
      const url = await this.signedLink(person, `/proposals/${p.id}`);
      return this.mail(
        person,
        templates.coSpeakerAnswered({ ...t, by: by?.name ?? 'Your colleague', accepted: job.accepted, url }),
        `co-speaker-answer.${p.id}.${job.byId}`,
      );
    }
    const decided = await q.decidedState(this.ds.manager, job.transitionId);
    const body =
      decided === 'accepted'
        ? templates.accepted(t)
        : decided === 'waitlisted'
          ? templates.waitlisted(t)
          : decided === 'rejected'
            ? templates.rejected(t)
            : null;
    return body && this.mail(person, body, `decision.${job.transitionId}.${person.id}`);
  }

  /** `known`: the event as build() already read it (undefined: not read yet). */
  private async eventInvite(
    job: Extract<MailJob, { kind: 'invite' }>,
    person: Person,
    known?: EventRow | null,
  ): Promise<Mail.Options | null> {
    const e = known !== undefined ? known : await this.event(job.id);
    if (!e) return null;
    const agenda = await q.agendaOf(this.ds.manager, e.id);
    const feedEvent = this.feedEvent(
      e,
      agenda.map((a) => ({
        ...a,
        proposalId: '',
        abstract: '',
        language: '',
        sequence: 0,
        updatedAt: e.updated_at,
        startsAt: a.starts_at,
        endsAt: a.ends_at,
      })),
    );
    const item: InviteItem = {
      uid: eventUid(e.id, await this.uids.get()),
      // Each attendee's copy: the event's changes plus their own comings and goings (rsvp.invite_round).
      sequence: e.sequence + (await q.inviteRound(this.ds.manager, e.id, person.id)),
      title: e.title,
      description: agendaText(feedEvent),
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      timeZone: e.time_zone,
      location: location(feedEvent),
      url: `${this.settings.publicUrl}/events/${e.id}`,
      stamp: new Date(),
    };
    if (job.method === 'CANCEL' && e.cancel_reason) item.description = `${e.cancel_reason}\n\n${item.description}`;
    const info = { ...this.eventInfo(e, person), changes: job.changes, reason: e.cancel_reason };
    // The reply address that proves this attendee's Accept/Decline (see reply-address.ts).
    const organizer =
      this.settings.repliesRead && this.settings.replyAddresses !== false
        ? await this.replyAddresses.address(this.settings.organizerEmail, e.id, person.id)
        : this.settings.organizerEmail;
    return this.invite(job, person, item, await this.inviteInfo(job, person, info), e.community, organizer, true);
  }

  /** An invitation's link signs the person in (its calendar entry keeps the plain link). */
  private async inviteInfo(job: Extract<MailJob, { kind: 'invite' }>, person: Person, info: EventInfo) {
    if (job.method !== 'REQUEST') return info;
    return { ...info, url: await this.signedLink(person, new URL(info.url).pathname) };
  }

  private async talkInvite(job: Extract<MailJob, { kind: 'invite' }>, person: Person): Promise<Mail.Options | null> {
    const t = await q.talkFacts(this.ds.manager, job.id);
    if (!t) return null;
    const eventId = t.event_id ?? job.was?.eventId;
    const e = eventId ? await this.event(eventId) : null;
    const start = t.starts_at ?? (job.was ? new Date(job.was.startsAt) : (e?.starts_at ?? new Date()));
    const end =
      t.ends_at ?? (job.was ? new Date(job.was.endsAt) : (e?.ends_at ?? new Date(start.getTime() + 1800_000)));
    const tz = e?.time_zone ?? 'UTC';
    const item: InviteItem = {
      uid: talkUid(job.id, await this.uids.get()),
      sequence: t.talk_sequence,
      title: t.title,
      description: [t.abstract, e ? `Part of ${e.title}` : ''].filter(Boolean).join('\n\n'),
      startsAt: start,
      endsAt: end,
      timeZone: tz,
      location: e ? location({ roomName: e.room_name, roomLocation: e.room_location, onlineUrl: e.online_url }) : null,
      url: e ? `${this.settings.publicUrl}/events/${e.id}` : `${this.settings.publicUrl}/proposals/${job.id}`,
      stamp: new Date(),
    };
    const info: EventInfo = {
      title: `Your talk "${t.title}"${e ? ` at ${e.title}` : ''}`,
      community: t.community,
      when: plainSpan(start, end, tz),
      where: item.location ?? 'to be announced',
      personName: person.name,
      url: item.url,
    };
    // A speaker's invitation asks for no reply: a calendar Decline cannot say whether the slot or the
    // talk is off, nor why; the speaker confirms or withdraws on the talk's page and organizers are told.
    return this.invite(
      job,
      person,
      item,
      await this.inviteInfo(job, person, info),
      t.community,
      this.settings.organizerEmail,
      false,
    );
  }

  private invite(
    job: Extract<MailJob, { kind: 'invite' }>,
    person: Person,
    item: InviteItem,
    info: EventInfo,
    community: string,
    organizerEmail: string,
    asksReply: boolean,
  ): Mail.Options {
    const repliesRead = !!this.settings.repliesRead && asksReply;
    const ics = renderInvite({
      method: job.method,
      item:
        repliesRead || job.method === 'CANCEL'
          ? item
          : { ...item, description: `${item.description}\n\nRSVP: ${item.url}`.trim() },
      organizer: { name: community, email: organizerEmail },
      attendee: { name: person.name, email: person.email },
      rsvp: repliesRead,
      alarmMinutes: person.alarm_minutes,
    });
    const said = { ...info, repliesRead };
    const body =
      job.method === 'CANCEL'
        ? templates.cancellation(said)
        : job.update
          ? templates.update(said)
          : templates.invitation(said);
    return {
      ...this.mail(
        person,
        body,
        `invite.${item.uid.split('@')[0]}.${person.id}.${item.sequence}.${job.method.toLowerCase()}`,
      ),
      icalEvent: { method: job.method, filename: job.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: ics },
    };
  }

  /** Overdue tasks and those due within three days, grouped; nothing when nothing is due. */
  private async digest(person: Person, day: string): Promise<Mail.Options | null> {
    const rows = await q.tasksDueSoon(this.ds.manager, person.id);
    const empty = await q.emptyOccurrencesFor(this.ds.manager, person.id);
    const alerts = (await alertsForDigest(this.ds.manager, person.id, day)).map((a) => ({
      community: a.community,
      indicator: en.health.indicator[a.indicator] ?? a.indicator,
      reason: sayReason(en, a.reason),
      step: en.health.step[a.reason.step] ?? '',
      url: `${this.settings.publicUrl}${a.reason.path}`,
    }));
    if (!rows.length && !empty.length && !alerts.length) return null;
    const line = (r: (typeof rows)[number]) => ({
      title: r.title,
      talk: r.talk,
      due:
        DateTime.fromJSDate(r.due_at, { zone: r.time_zone ?? 'UTC' }).toFormat('ccc d LLL HH:mm') +
        ` (${r.time_zone ?? 'UTC'})`,
    });
    return this.mail(
      person,
      templates.taskDigest(
        person.name,
        rows.filter((r) => r.overdue).map(line),
        rows.filter((r) => !r.overdue).map(line),
        empty.map(
          (e) =>
            `${e.title} (${e.community}), ${plainSpan(e.starts_at, e.starts_at, e.time_zone).replace(/–\d\d:\d\d/, '')}`,
        ),
        alerts,
      ),
      `digest.${person.id}.${day}`,
    );
  }

  /** Nothing to say once they answered (or said "never" to another community's invitation). */
  private async speakUp(person: Person, invitationId: string): Promise<Mail.Options | null> {
    const s = await speakUpFacts(this.ds.manager, invitationId);
    if (!s || s.answer || s.never) return null;
    return this.mail(
      person,
      templates.speakUp({
        name: person.name,
        community: s.community,
        wishes: s.wishes,
        lessons: s.lessons,
        proposeUrl: await this.signedLink(person, `/c/${s.slug}/propose`),
        notNowUrl: await this.signedLink(person, `/speak-up/${s.id}/not-now`),
        neverUrl: await this.signedLink(person, `/speak-up/${s.id}/never`),
      }),
      `speak-up.${s.id}`,
    );
  }

  /** Nothing to ask once the lesson is published (a speaker may write it before the prompt runs). */
  private async lessonPrompt(person: Person, proposalId: string, reminder: boolean): Promise<Mail.Options | null> {
    const t = await q.lessonFacts(this.ds.manager, proposalId);
    if (!t || t.published) return null;
    const url = `${this.settings.publicUrl}/proposals/${proposalId}/lesson`;
    return this.mail(
      person,
      templates.lessonPrompt({ name: person.name, title: t.title, community: t.community, url, reminder }),
      `lesson-${reminder ? 'reminder' : 'prompt'}.${proposalId}.${person.id}`,
    );
  }

  private async nomination(person: Person, nominationId: string, toNominee: boolean): Promise<Mail.Options | null> {
    const n = await q.nominationFacts(this.ds.manager, nominationId);
    if (!n) return null;
    const path = `/nominations/${nominationId}`;
    const url = toNominee ? await this.signedLink(person, path) : `${this.settings.publicUrl}${path}`;
    const info = { ...n, url, name: person.name };
    if (toNominee) return this.mail(person, templates.nominated(info), `nomination.${nominationId}`);
    if (n.status === 'open') return null;
    return this.mail(person, templates.nominationAnswered(info), `nomination-${n.status}.${nominationId}`);
  }

  private get auth(): AuthConfig {
    return this.settings.auth ?? defaultAuth;
  }

  /**
   * A link into Brownbag that signs the person in on the way (one use, a week long), where sign-in
   * by mail is on; otherwise the plain link (the sign-in page sends them on after the provider). A
   * retry of the same job writes the same link (made from the job's id), not another one.
   */
  private async signedLink(person: Person, path: string): Promise<string> {
    if (!this.auth.emailSignIn) return `${this.settings.publicUrl}${path}`;
    const job = this.currentJob.getStore();
    return createSignInLink(
      this.ds,
      this.settings.publicUrl,
      person.email,
      path,
      MAIL_LINK_MINUTES,
      job === undefined ? undefined : `job:${job}`,
    );
  }

  /**
   * The mail the sign-in page promised. A known address, or one allowed to sign up, gets a link
   * (15 minutes, one use); any other gets a note saying how to get in, so the page never reveals
   * who has an account. The per-address limit was applied when the link was asked for
   * (SignInService.requestLink).
   */
  private async signInLink(email: string, next: string): Promise<Mail.Options | null> {
    if (!this.auth.emailSignIn) return null;
    const person = await q.personByEmail(this.ds.manager, email);
    const to = person ?? { id: email, name: email, email };
    const stamp = Date.now().toString(36);
    if (!person && !this.auth.allowedEmailDomains.includes(domainOf(email)))
      return this.mail(to, templates.noAccount({ email, publicUrl: this.settings.publicUrl }), `no-account.${stamp}`);
    const url = await createSignInLink(this.ds, this.settings.publicUrl, email, next, LINK_MINUTES);
    return this.mail(
      to,
      templates.signInLink({ name: person?.name ?? null, url, minutes: LINK_MINUTES }),
      `sign-in.${stamp}`,
    );
  }

  private mail(person: Person, r: Rendered, about: string): Mail.Options {
    return {
      from: this.settings.mailFrom,
      to: { name: person.name, address: person.email },
      subject: r.subject,
      text: r.text,
      html: r.html,
      messageId: `<${about}@${this.host}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
  }

  private eventInfo(e: EventRow, person: Person): EventInfo {
    return {
      title: e.title,
      community: e.community,
      when: plainSpan(e.starts_at, e.ends_at, e.time_zone),
      where:
        location({ roomName: e.room_name, roomLocation: e.room_location, onlineUrl: e.online_url }) ??
        'to be announced',
      personName: person.name,
      url: `${this.settings.publicUrl}/events/${e.id}`,
    };
  }

  private feedEvent(
    e: EventRow,
    agenda: {
      title: string;
      startsAt: Date;
      endsAt: Date;
      speakers: string[];
      proposalId: string;
      abstract: string;
      language: string;
      sequence: number;
      updatedAt: Date;
    }[],
  ) {
    return {
      id: e.id,
      title: e.title,
      description: e.description,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      timeZone: e.time_zone,
      roomName: e.room_name,
      roomLocation: e.room_location,
      onlineUrl: e.online_url,
      status: e.status as 'published',
      sequence: e.sequence,
      createdAt: e.created_at,
      updatedAt: e.updated_at,
      agenda,
    };
  }

  /**
   * The event a calendar mail is about (read once per message), and its title when it has ended.
   * `event` is undefined for mail about no event.
   */
  private async overEvent(job: MailJob): Promise<{ over: string | null; event?: EventRow | null }> {
    const eventId =
      job.kind === 'reminder' || job.kind === 'waitlist-promoted'
        ? job.eventId
        : job.kind === 'invite' && job.item === 'event'
          ? job.id
          : null;
    if (!eventId) return { over: null };
    const e = await this.event(eventId);
    return { over: e && e.ends_at.getTime() < Date.now() ? e.title : null, event: e };
  }

  private async person(id: string): Promise<Person | null> {
    return (await q.personById(this.ds.manager, id)) ?? null;
  }

  private async event(id: string): Promise<EventRow | null> {
    return (await q.eventById(this.ds.manager, id)) ?? null;
  }
}
