/**
 * Every message Brownbag sends, as plain text and HTML, built from the recipient's catalogue
 * (`l.m.mail`, see src/core/i18n/messages/en.ts): the templates hold the shape of each mail, never
 * its words. Dates arrive formatted in the recipient's language and the event's zone. User text is
 * escaped in HTML; a paragraph that is a link becomes one; headers come from nodemailer, which
 * encodes them (and titles and names cannot hold line breaks: the API refuses them).
 */
import { esc } from '../core/html';
import { localeOf, type Locale } from '../core/i18n/locale';
import type { ReaderLanguage } from '../core/i18n/locale';

export type MailLocale = Pick<Locale, 'lang' | 'dir' | 'm'>;

const FSI = '\u2068';
const PDI = '\u2069';
const isolated = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && v ? `${FSI}${v}${PDI}` : v]));
const rtlLocales = new Map<ReaderLanguage, MailLocale>();

/**
 * A language's locale for mail. In a right-to-left language every value set into a text (a title,
 * a name, a date, a room) is a bidi isolate (FSI…PDI), so a Latin title or a date keeps its own
 * order and does not drag the Hebrew punctuation and arrows around it into the wrong place.
 */
export function mailLocale(lang: ReaderLanguage): MailLocale {
  const l = localeOf(lang);
  if (l.dir !== 'rtl') return l;
  let out = rtlLocales.get(lang);
  if (!out) {
    const mail = Object.fromEntries(
      Object.entries(l.m.mail).map(([k, f]) => [
        k,
        typeof f === 'function' ? (v: Record<string, unknown>) => (f as (v: unknown) => string)(isolated(v)) : f,
      ]),
    );
    rtlLocales.set(lang, (out = { ...l, m: { ...l.m, mail } as unknown as Locale['m'] }));
  }
  return out;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const isLink = (p: string) => /^https?:\/\/\S+$/.test(p);

function page(l: MailLocale, paragraphs: string[], footer: string): string {
  return `<!doctype html><html lang="${l.lang}" dir="${l.dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${paragraphs
    .map((p) => (isLink(p) ? `<p><a href="${esc(p)}">${esc(p)}</a></p>` : `<p>${esc(p).replace(/\n/g, '<br>')}</p>`))
    .join('')}<hr><p style="color:#666;font-size:90%">${esc(footer)}</p></body></html>`;
}

function message(l: MailLocale, subject: string, paragraphs: string[]): Rendered {
  const footer = l.m.mail.footer;
  return { subject, text: `${paragraphs.join('\n\n')}\n\n-- \n${footer}\n`, html: page(l, paragraphs, footer) };
}

const list = (head: string, lines: string[]) => [head, ...lines].join('\n');

export interface TalkInfo {
  title: string;
  community: string;
  format: string;
  speakerName: string;
  /** the proposal's page (where the speaker confirms, edits or reads its state) */
  url: string;
}
export interface EventInfo {
  title: string;
  community: string;
  /** the event's time, formatted for the recipient */
  when: string;
  where: string;
  personName: string;
  url: string;
  /** an update: what changed, "before → after" */
  changes?: string[];
  /** a cancellation: the organizers' reason */
  reason?: string | null;
  /** replies to the invitation are read (IMAP_URL); otherwise the mail says where to answer */
  repliesRead?: boolean;
}

const answer = (l: MailLocale, e: EventInfo) => (e.repliesRead ? l.m.mail.answerRead : l.m.mail.answerNotRead);

export interface DigestLine {
  title: string;
  talk: string;
  due: string;
}

/** An indicator of a community that fell into act (community health), as the organizers' digest tells it. */
export interface HealthAlertLine {
  community: string;
  indicator: string;
  reason: string;
  step: string;
  url: string;
}

export interface DigestInfo {
  name: string;
  overdue: DigestLine[];
  soon: DigestLine[];
  /** series occurrences coming up with an empty agenda */
  empty?: { title: string; community: string; when: string; url: string }[];
  alerts?: HealthAlertLine[];
  /** the task boards the tasks are on (for organizers) */
  boards?: { community: string; url: string }[];
  /** the talks whose checklists hold the tasks (for speakers) */
  checklists?: { talk: string; url: string }[];
}

export interface SpeakUpInfo {
  name: string;
  community: string;
  wishes: { title: string; votes: number }[];
  lessons: { title: string; speaker: string; takeaway: string | null }[];
  proposeUrl: string;
  notNowUrl: string;
  neverUrl: string;
}

export interface LessonPromptInfo {
  name: string;
  title: string;
  community: string;
  url: string;
  reminder: boolean;
}
export interface NominationInfo {
  name: string;
  topic: string;
  reason: string;
  status: string;
  community: string;
  nominator: string;
  nominee: string;
  decline_reason: string | null;
  url: string;
}

export const templates = {
  lessonPrompt: (l: MailLocale, x: LessonPromptInfo) => {
    const m = l.m.mail;
    const v = { title: x.title, community: x.community };
    return message(l, x.reminder ? m.lessonReminderSubject(v) : m.lessonPromptSubject(v), [
      m.hi({ name: x.name }),
      x.reminder ? m.lessonReminder(v) : m.lessonPrompt(v),
      m.lessonHow,
      x.url,
    ]);
  },
  nominated: (l: MailLocale, n: NominationInfo) => {
    const m = l.m.mail;
    return message(l, m.nominatedSubject({ nominator: n.nominator }), [
      m.hi({ name: n.name }),
      m.nominated({ nominator: n.nominator, community: n.community, topic: n.topic }),
      ...(n.reason.trim() ? [m.nominatedWhy({ reason: n.reason })] : []),
      m.nominatedHelp,
      n.url,
    ]);
  },
  speakUp: (l: MailLocale, s: SpeakUpInfo) => {
    const m = l.m.mail;
    return message(l, m.speakUpSubject({ community: s.community }), [
      m.hi({ name: s.name }),
      m.speakUp({ community: s.community }),
      ...(s.wishes.length
        ? [
            list(
              m.speakUpWishes,
              s.wishes.map((w) => m.speakUpWish(w)),
            ),
          ]
        : []),
      ...(s.lessons.length
        ? [
            list(
              m.speakUpFirstTalks,
              s.lessons.map((x) =>
                x.takeaway
                  ? m.speakUpLessonLearned({ speaker: x.speaker, title: x.title, takeaway: x.takeaway })
                  : m.speakUpLesson({ speaker: x.speaker, title: x.title }),
              ),
            ),
          ]
        : []),
      m.speakUpPropose,
      s.proposeUrl,
      m.speakUpNotNow({ url: s.notNowUrl }),
      m.speakUpNever({ url: s.neverUrl }),
    ]);
  },
  destinationPaused: (
    l: MailLocale,
    d: { name: string; destination: string; community: string; error: string; url: string },
  ) => {
    const m = l.m.mail;
    return message(l, m.destinationPausedSubject({ destination: d.destination }), [
      m.hi({ name: d.name }),
      m.destinationPaused({ community: d.community, destination: d.destination, error: d.error }),
      m.destinationPausedNext,
      d.url,
    ]);
  },
  wishOffer: (l: MailLocale, w: { name: string; title: string; community: string; offerer: string; url: string }) => {
    const m = l.m.mail;
    return message(l, m.wishOfferSubject({ offerer: w.offerer, title: w.title }), [
      m.hi({ name: w.name }),
      m.wishOffer({ title: w.title, community: w.community, offerer: w.offerer }),
      m.wishOfferNext,
      w.url,
    ]);
  },
  nominationAnswered: (l: MailLocale, n: NominationInfo) => {
    const m = l.m.mail;
    const v = { nominee: n.nominee, topic: n.topic, community: n.community };
    const accepted = n.status === 'accepted';
    return message(l, accepted ? m.nominationAcceptedSubject(v) : m.nominationDeclinedSubject(v), [
      m.hi({ name: n.name }),
      accepted
        ? m.nominationAccepted(v)
        : n.decline_reason
          ? m.nominationDeclinedBecause({ ...v, reason: n.decline_reason })
          : m.nominationDeclined(v),
      ...(accepted ? [] : [m.nominationThanks]),
      m.nominationLink,
      n.url,
    ]);
  },
  taskDigest: (l: MailLocale, d: DigestInfo) => {
    const m = l.m.mail;
    const { overdue, soon, empty = [], alerts = [], boards = [], checklists = [] } = d;
    return message(
      l,
      overdue.length || soon.length
        ? m.digestDueSubject({ overdue: overdue.length, soon: soon.length })
        : empty.length
          ? m.digestEmptySubject({ n: empty.length })
          : m.digestHealthSubject({
              n: alerts.length,
              community: alerts[0]?.community ?? '',
              indicator: alerts[0]?.indicator ?? '',
            }),
      [
        m.hi({ name: d.name }),
        ...alerts.map((a) => [m.healthAlert(a), a.reason, m.healthNextStep({ step: a.step }), a.url].join('\n')),
        ...(alerts.length ? [m.healthOnce] : []),
        ...(overdue.length
          ? [
              list(
                m.overdue,
                overdue.map((x) => m.overdueTask(x)),
              ),
            ]
          : []),
        ...(soon.length
          ? [
              list(
                m.dueSoon,
                soon.map((x) => m.dueTask(x)),
              ),
            ]
          : []),
        ...(overdue.length || soon.length
          ? [...boards.map((b) => m.taskBoard(b)), ...checklists.map((c) => m.talkChecklist(c))]
          : []),
        ...(empty.length
          ? [
              list(
                m.emptyAgenda,
                empty.map((e) => m.emptyEvent(e)),
              ),
            ]
          : []),
        m.digestThanks,
      ],
    );
  },
  proposalReceived: (l: MailLocale, t: TalkInfo) => {
    const m = l.m.mail;
    return message(l, m.proposalReceivedSubject(t), [
      m.hi({ name: t.speakerName }),
      m.proposalReceived(t),
      m.proposalReceivedNext,
      t.url,
    ]);
  },
  accepted: (l: MailLocale, t: TalkInfo) => {
    const m = l.m.mail;
    return message(l, m.acceptedSubject(t), [m.hi({ name: t.speakerName }), m.accepted(t), m.acceptedConfirm, t.url]);
  },
  waitlisted: (l: MailLocale, t: TalkInfo) => {
    const m = l.m.mail;
    return message(l, m.waitlistedSubject(t), [
      m.hi({ name: t.speakerName }),
      m.waitlisted(t),
      m.waitlistedLink,
      t.url,
    ]);
  },
  rejected: (l: MailLocale, t: TalkInfo) => {
    const m = l.m.mail;
    return message(l, m.rejectedSubject(t), [m.hi({ name: t.speakerName }), m.rejected(t), m.rejectedEncourage, t.url]);
  },
  coSpeakerAdded: (l: MailLocale, t: TalkInfo & { by: string }) => {
    const m = l.m.mail;
    return message(l, m.coSpeakerAddedSubject(t), [
      m.hi({ name: t.speakerName }),
      m.coSpeakerAdded(t),
      m.coSpeakerAddedNext,
      t.url,
    ]);
  },
  coSpeakerAnswered: (l: MailLocale, t: TalkInfo & { by: string; accepted: boolean }) => {
    const m = l.m.mail;
    return message(l, t.accepted ? m.coSpeakerAcceptedSubject(t) : m.coSpeakerDeclinedSubject(t), [
      m.hi({ name: t.speakerName }),
      t.accepted ? m.coSpeakerAccepted(t) : m.coSpeakerDeclined(t),
      t.url,
    ]);
  },
  signInLink: (l: MailLocale, x: { name: string | null; url: string; minutes: number }) => {
    const m = l.m.mail;
    return message(l, m.signInSubject, [
      x.name ? m.hi({ name: x.name }) : m.hiNoName,
      m.signIn({ minutes: x.minutes }),
      x.url,
      m.signInIgnore,
    ]);
  },
  noAccount: (l: MailLocale, x: { email: string; publicUrl: string; url: string }) => {
    const m = l.m.mail;
    return message(l, m.noAccountSubject, [
      m.hiNoName,
      m.noAccount({ publicUrl: x.publicUrl, email: x.email }),
      m.noAccountNext,
      x.url,
      m.noAccountIgnore,
    ]);
  },
  invitation: (l: MailLocale, e: EventInfo) => {
    const m = l.m.mail;
    return message(l, m.invitationSubject(e), [
      m.hi({ name: e.personName }),
      m.eventIn(e),
      m.when(e),
      m.where(e),
      m.invitationAttached,
      answer(l, e),
      e.url,
    ]);
  },
  update: (l: MailLocale, e: EventInfo) => {
    const m = l.m.mail;
    return message(l, m.updateSubject(e), [
      m.hi({ name: e.personName }),
      m.updated(e),
      ...(e.changes?.length
        ? [
            list(
              m.whatChanged,
              e.changes.map((text) => m.bullet({ text })),
            ),
          ]
        : []),
      m.when(e),
      m.where(e),
      m.updateAttached,
      answer(l, e),
      e.url,
    ]);
  },
  cancellation: (l: MailLocale, e: EventInfo) => {
    const m = l.m.mail;
    return message(l, m.cancellationSubject(e), [
      m.hi({ name: e.personName }),
      m.cancellation(e),
      ...(e.reason ? [m.organizersSay({ reason: e.reason })] : []),
      m.cancellationAttached,
      e.url,
    ]);
  },
  promoted: (l: MailLocale, e: EventInfo) => {
    const m = l.m.mail;
    return message(l, m.promotedSubject(e), [
      m.hi({ name: e.personName }),
      m.promoted(e),
      m.when(e),
      m.where(e),
      m.promotedGiveBack,
      e.url,
    ]);
  },
  reminder: (l: MailLocale, e: EventInfo) => {
    const m = l.m.mail;
    return message(l, m.reminderSubject(e), [m.hi({ name: e.personName }), m.reminder(e), m.where(e), e.url]);
  },
};
