/** A calendar's address twice: for a download (https) and for a subscription (webcal), as answers carry them. */
export function calendarLinks(publicUrl: string, path: string) {
  const calendarUrl = `${publicUrl}${path}`;
  return { calendarUrl, webcalUrl: calendarUrl.replace(/^https?:/, 'webcal:') };
}
