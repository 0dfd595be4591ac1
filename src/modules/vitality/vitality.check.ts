/**
 * Act once (run by the daily `task-digests` job before the digests are enqueued): every community
 * is judged; an indicator that is in `act` and has no alert gets one — the insert that makes it is
 * the one that tells, posting to the community's chats that chose the `health.act` happening in the
 * same transaction — and the alerts not yet told are claimed for today's organizers' digest. An
 * indicator that left `act` loses its alert, so falling again tells again.
 */
import type { DataSource } from 'typeorm';
import { messagesOf } from '../../core/i18n/locale';

/** What goes to a chat or a log is in English (a channel has no reader's language). */
const en = messagesOf('en');
import { announce } from '../announcements/announcements.queries';
import { judge, thresholdsOf } from './rules';
import * as q from './vitality.queries';
import { sayReason } from './vitality.words';

/** Judges every community; returns how many alerts were raised (told) now. */
export async function checkAll(ds: DataSource): Promise<number> {
  let raised = 0;
  for (const c of await q.allCommunities(ds.manager)) {
    raised += await ds.transaction(async (m) => {
      const judged = judge(await q.facts(m, c.id), thresholdsOf(c.thresholds), c.slug);
      const acting = judged.filter((j) => j.status === 'act');
      await q.clearRecovered(
        m,
        c.id,
        acting.map((j) => j.key),
      );
      let n = 0;
      for (const j of acting) {
        const made = await q.raiseAlert(m, c.id, j.key, { ...j.reason, step: j.step, path: j.path });
        if (!made) continue;
        n++;
        await announce(m, c.id, 'health.act', `health.act:${j.key}:${made.raised_at.getTime()}`, {
          type: 'health.act',
          community: c.slug,
          title: en.health.chatTitle({ community: c.name, indicator: en.health.indicator[j.key] }),
          text: `${sayReason(en, j.reason)} ${en.health.step[j.step]}`,
          path: j.path,
        });
      }
      return n;
    });
  }
  await q.claimForDigest(ds.manager);
  return raised;
}
