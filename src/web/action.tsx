/**
 * One way a page acts: run the service call; on a refusal (mapped exactly as the API maps it, see
 * web/form.ts) show the form again with what was typed and why, with the refusal's status. What is
 * no refusal (an outage, a fault of ours) goes on to the page error handler.
 */
import type { FastifyReply } from 'fastify';
import { isValidElement, type VNode } from 'preact';
import { pick, type Values } from '../core/i18n/catalogue';
import { pageRefusal, type PageRefusal } from './form';
import { day, span, when, type Locale } from './i18n';
import { sendPage } from './render';

/** Why a field was refused, in words: the catalogue's text for the Ajv keyword, with its limit or format. */
export function fieldProblem(l: Locale, keyword: string, p: Record<string, unknown>): string {
  const values = {
    limit: typeof p.limit === 'number' ? p.limit : undefined,
    format: typeof p.format === 'string' ? p.format : undefined,
    allowed: Array.isArray(p.allowedValues) ? p.allowedValues.join(', ') : undefined,
  };
  return pick(l.m.fieldProblem, keyword, values) ?? l.m.fieldProblem.other;
}

/**
 * Form fields whose label is a catalogue text of another name, as a path into the messages; the rest
 * are labelled by the text of their own name (title, abstract…), and a field the same name means
 * different things in (name, reason, status…) by its neutral word in `fieldName`. The pseudo-locale
 * browser test checks every field of every page form has one.
 */
const LABELS: Record<string, string> = {
  startsOn: 'seriesStartsOn',
  startTime: 'seriesStartTime',
  durationMinutes: 'seriesMinutes',
  formatMix: 'seriesMix',
  from: 'seriesFrom',
  rrule: 'seriesRrule',
  holderId: 'roleHolder',
  description: 'roleDescription',
  assigneeId: 'assignee',
  proposalId: 'talk',
  callId: 'openCall',
  to: 'state',
  details: 'wishDetails',
  happenings: 'whatToAnnounce',
  alarmMinutes: 'remindMe',
  speakUp: 'health.speakUpSetting',
  proposalIds: 'proposals',
  rating: 'talkFeedback.rating',
  roomId: 'eventAdmin.room',
  capacity: 'eventAdmin.capacityEdit',
  cancelReason: 'eventAdmin.cancelReason',
  eventIds: 'eventAdmin.events',
  role: 'members.role',
  slug: 'admin.slug',
  timeZone: 'admin.timeZone',
  defaultLanguage: 'readerLanguage.communityDefault',
};

/** A form field's label in the reader's words (the field's own name when the catalogue has none). */
export function fieldLabel(l: Locale, field: string): string {
  const at = (path: string) => {
    const word = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], l.m);
    return typeof word === 'string' ? word : undefined;
  };
  return (
    (LABELS[field] ? at(LABELS[field]) : undefined) ??
    pick(l.m.fieldName, field) ??
    pick(l.m.health.threshold, field) ??
    at(field) ??
    field
  );
}

/** What to tell the person: the problem's words, or field by field what the form got wrong. */
/**
 * A refusal's values as its text says them: moments (ISO) in the reader's language and the zone they
 * came with (`at`; `startsAt`–`endsAt` as one `span`), a day (`on`), a proposal's or event's state and a
 * health threshold by their catalogue names.
 */
function sayValues(l: Locale, v: Record<string, string | number>): Values {
  const zone = typeof v.zone === 'string' ? v.zone : 'UTC';
  const moment = (x: string | number | undefined) => (typeof x === 'string' ? new Date(x) : null);
  const states = v.of === 'event' || 'doing' in v ? l.m.eventStatus : l.m.stateName;
  const out: Values = { ...v };
  const at = moment(v.at);
  if (at) out.at = when(l, at, zone);
  const [start, end] = [moment(v.startsAt), moment(v.endsAt)];
  if (start && end) out.span = span(l, start, end, zone);
  // a calendar day (YYYY-MM-DD), the same day in every zone
  if (typeof v.on === 'string') out.on = day(l, new Date(`${v.on}T12:00:00Z`), 'UTC');
  for (const k of ['threshold', 'other']) if (typeof v[k] === 'string') out[k] = l.m.health.threshold[v[k]] ?? v[k];
  for (const k of ['from', 'to', 'state', 'status'])
    if (typeof v[k] === 'string') out[k] = states[v[k]] ?? l.m.stateName[v[k]] ?? v[k];
  return out;
}

/** The catalogue's text for a refusal with values; undefined (so the API's detail) when a value is missing. */
function withValues(l: Locale, r: PageRefusal): string | undefined {
  if (!Object.keys(r.values).length) return undefined;
  try {
    return pick(l.m.refusalWith, r.code, sayValues(l, r.values));
  } catch {
    return undefined; // a service that gives too few values must not turn a refusal into a fault
  }
}

export function refusalText(l: Locale, r: PageRefusal): string {
  // A refusal the catalogue knows by its code is said in the reader's language (with its values when
  // it has some); a code the catalogue lacks keeps the API's English detail.
  if (!r.fields.length) return pick(l.m.refusal, r.code) ?? withValues(l, r) ?? r.detail;
  return `${l.m.checkFields} ${r.fields.map((f) => `${fieldLabel(l, f.field)} — ${fieldProblem(l, f.keyword, f.params)}`).join('; ')}.`;
}

export async function formAction(
  reply: FastifyReply,
  run: () => Promise<unknown>,
  again: (r: PageRefusal) => VNode | FastifyReply | Promise<VNode | FastifyReply>,
): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    const r = pageRefusal(e);
    if (!r) throw e;
    // The page to show again, or a reply the caller already sent with it.
    const page = await again(r);
    return isValidElement(page) ? sendPage(reply, page, r.status) : page;
  }
}
