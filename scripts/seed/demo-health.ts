/**
 * The demo's community-health story: two earlier brown-bags (three and two months ago) before last
 * month's, and fewer people came each time — 9, then 8, then 6 — so "Attendance" needs action on
 * /c/platform-guild/health, and the seed's digest run tells Olga once (mail folder and the chat).
 */
import type { Services } from '../../src/app';
import type { Actor } from '../../src/core/actor';

export async function seedHealthStory(
  s: Services,
  slug: string,
  olga: Actor,
  actors: Record<string, Actor>,
  tick: (what: string) => void,
) {
  const people = Object.values(actors).filter((a) => a.id !== olga.id);
  const meetings: [number, string, number][] = [
    [98, 'Platform brown-bag: ask the SREs', 9],
    [63, 'Platform brown-bag: release engineering Q&A', 8],
  ];
  for (const [daysAgo, title, came] of meetings) {
    const day = new Date(Date.now() - daysAgo * 86400_000);
    const at = (h: number) =>
      new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h)).toISOString();
    const e = await s.events.create(olga, slug, {
      title,
      startsAt: at(10),
      endsAt: at(11),
      onlineUrl: 'https://meet.example.com/platform-brown-bag',
    });
    await s.events.update(olga, e.event.id, { status: 'published' });
    for (const a of people.slice(0, came)) await s.rsvps.checkIn(olga, e.event.id, a.id, true);
  }
  tick('community health: attendance fell three meetings in a row');
}
