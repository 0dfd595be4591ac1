/**
 * Sending one delivery (the `announce` job): the body each chat expects — Slack and Mattermost
 * `{text}` in their markdown, Google Chat `{text}`, Teams an Adaptive Card message — or, for a
 * generic webhook, the happening as JSON signed per the Standard Webhooks spec (`standardwebhooks`:
 * webhook-id, webhook-timestamp, webhook-signature). Anything but a 2xx within 10 s is a failed
 * attempt: the job retries with back-off (at most five minutes apart, five attempts); a delivery that
 * used them all counts against its destination, and three in a row pause it and tell the organizers.
 */
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { Sealer } from '../../core/secrets';
import { secretKeyStore } from '../../db/instance-settings';
import { notify } from '../../mail/notify';
import type { DestinationKind } from './announcement.entity';
import * as q from './announcements.queries';
import { post, STRICT, type EgressPolicy } from './egress';

/** What every happening carries (kept as the delivery's payload). */
export interface Announcement {
  type: string;
  community: string;
  title: string;
  /** one or two sentences, plain text */
  text: string;
  /** the page in Brownbag it is about (the URL is made with PUBLIC_URL when it is sent) */
  path: string;
}

export const ATTEMPTS = 5;

export function chatBody(kind: DestinationKind, a: Announcement & { url: string }): object {
  const line = `${a.text}\n${a.url}`;
  switch (kind) {
    case 'slack':
      return { text: `*${esc(a.title)}*\n${esc(a.text)}\n<${a.url}|Open in Brownbag>` };
    case 'mattermost':
      return { text: `**${a.title}**\n${a.text}\n[Open in Brownbag](${a.url})` };
    case 'google-chat':
      return { text: `*${a.title}*\n${line}` };
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: a.title, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: a.text, wrap: true },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open in Brownbag', url: a.url }],
            },
          },
        ],
      };
    default:
      return {
        type: a.type,
        timestamp: new Date().toISOString(),
        data: { community: a.community, title: a.title, text: a.text, url: a.url },
      };
  }
}
/** Slack's three characters that are markup. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Runs one delivery attempt; throws (so the job retries) when it failed and attempts remain. */
export async function deliver(
  ds: DataSource,
  publicUrl: string,
  deliveryId: string,
  attempt: number,
  maxAttempts: number,
  /** where deliveries may go (DESTINATIONS_ALLOW, the service's own ports; see egress.ts) */
  egress: EgressPolicy = STRICT,
): Promise<void> {
  const sealer = new Sealer(secretKeyStore(ds));
  const d = await q.delivery(ds.manager, deliveryId);
  if (!d || d.status === 'delivered' || d.status === 'skipped') return;
  const dest = await q.destination(ds.manager, d.destination_id);
  if (!dest) return;
  if (dest.paused_at && d.happening !== 'test') return void (await q.markSkipped(ds.manager, d.id));
  const p = d.payload as unknown as Announcement;
  const a = { ...p, url: `${publicUrl}${p.path}` };
  const body = JSON.stringify(chatBody(dest.kind, a));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Brownbag' };
  if (dest.kind === 'webhook' && dest.secret_sealed) {
    const at = new Date();
    headers['webhook-id'] = `msg_${d.id}`;
    headers['webhook-timestamp'] = String(Math.floor(at.getTime() / 1000));
    headers['webhook-signature'] = new Webhook(await sealer.open(dest.secret_sealed)).sign(`msg_${d.id}`, at, body);
  }
  let status: number | null = null;
  let error: string | null = null;
  const started = process.hrtime.bigint();
  try {
    status = await post(await sealer.open(dest.url_sealed), headers, body, egress, 10_000);
    // What the destination answered stays there: an internal error page is not the organizer's to read.
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    const code = (e as { code?: string }).code;
    error = code && !(e as Error).message.includes(code) ? `${(e as Error).message} (${code})` : (e as Error).message;
  }
  const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const last = attempt >= maxAttempts;
  await ds.transaction(async (m) => {
    await q.recordAttempt(m, d.id, {
      status: error ? (last ? 'failed' : 'pending') : 'delivered',
      httpStatus: status,
      error,
      durationMs,
    });
    if (d.happening === 'test') return;
    if (!error || last) {
      const pausedNow = await q.destinationOutcome(m, dest.id, !error);
      if (pausedNow) await notify.destinationPaused(m, dest.id, await q.organizersOf(m, dest.community_id));
    }
  });
  if (error && !last) throw new Error(`delivery ${d.id} to ${dest.url_hint}: ${error}`);
}
