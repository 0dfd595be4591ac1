/**
 * Every message Brownbag sends, as plain text and HTML, in one file so wording is easy to change.
 * User text is escaped in HTML; headers come from nodemailer, which encodes them (and titles and
 * names cannot hold line breaks: the API refuses them).
 */
import { esc } from '../core/html';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

function page(paragraphs: string[], footer: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${paragraphs
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}<hr><p style="color:#666;font-size:90%">${esc(footer)}</p></body></html>`;
}

function message(subject: string, paragraphs: string[], footer = 'Brownbag — internal talks and meetups'): Rendered {
  return { subject, text: `${paragraphs.join('\n\n')}\n\n-- \n${footer}\n`, html: page(paragraphs, footer) };
}

export interface TalkInfo {
  title: string;
  community: string;
  format: string;
  speakerName: string;
}
export interface EventInfo {
  title: string;
  community: string;
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

const answer = (e: EventInfo) =>
  e.repliesRead
    ? 'Accept or decline in your calendar, or on the page below; either way your seat follows your answer.'
    : 'Your answer in the calendar is not read by anyone: to say you are coming or not, use the page below.';

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
  lessonPrompt: (l: LessonPromptInfo) =>
    message(`${l.reminder ? 'A gentle reminder — ' : ''}What did you learn? "${l.title}"`, [
      `Hi ${l.name},`,
      l.reminder
        ? `a few days ago we asked what you learned giving "${l.title}" at ${l.community}. If you have ten minutes, your notes help the next speaker more than anything else.`
        : `thank you for giving "${l.title}" at ${l.community}! While it is fresh: what did you learn?`,
      'Three takeaways, what went well, what you would change, and links to your slides or recording are plenty. Save it as a draft and publish when you are happy; published lessons become part of the knowledge base colleagues search.',
      l.url,
    ]),
  nominated: (n: NominationInfo) =>
    message(`${n.nominator} thinks you should give a talk`, [
      `Hi ${n.name},`,
      `${n.nominator} nominated you to speak at ${n.community} about "${n.topic}".`,
      ...(n.reason.trim() ? [`Why, in their words:\n${n.reason}`] : []),
      'You know more than you think, and the organizers help with everything else: the outline, the slides, the room and the announcement. Accept and you get a draft proposal to shape at your own pace; decline and that is fine too.',
      n.url,
    ]),
  speakUp: (s: SpeakUpInfo) =>
    message(`${s.community} would love to hear from you`, [
      `Hi ${s.name},`,
      `you have been to several talks at ${s.community}: thank you for coming! Have you thought about giving one yourself? What you do every day and take for granted is often exactly what colleagues would love to learn.`,
      ...(s.wishes.length
        ? [
            `Topics colleagues are asking for:\n${s.wishes.map((w) => `• ${w.title} (${w.votes} ${w.votes === 1 ? 'vote' : 'votes'})`).join('\n')}`,
          ]
        : []),
      ...(s.lessons.length
        ? [
            `It was their first talk too:\n${s.lessons.map((l) => `• ${l.speaker}, "${l.title}"${l.takeaway ? ` — learned: ${l.takeaway}` : ''}`).join('\n')}`,
          ]
        : []),
      'A lightning talk of five minutes is a fine start, and the organizers help with the outline, the slides and the room. Propose a talk here:',
      s.proposeUrl,
      `Not now? Tell us and we will not ask for six months: ${s.notNowUrl}`,
      `Never ask again: ${s.neverUrl}`,
    ]),
  destinationPaused: (d: { name: string; destination: string; community: string; error: string; url: string }) =>
    message(`Announcements paused: ${d.destination}`, [
      `Hi ${d.name},`,
      `the last three announcements from ${d.community} to ${d.destination} could not be delivered, so Brownbag paused it. The last answer was: ${d.error}`,
      'Check the webhook in the chat (it may have been removed), then resume the destination and send what was missed again:',
      d.url,
    ]),
  wishOffer: (w: { name: string; title: string; community: string; offerer: string; url: string }) =>
    message(`${w.offerer} could talk about "${w.title}"`, [
      `Hi ${w.name},`,
      `you wished to hear about "${w.title}" at ${w.community}, and ${w.offerer} has offered to talk about it: they started a proposal.`,
      'The organizers will see it once it is submitted. Your wish, its votes and who offered are here:',
      w.url,
    ]),
  nominationAnswered: (n: NominationInfo) =>
    message(`Your nomination of ${n.nominee}: ${n.status}`, [
      `Hi ${n.name},`,
      n.status === 'accepted'
        ? `${n.nominee} accepted your nomination to speak about "${n.topic}" at ${n.community} and has started a proposal. Thank you for spotting a speaker!`
        : `${n.nominee} declined your nomination to speak about "${n.topic}" at ${n.community}${n.decline_reason ? `: ${n.decline_reason}` : '.'}`,
      ...(n.status === 'accepted'
        ? []
        : ['Thank you for thinking of them: being asked is encouraging, even when the time is not right.']),
    ]),
  taskDigest: (
    name: string,
    overdue: DigestLine[],
    soon: DigestLine[],
    empty: string[] = [],
    alerts: HealthAlertLine[] = [],
  ) =>
    message(
      overdue.length || soon.length
        ? `Speaker support: ${overdue.length ? `${overdue.length} overdue, ` : ''}${soon.length} due within 3 days`
        : empty.length
          ? `Speaker support: ${empty.length} coming up with an empty agenda`
          : `Community health: ${alerts.length === 1 ? `${alerts[0].community}, ${alerts[0].indicator} needs` : `${alerts.length} indicators need`} action`,
      [
        `Hi ${name},`,
        ...alerts.map(
          (a) =>
            `Community health — ${a.community}: ${a.indicator} needs action.\n${a.reason}\nNext step: ${a.step}\n${a.url}`,
        ),
        ...(alerts.length
          ? ['You hear about each of these once; it is not repeated unless it recovers and falls again.']
          : []),
        ...(overdue.length
          ? [`Overdue:\n${overdue.map((l) => `• ${l.title} — ${l.talk} (was due ${l.due})`).join('\n')}`]
          : []),
        ...(soon.length
          ? [`Due within 3 days:\n${soon.map((l) => `• ${l.title} — ${l.talk} (due ${l.due})`).join('\n')}`]
          : []),
        ...(empty.length
          ? [`Coming up within two weeks with nothing on the agenda yet:\n${empty.map((e) => `• ${e}`).join('\n')}`]
          : []),
        'Thank you for taking care of it, so speakers can focus on their talks.',
      ],
    ),
  proposalReceived: (t: TalkInfo) =>
    message(`We received your proposal: ${t.title}`, [
      `Hi ${t.speakerName},`,
      `thank you for proposing "${t.title}" (${t.format}) to ${t.community}. Reviewers will read it soon; you can still edit it while it is under review.`,
      'Whatever happens next, you will hear from us.',
    ]),
  accepted: (t: TalkInfo) =>
    message(`Accepted: ${t.title} — please confirm`, [
      `Hi ${t.speakerName},`,
      `good news: "${t.title}" is accepted for ${t.community}!`,
      'Please confirm that you will give it (move the proposal to "confirmed"). We take care of the room, the announcement and the rest, so you can focus on the talk.',
    ]),
  waitlisted: (t: TalkInfo) =>
    message(`Waitlisted: ${t.title}`, [
      `Hi ${t.speakerName},`,
      `"${t.title}" is on the waitlist of ${t.community}: we liked it, and we will come back to you as soon as a slot opens.`,
    ]),
  rejected: (t: TalkInfo) =>
    message(`About your proposal: ${t.title}`, [
      `Hi ${t.speakerName},`,
      `thank you for proposing "${t.title}" to ${t.community}. This time it did not make it into the programme.`,
      'Please do not let that stop you: most speakers got a no before their first yes, and the organizers are happy to help you shape your next idea.',
    ]),
  coSpeakerAdded: (t: TalkInfo & { by: string; url: string }) =>
    message(`Would you co-present "${t.title}"?`, [
      `Hi ${t.speakerName},`,
      `${t.by} would like you to co-present "${t.title}" (${t.format}) for ${t.community}.`,
      'Nothing changes until you say yes. Read the proposal and accept or decline here; the link signs you in (once, within a week):',
      t.url,
    ]),
  coSpeakerAnswered: (t: TalkInfo & { by: string; accepted: boolean; url: string }) =>
    message(t.accepted ? `${t.by} will co-present "${t.title}"` : `${t.by} declined to co-present "${t.title}"`, [
      `Hi ${t.speakerName},`,
      t.accepted
        ? `${t.by} accepted your invitation and is now a speaker of "${t.title}" (${t.community}).`
        : `${t.by} declined your invitation to co-present "${t.title}" (${t.community}). The proposal goes on as it is.`,
      t.url,
    ]),
  signInLink: (l: { name: string | null; url: string; minutes: number }) =>
    message('Your Brownbag sign-in link', [
      `Hi${l.name ? ` ${l.name}` : ''},`,
      `here is the link you asked for. It signs you in once, within ${l.minutes} minutes:`,
      l.url,
      'If you did not ask for it, you can ignore this mail: nothing happens unless the link is opened.',
    ]),
  noAccount: (l: { email: string; publicUrl: string }) =>
    message('About signing in to Brownbag', [
      'Hi,',
      `someone (hopefully you) asked to sign in to Brownbag at ${l.publicUrl} as ${l.email}. There is no account for this address, and it cannot make one by itself.`,
      'Try your company address, or ask an organizer of your community to add you; then sign in again.',
      'If you did not ask, you can ignore this mail.',
    ]),
  invitation: (e: EventInfo) =>
    message(`Invitation: ${e.title} — ${e.when}`, [
      `Hi ${e.personName},`,
      `${e.title} (${e.community})`,
      `When: ${e.when}`,
      `Where: ${e.where}`,
      'The invitation is attached; add it to your calendar. It updates itself if anything moves.',
      answer(e),
      e.url,
    ]),
  update: (e: EventInfo) =>
    message(`Updated: ${e.title} — ${e.when}`, [
      `Hi ${e.personName},`,
      `${e.title} (${e.community}) has changed.`,
      ...(e.changes?.length ? [`What changed:\n${e.changes.map((c) => `• ${c}`).join('\n')}`] : []),
      `When: ${e.when}`,
      `Where: ${e.where}`,
      'Your calendar entry updates with the attached invitation.',
      answer(e),
      e.url,
    ]),
  cancellation: (e: EventInfo) =>
    message(`Canceled: ${e.title} — ${e.when}`, [
      `Hi ${e.personName},`,
      `${e.title} (${e.community}) on ${e.when} is canceled for you.`,
      ...(e.reason ? [`The organizers say: ${e.reason}`] : []),
      'The attached cancellation removes it from your calendar.',
    ]),
  promoted: (e: EventInfo) =>
    message(`A seat is yours: ${e.title}`, [
      `Hi ${e.personName},`,
      `a seat freed up: you are now going to ${e.title} (${e.community}).`,
      `When: ${e.when}`,
      `Where: ${e.where}`,
      'If you cannot come after all, please give the seat back so the next person can.',
    ]),
  reminder: (e: EventInfo) =>
    message(`Tomorrow: ${e.title} — ${e.when}`, [
      `Hi ${e.personName},`,
      `a reminder: ${e.title} (${e.community}) starts ${e.when}.`,
      `Where: ${e.where}`,
      e.url,
    ]),
};
