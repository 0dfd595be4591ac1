/**
 * Announcements that come with the clock (the hourly `announcements-due` job): a call that opened,
 * a call closing within three days, an event tomorrow. Each has a key (`call.closing:<id>`…), so an
 * hour that runs twice, or two workers, announce it once.
 */
import type { DataSource } from 'typeorm';
import { plainSpan } from '../../core/when';
import { announce, dueHappenings } from './announcements.queries';

export async function announceDue(ds: DataSource): Promise<number> {
  let made = 0;
  for (const h of await dueHappenings(ds.manager)) {
    const at = plainSpan(h.at, h.at, h.time_zone).replace(/–\d\d:\d\d/, '');
    const told =
      h.kind === 'call.opened'
        ? {
            title: `Call for proposals open: ${h.title}`,
            text: h.closes_at ? `Proposals until ${at}.` : 'Propose a talk any time.',
            path: `/c/${h.slug}`,
          }
        : h.kind === 'call.closing'
          ? {
              title: `Closing soon: ${h.title}`,
              text: `Proposals close ${at}. There is still time to propose a talk.`,
              path: `/c/${h.slug}`,
            }
          : {
              title: `Tomorrow: ${h.title}`,
              text: `${plainSpan(h.at, h.ends_at ?? h.at, h.time_zone)}.`,
              path: `/events/${h.id}`,
            };
    made += await announce(ds.manager, h.community_id, h.kind, `${h.kind}:${h.id}`, {
      type: h.kind,
      community: h.slug,
      ...told,
    });
  }
  return made;
}
