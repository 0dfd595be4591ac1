/**
 * Mail and calendar texts follow the recipient's language: their own choice, else the default of the
 * community the mail is about, else English; a sign-in link speaks the language of the page that
 * asked for it unless the person chose one. Finnish stands in for every translation.
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { localeOf, span } from '../src/web/i18n';
import { community, eventWithTalk, submitted } from './helper';
import { calendarPart, mailWorld, type Received } from './mail-helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const summaryOf = (ics: string) =>
  String(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary'));

t.test('mail in the recipient’s language', async (t) => {
  const { ctx, sink } = await mailWorld(t);
  const { req } = ctx;
  const to = (email: string, subject: RegExp) => (r: Received) =>
    r.to.includes(email) && subject.test(r.mail.subject ?? '');
  const c = await community(ctx, 'guild');
  const language = (email: string, lang: string | null) =>
    ctx.ds.query('UPDATE person SET language = $2 WHERE email = $1', [email, lang]);

  await t.test('a person who chose Finnish gets Finnish mail; one who chose nothing, English', async (t) => {
    await language(c.speaker.email, 'fi');
    await submitted(ctx, c, 'Kahvin keittäminen');
    const [fi] = await sink.waitFor(to(c.speaker.email, /Kahvin keittäminen/));
    t.equal(fi.mail.subject, 'Ehdotuksesi on vastaanotettu: Kahvin keittäminen');
    t.match(fi.mail.text, /^Hei Sam Speaker,/);
    t.match(fi.mail.text, 'Brownbag — sisäiset esitykset ja meetupit');
    t.match(fi.mail.html, /<html lang="fi" dir="ltr">/);
    await submitted(ctx, c, 'Brewing coffee', c.member);
    const [en] = await sink.waitFor(to(c.member.email, /Brewing coffee/));
    t.equal(en.mail.subject, 'We received your proposal: Brewing coffee');
    t.match(en.mail.html, /<html lang="en"/);
  });

  await t.test('the community’s default language for whoever chose none; a choice of English holds', async (t) => {
    const d = await community(ctx, 'kilta');
    await ctx.ds.query(`UPDATE community SET default_language = 'fi' WHERE slug = 'kilta'`);
    await language(d.speaker.email, 'en');
    await submitted(ctx, d, 'Saunan lämmitys', d.member);
    await submitted(ctx, d, 'Heating a sauna', d.speaker);
    const [fi] = await sink.waitFor(to(d.member.email, /Saunan lämmitys/));
    t.equal(fi.mail.subject, 'Ehdotuksesi on vastaanotettu: Saunan lämmitys');
    const [en] = await sink.waitFor(to(d.speaker.email, /Heating a sauna/));
    t.equal(en.mail.subject, 'We received your proposal: Heating a sauna');
  });

  await t.test('a sign-in link speaks the asking page’s language unless the person chose one', async (t) => {
    const ask = (email: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/sign-in/email',
        headers: { ...FORM, 'accept-language': 'fi-FI, en;q=0.5' },
        payload: new URLSearchParams({ email, next: '/' }).toString(),
      });
    t.equal((await ask(c.reviewer.email)).statusCode, 303);
    const [fi] = await sink.waitFor(to(c.reviewer.email, /kirjautumislinkkisi/));
    t.equal(fi.mail.subject, 'Brownbagin kirjautumislinkkisi');
    t.match(fi.mail.text, 'kerran 15 minuutin kuluessa');
    await language(c.organizer.email, 'en');
    await ask(c.organizer.email);
    const [en] = await sink.waitFor(to(c.organizer.email, /sign-in link/));
    t.equal(en.mail.subject, 'Your Brownbag sign-in link');
  });

  await t.test('invitations: Finnish words and dates, and ical.js still reads them', async (t) => {
    const { eventId } = await eventWithTalk(ctx, c);
    await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.speaker.token, body: { status: 'going' } });
    const [inv] = await sink.waitFor(to(c.speaker.email, /^Kutsu: June brown-bag/));
    const when = span(
      localeOf('fi'),
      new Date('2027-06-10T10:00:00Z'),
      new Date('2027-06-10T12:00:00Z'),
      'Europe/Berlin',
    );
    t.equal(inv.mail.subject, `Kutsu: June brown-bag — ${when}`, 'the date in Finnish, in the event’s zone');
    t.match(when, /klo 12\.00/);
    t.match(inv.mail.text, 'Milloin: ');
    const ics = calendarPart(inv).ics;
    t.match(ics, /LANGUAGE=FI|\/\/FI/, 'the calendar says its language');
    t.equal(summaryOf(ics), 'June brown-bag');
    await req('PATCH', `/v1/events/${eventId}`, { token: c.organizer.token, body: { status: 'canceled' } });
    const [cancel] = await sink.waitFor(to(c.speaker.email, /^Peruttu: June brown-bag/));
    t.equal(summaryOf(calendarPart(cancel).ics), 'Peruttu: June brown-bag', 'the cancellation, in Finnish');
  });

  await t.test('a community feed speaks the community’s default language', async (t) => {
    await ctx.ds.query(
      `UPDATE community SET default_language = 'fi', event_visibility = 'public' WHERE slug = 'guild'`,
    );
    const feed = await ctx.app.inject({ method: 'GET', url: '/v1/communities/guild/calendar.ics' });
    t.equal(feed.statusCode, 200);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const summaries = cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')));
    t.ok(summaries.includes('Peruttu: June brown-bag'), 'the canceled event, in Finnish');
  });
});
