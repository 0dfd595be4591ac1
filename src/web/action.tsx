/**
 * One way a page acts: run the service call; on a refusal (mapped exactly as the API maps it, see
 * web/form.ts) show the form again with what was typed and why, with the refusal's status. What is
 * no refusal (an outage, a fault of ours) goes on to the page error handler.
 */
import type { FastifyReply } from 'fastify';
import { isValidElement, type VNode } from 'preact';
import { pick } from '../core/i18n/catalogue';
import { pageRefusal, type PageRefusal } from './form';
import type { Locale } from './i18n';
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

/** What to tell the person: the problem's words, or field by field what the form got wrong. */
export function refusalText(l: Locale, r: PageRefusal): string {
  if (!r.fields.length) return r.detail;
  const label = (f: string) => {
    const word = (l.m as unknown as Record<string, unknown>)[f];
    return typeof word === 'string' ? word : f;
  };
  return `${l.m.checkFields} ${r.fields.map((f) => `${label(f.field)} — ${fieldProblem(l, f.keyword, f.params)}`).join('; ')}.`;
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
