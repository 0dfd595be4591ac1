/**
 * "Add to calendar" links for one event: Google Calendar's and Outlook's template URLs, filled with
 * the title, the times in UTC, the place and the details. Pure, so a table test can read them.
 */
export interface AddLinkEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  details: string;
}

/** 2027-06-10T10:00:00.000Z → 20270610T100000Z (the form Google's `dates` takes). */
const basic = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
/** 2027-06-10T10:00:00Z (Outlook's startdt/enddt). */
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function googleCalendarUrl(e: AddLinkEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${basic(e.startsAt)}/${basic(e.endsAt)}`,
    details: e.details,
  });
  if (e.location) q.set('location', e.location);
  return `https://calendar.google.com/calendar/render?${q}`;
}

export function outlookUrl(e: AddLinkEvent): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: iso(e.startsAt),
    enddt: iso(e.endsAt),
    body: e.details,
  });
  if (e.location) q.set('location', e.location);
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q}`;
}
