/**
 * Jobs say *what* to tell *whom* (mail/jobs.ts); the message is built here, by the worker, when the job runs, from what the
 * database says then. Message-IDs derive from what a message is about, so a retry after an
 * ambiguous failure carries the same Message-ID and clients recognise it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Mail from 'nodemailer/lib/mailer';
import type { DataSource } from 'typeorm';
import { renderInvite, type InviteItem } from '../calendar/invite';
import { agendaText, eventUid, location, talkUid } from '../calendar/render';
import { UidDomain } from '../db/uid-domain';
import * as q from '../mail/mail.queries';
import { offerFacts } from '../modules/wishes/wishes.queries';
import { alertsForDigest, speakUpFacts } from '../modules/vitality/vitality.queries';
import { chooseLanguage } from '../core/i18n/locale';
import { can } from '../core/policy';
import { span, when as moment } from '../core/when';
import { deliveriesOf, destination } from '../modules/announcements/announcements.queries';
import type { EventRow, Person } from '../mail/mail.queries';
import { defaultAuth, type AuthConfig } from '../config';
import type { EventChange, MailJob, MailSettings } from '../mail/jobs';
import { createSignInLink, domainOf, LINK_MINUTES, MAIL_LINK_MINUTES } from '../modules/auth/links';
import { mailLocale, templates, type EventInfo, type MailLocale, type Rendered } from '../mail/templates';
import { ReplyAddresses } from '../mail/reply-address';
import { sayReason } from '../modules/vitality/vitality.words';

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
    if (job.kind === 'sign-in-link') return this.signInLink(job.email, job.next, job.language);
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
        const l = await this.locale(person, 'destination', d.id);
        return this.mail(
          person,
          templates.destinationPaused(l, {
            name: person.name,
            destination: `${d.name} (${d.url_hint})`,
            community: d.community,
            error: last?.last_error ?? l.m.mail.noAnswer,
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
        const url = await this.signedLink(person, `/wishes/${job.wishId}`);
        return this.mail(
          person,
          templates.wishOffer(await this.locale(person, 'wish', job.wishId), { ...w, name: person.name, url }),
          `wish-offer.${job.wishId}.${job.offererId}`,
        );
      }
      case 'waitlist-promoted':
      case 'reminder': {
        const e = await this.event(job.eventId);
        if (!e) return null;
        const l = this.eventLocale(person, e);
        const info = { ...this.eventInfo(l, e, person), url: await this.signedLink(person, `/events/${e.id}`) };
        // A reminder goes once per person and event; a seat may be offered again after leaving and
        // coming back, so each offer is a message of its own (not dropped as a duplicate).
        const about =
          job.kind === 'reminder'
            ? `reminder.${e.id}.${person.id}`
            : `waitlist-promoted.${e.id}.${person.id}.${await q.inviteRound(this.ds.manager, e.id, person.id)}`;
        return this.mail(
          person,
          job.kind === 'reminder' ? templates.reminder(l, info) : templates.promoted(l, info),
          about,
        );
      }
    }
  }

  private async aboutProposal(
    job: Extract<MailJob, { kind: 'proposal-received' | 'decision' | 'co-speaker-added' | 'co-speaker-answered' }>,
    person: Person,
  ): Promise<Mail.Options | null> {
    const p = await q.proposalFacts(this.ds.manager, job.proposalId);
    if (!p) return null;
    // A decision nobody is told of (the proposal moved on to a state with no mail) writes no link.
    const decided = job.kind === 'decision' ? await q.decidedState(this.ds.manager, job.transitionId) : null;
    if (job.kind === 'decision' && !['accepted', 'waitlisted', 'rejected'].includes(decided ?? '')) return null;
    const l = await this.locale(person, 'proposal', p.id);
    const t = {
      title: p.title,
      community: p.community,
      format: p.format,
      speakerName: person.name,
      // Every mail about a proposal leads to its page (confirm, edit, accept the invitation, read its state).
      url: await this.signedLink(person, `/proposals/${p.id}`),
    };
    if (job.kind === 'proposal-received')
      return this.mail(person, templates.proposalReceived(l, t), `received.${p.id}.${person.id}`);
    if (job.kind === 'co-speaker-added') {
      const by = await this.person(job.byId);
      return this.mail(
        person,
        templates.coSpeakerAdded(l, { ...t, by: by?.name ?? l.m.mail.colleague }),
        `co-speaker.${p.id}.${person.id}`,
      );
    }
    if (job.kind === 'co-speaker-answered') {
      const by = await this.person(job.byId);
      return this.mail(
        person,
        templates.coSpeakerAnswered(l, { ...t, by: by?.name ?? l.m.mail.yourColleague, accepted: job.accepted }),
        `co-speaker-answer.${p.id}.${job.byId}`,
      );
    }
    const body =
      decided === 'accepted'
        ? templates.accepted(l, t)
        : decided === 'waitlisted'
          ? templates.waitlisted(l, t)
          : decided === 'rejected'
            ? templates.rejected(l, t)
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
    const l = this.eventLocale(person, e);
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
      description: agendaText(l, feedEvent),
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      timeZone: e.time_zone,
      location: location(feedEvent),
      url: `${this.settings.publicUrl}/events/${e.id}`,
      stamp: new Date(),
    };
    if (job.method === 'CANCEL' && e.cancel_reason) item.description = `${e.cancel_reason}\n\n${item.description}`;
    const info = {
      ...this.eventInfo(l, e, person),
      changes: job.changes?.map((c) => this.change(l, c)),
      reason: e.cancel_reason,
    };
    // The reply address that proves this attendee's Accept/Decline (see reply-address.ts).
    const organizer =
      this.settings.repliesRead && this.settings.replyAddresses !== false
        ? await this.replyAddresses.address(this.settings.organizerEmail, e.id, person.id)
        : this.settings.organizerEmail;
    return this.invite(l, job, person, item, await this.inviteInfo(job, person, info), e.community, organizer, true);
  }

  /** An invitation's link signs the person in (its calendar entry keeps the plain link). */
  private async inviteInfo(_job: Extract<MailJob, { kind: 'invite' }>, person: Person, info: EventInfo) {
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
    const l = e ? this.eventLocale(person, e) : await this.locale(person, 'proposal', job.id);
    const item: InviteItem = {
      uid: talkUid(job.id, await this.uids.get()),
      sequence: t.talk_sequence,
      title: t.title,
      description: [
        t.abstract,
        e ? l.m.calendarText.partOf({ event: e.title, when: span(l, e.starts_at, e.ends_at, tz) }) : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      startsAt: start,
      endsAt: end,
      timeZone: tz,
      location: e ? location({ roomName: e.room_name, roomLocation: e.room_location, onlineUrl: e.online_url }) : null,
      url: e ? `${this.settings.publicUrl}/events/${e.id}` : `${this.settings.publicUrl}/proposals/${job.id}`,
      stamp: new Date(),
    };
    const info: EventInfo = {
      title: e ? l.m.mail.talkTitleAt({ title: t.title, event: e.title }) : l.m.mail.talkTitle({ title: t.title }),
      community: t.community,
      when: span(l, start, end, tz),
      where: item.location ?? l.m.mail.toBeAnnounced,
      personName: person.name,
      url: item.url,
    };
    // A speaker's invitation asks for no reply: a calendar Decline cannot say whether the slot or the
    // talk is off, nor why; the speaker confirms or withdraws on the talk's page and organizers are told.
    return this.invite(
      l,
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
    l: MailLocale,
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
          : { ...item, description: `${item.description}\n\n${l.m.calendarText.rsvp({ url: item.url })}`.trim() },
      organizer: { name: community, email: organizerEmail },
      attendee: { name: person.name, email: person.email },
      rsvp: repliesRead,
      alarmMinutes: person.alarm_minutes,
      l,
    });
    const said = { ...info, repliesRead };
    const body =
      job.method === 'CANCEL'
        ? templates.cancellation(l, said)
        : job.update
          ? templates.update(l, said)
          : templates.invitation(l, said);
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
    const found = await alertsForDigest(this.ds.manager, person.id, day);
    if (!rows.length && !empty.length && !found.length) return null;
    const own = chooseLanguage({ person: person.language });
    const l = mailLocale(
      own === person.language
        ? own
        : chooseLanguage({ community: await q.organizedLanguage(this.ds.manager, person.id) }),
    );
    const alerts = found.map((a) => ({
      community: a.community,
      indicator: l.m.health.indicator[a.indicator] ?? a.indicator,
      reason: sayReason(l.m, a.reason),
      step: l.m.health.step[a.reason.step] ?? '',
      url: `${this.settings.publicUrl}${a.reason.path}`,
    }));
    const line = (r: (typeof rows)[number]) => ({
      title: r.title,
      talk: r.talk,
      due: moment(l, r.due_at, r.time_zone ?? 'UTC'),
    });
    // Organizers get their community's task board; a speaker the checklist on their talk's page.
    const actor = { id: person.id, email: person.email, name: person.name, isAdmin: false };
    const boards = new Map<string, string>();
    const checklists = new Map<string, string>();
    for (const r of rows)
      if (can({ actor: { ...actor, isAdmin: r.is_admin }, role: r.role }, 'task.board'))
        boards.set(r.slug, r.community);
      else checklists.set(r.proposal_id, r.talk);
    return this.mail(
      person,
      templates.taskDigest(l, {
        name: person.name,
        overdue: rows.filter((r) => r.overdue).map(line),
        soon: rows.filter((r) => !r.overdue).map(line),
        empty: await Promise.all(
          empty.map(async (e) => ({
            title: e.title,
            community: e.community,
            when: span(l, e.starts_at, e.ends_at, e.time_zone),
            url: await this.signedLink(person, `/events/${e.id}`),
          })),
        ),
        alerts,
        boards: await Promise.all(
          [...boards].map(async ([slug, community]) => ({
            community,
            url: await this.signedLink(person, `/c/${slug}/tasks`),
          })),
        ),
        checklists: await Promise.all(
          [...checklists].map(async ([id, talk]) => ({ talk, url: await this.signedLink(person, `/proposals/${id}`) })),
        ),
      }),
      `digest.${person.id}.${day}`,
    );
  }

  /** Nothing to say once they answered (or said "never" to another community's invitation). */
  private async speakUp(person: Person, invitationId: string): Promise<Mail.Options | null> {
    const s = await speakUpFacts(this.ds.manager, invitationId);
    if (!s || s.answer || s.never) return null;
    return this.mail(
      person,
      templates.speakUp(await this.locale(person, 'speakUp', s.id), {
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
    const url = await this.signedLink(person, `/proposals/${proposalId}/lesson`);
    return this.mail(
      person,
      templates.lessonPrompt(await this.locale(person, 'proposal', proposalId), {
        name: person.name,
        title: t.title,
        community: t.community,
        url,
        reminder,
      }),
      `lesson-${reminder ? 'reminder' : 'prompt'}.${proposalId}.${person.id}`,
    );
  }

  private async nomination(person: Person, nominationId: string, toNominee: boolean): Promise<Mail.Options | null> {
    const n = await q.nominationFacts(this.ds.manager, nominationId);
    if (!n) return null;
    if (!toNominee && n.status === 'open') return null;
    const l = await this.locale(person, 'nomination', nominationId);
    const url = await this.signedLink(person, `/nominations/${nominationId}`);
    const info = { ...n, url, name: person.name };
    if (toNominee) return this.mail(person, templates.nominated(l, info), `nomination.${nominationId}`);
    return this.mail(person, templates.nominationAnswered(l, info), `nomination-${n.status}.${nominationId}`);
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
  private async signInLink(email: string, next: string, language?: string): Promise<Mail.Options | null> {
    if (!this.auth.emailSignIn) return null;
    const person = await q.personByEmail(this.ds.manager, email);
    const to = person ?? { id: email, name: email, email };
    const stamp = Date.now().toString(36);
    // The person's own language, else the language of the page that asked for the link.
    const l = mailLocale(chooseLanguage({ person: person?.language, acceptLanguage: language }));
    if (!person && !this.auth.allowedEmailDomains.includes(domainOf(email)))
      return this.mail(
        to,
        templates.noAccount(l, {
          email,
          publicUrl: this.settings.publicUrl,
          url: `${this.settings.publicUrl}/sign-in?next=${encodeURIComponent(next)}`,
        }),
        `no-account.${stamp}`,
      );
    const url = await createSignInLink(this.ds, this.settings.publicUrl, email, next, LINK_MINUTES);
    return this.mail(
      to,
      templates.signInLink(l, { name: person?.name ?? null, url, minutes: LINK_MINUTES }),
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

  /**
   * The recipient's language: their own choice, else the default of the community the mail is
   * about (`of`, `id`), else English. The community is read only when the person chose none.
   */
  private async locale(person: Person, of?: Parameters<typeof q.communityLanguage>[1], id?: string) {
    const own = chooseLanguage({ person: person.language });
    if (own === person.language || !of || !id) return mailLocale(own);
    return mailLocale(chooseLanguage({ community: await q.communityLanguage(this.ds.manager, of, id) }));
  }

  /** The recipient's language for mail about an event (its community's default read with the event). */
  private eventLocale(person: Person, e: EventRow) {
    return mailLocale(chooseLanguage({ person: person.language, community: e.community_language }));
  }

  /** A change of an event, said in the recipient's language: "Time: … → …". */
  private change(l: MailLocale, c: EventChange | string): string {
    if (typeof c === 'string') return c;
    const m = l.m.mail;
    if (c.what === 'time') {
      const at = (x: { start: string; end: string; timeZone: string }) =>
        span(l, new Date(x.start), new Date(x.end), x.timeZone);
      return m.changedTime({ before: at(c.before), after: at(c.after) });
    }
    const v = { before: c.before ?? m.changedNone, after: c.after ?? m.changedNone };
    return c.what === 'place' ? m.changedPlace(v) : c.what === 'online' ? m.changedOnline(v) : m.changedTitle(v);
  }

  private eventInfo(l: MailLocale, e: EventRow, person: Person): EventInfo {
    return {
      title: e.title,
      community: e.community,
      when: span(l, e.starts_at, e.ends_at, e.time_zone),
      where:
        location({ roomName: e.room_name, roomLocation: e.room_location, onlineUrl: e.online_url }) ??
        l.m.mail.toBeAnnounced,
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
