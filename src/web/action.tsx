/**
 * One way a page acts: run the service call; on a refusal (mapped exactly as the API maps it, see
 * web/form.ts) show the form again with what was typed and why, with the refusal's status. What is
 * no refusal (an outage, a fault of ours) goes on to the page error handler.
 */
import type { FastifyReply } from 'fastify';
import { isValidElement, type VNode } from 'preact';
import { pageRefusal, type PageRefusal } from './form';
import type { Locale } from './i18n';
import { sendPage } from './render';

/** What to tell the person: the problem's words, or field by field what the form got wrong. */
export function refusalText(l: Locale, r: PageRefusal): string {
  if (!r.fields.length) return r.detail;
  const label = (f: string) => {
    const word = (l.m as unknown as Record<string, unknown>)[f];
    return typeof word === 'string' ? word : f;
  };
  return `${l.m.checkFields} ${r.fields.map((f) => `${label(f.field)} — ${l.m.fieldProblem(f.keyword, f.params)}`).join('; ')}.`;
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
