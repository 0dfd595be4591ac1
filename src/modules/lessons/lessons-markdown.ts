/**
 * A period's published lessons as one Markdown document. User text is escaped so that it reads as
 * written: no raw HTML reaches a renderer, titles cannot open headings or links of their own.
 */
import { DateTime } from 'luxon';
import type { Resource } from './lesson.entity';

export interface ExportedLesson {
  title: string;
  speakers: string[];
  starts_at: Date;
  event: string;
  takeaways: string[];
  went_well: string;
  to_change: string;
  resources: Resource[];
  notes: string;
  retrospective: string | null;
}

/** Inline text: Markdown punctuation and HTML escaped, line breaks folded. */
export const inline = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>&~-]/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
    );
/** A block of free text: paragraphs kept, HTML escaped, lines that would start a heading/list/quote neutralised. */
export const block = (s: string) =>
  s
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n')
    .map((l) => l.replace(/^(\s*)([#=-]|\d+\.)/, '$1\\$2'))
    .join('\n');
const url = (u: string) => u.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));

export function lessonsMarkdown(
  community: string,
  tz: string,
  from: string,
  to: string,
  lessons: ExportedLesson[],
): string {
  const out = [
    `# Lessons learned — ${inline(community)}`,
    '',
    `${from} to ${to} (${tz}) · ${lessons.length} talk${lessons.length === 1 ? '' : 's'}`,
    '',
  ];
  for (const l of lessons) {
    const when = DateTime.fromJSDate(l.starts_at, { zone: tz }).toFormat('d LLLL yyyy');
    out.push(`## ${inline(l.title)}`, '', `*${inline(l.speakers.join(', '))} — ${inline(l.event)}, ${when}*`, '');
    if (l.takeaways.length) out.push('### Takeaways', '', ...l.takeaways.map((t) => `- ${inline(t)}`), '');
    if (l.went_well.trim()) out.push('### What went well', '', block(l.went_well), '');
    if (l.to_change.trim()) out.push('### What to change', '', block(l.to_change), '');
    if (l.resources.length)
      out.push('### Resources', '', ...l.resources.map((r) => `- [${inline(r.label)}](${url(r.url)})`), '');
    if (l.notes.trim()) out.push('### Notes', '', block(l.notes), '');
    if (l.retrospective?.trim()) out.push("### Organizers' retrospective", '', block(l.retrospective), '');
  }
  return out.join('\n');
}
