/**
 * The backlog fills the series: for each upcoming occurrence with free agenda time, talks from the
 * backlog (accepted, not scheduled), the longest-accepted first, one after another from where its
 * agenda ends, each only if its format's length still fits and none of its speakers is speaking
 * elsewhere at that time (or proposed for that time in this plan), and within the series' format
 * mix (at most so many of each format per occurrence, counting what its agenda has). A talk is
 * proposed once.
 * Pure: the service reads the facts and places what an organizer confirms.
 */
export interface PlanTalk {
  id: string;
  title: string;
  format: string;
  minutes: number;
  speakers: { id: string; name: string }[];
}
export interface PlanOccurrence {
  eventId: string;
  on: string;
  start: Date;
  end: Date;
  /** where its agenda ends now (the start when it has none) */
  agendaEnd: Date;
  /** talks of each format on its agenda already */
  formats?: Record<string, number>;
}
export interface Proposed {
  proposalId: string;
  title: string;
  start: Date;
  end: Date;
  speakers: { id: string; name: string }[];
}
export interface PlannedOccurrence {
  eventId: string;
  on: string;
  freeMinutes: number;
  proposed: Proposed[];
}

type Busy = Map<string, { start: Date; end: Date }[]>;

const overlaps = (list: { start: Date; end: Date }[] | undefined, start: Date, end: Date) =>
  !!list?.some((b) => b.start < end && start < b.end);

export function planBacklog(
  occurrences: PlanOccurrence[],
  backlog: PlanTalk[],
  busy: Busy,
  mix: Record<string, number> = {},
): PlannedOccurrence[] {
  const limited = Object.keys(mix).length > 0;
  const left = [...backlog];
  const taken: Busy = new Map([...busy].map(([k, v]) => [k, [...v]]));
  return [...occurrences]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((o) => {
      let cursor = o.agendaEnd > o.start ? o.agendaEnd : o.start;
      const freeMinutes = Math.max(0, Math.floor((o.end.getTime() - cursor.getTime()) / 60_000));
      const proposed: Proposed[] = [];
      const count: Record<string, number> = { ...(o.formats ?? {}) };
      for (let i = 0; i < left.length;) {
        const t = left[i];
        const end = new Date(cursor.getTime() + t.minutes * 60_000);
        const room = !limited || (count[t.format] ?? 0) < (mix[t.format] ?? 0);
        const fits = room && end <= o.end && !t.speakers.some((s) => overlaps(taken.get(s.id), cursor, end));
        if (!fits) {
          i++;
          continue;
        }
        proposed.push({ proposalId: t.id, title: t.title, start: cursor, end, speakers: t.speakers });
        for (const s of t.speakers) taken.set(s.id, [...(taken.get(s.id) ?? []), { start: cursor, end }]);
        left.splice(i, 1);
        count[t.format] = (count[t.format] ?? 0) + 1;
        cursor = end;
        i = 0; // the earliest-accepted talk that fits the time now left goes next
      }
      return { eventId: o.eventId, on: o.on, freeMinutes, proposed };
    });
}
