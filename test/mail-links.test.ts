/**
 * Every mail leads somewhere (#27): the demo is seeded with the real worker mailing to the SMTP sink,
 * and each link of each mail it sends is followed as its recipient would — a one-click link is
 * opened, pressed (it must lead back to the page it names) and that page opened with the session it
 * started; a plain link is opened signed in. Each must be the page where the person acts next (200,
 * the right heading), never a 404 or a refusal.
 */
import t from 'tap';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { createSignInLink, MAIL_LINK_MINUTES } from '../src/modules/auth/links';
import { MAIL_SETTINGS, mailWorld, type Received } from './mail-helper';
import type { Ctx } from './helper';
import { jobsIdle } from './wait';
import { enqueueMail } from '../src/queue/queue';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const base = MAIL_SETTINGS.publicUrl;

/** Where each kind of mail (its Message-ID's first word) may lead. */
const LEADS_TO: Record<string, RegExp> = {
  received: /^\/proposals\/[\w-]+$/,
  decision: /^\/proposals\/[\w-]+$/,
  'co-speaker': /^\/proposals\/[\w-]+$/,
  'co-speaker-answer': /^\/proposals\/[\w-]+$/,
  invite: /^\/(events|proposals)\/[\w-]+$/,
  reminder: /^\/events\/[\w-]+$/,
  'waitlist-promoted': /^\/events\/[\w-]+$/,
  digest: /^\/(c\/[\w-]+(\/[\w-]+)?|events\/[\w-]+|proposals\/[\w-]+)$/,
  'lesson-prompt': /^\/proposals\/[\w-]+\/lesson$/,
  'lesson-reminder': /^\/proposals\/[\w-]+\/lesson$/,
  nomination: /^\/nominations\/[\w-]+$/,
  'nomination-accepted': /^\/nominations\/[\w-]+$/,
  'nomination-declined': /^\/nominations\/[\w-]+$/,
  'wish-offer': /^\/wishes\/[\w-]+$/,
  'speak-up': /^\/(c\/[\w-]+\/propose|speak-up\/[\w-]+\/(not-now|never))$/,
  'destination-paused': /^\/c\/[\w-]+\/announcements$/,
  'sign-in': /^\/$/,
  'no-account': /^\/sign-in\?next=/,
};

const kindOf = (r: Received) => (r.mail.messageId ?? '').replace(/^</, '').split('.')[0];
const linksOf = (r: Received) => [...new Set(r.mail.text?.match(/https?:\/\/\S+/g) ?? [])];
const h1 = (html: string) =>
  /<h1[^>]*>([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    .replace(/<[^>]+>/g, '')
    .trim() ?? '';
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

t.test('every mail the demo sends links to the page where its recipient acts next', async (t) => {
  const { ctx, sink } = await mailWorld(t);
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  await seedDemo(ctx.app.services, admin, () => undefined);
  // What `npm run seed -- --demo` sends besides: the organizers' daily digest.
  await ctx.ds.query(`SELECT graphile_worker.add_job('task-digests', '{}'::json)`);
  await jobsIdle(ctx.ds, 240_000);
  const mails = sink.received;
  t.ok(mails.length > 20, `the demo mailed (${mails.length} messages)`);

  // The sign-in POST is rate limited per address: each press comes from an address of its own.
  let n = 0;
  const ip = () => `10.0.${Math.floor(++n / 250)}.${n % 250}`;
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    /bb_session=([^;]+)/.exec(String([res.headers['set-cookie']].flat().join('\n')))?.[1] ?? null;
  const sessions = new Map<string, string>();
  /** A session of the recipient's, started the way a mail link starts one. */
  async function sessionOf(email: string) {
    let cookie = sessions.get(email);
    if (cookie) return cookie;
    const link = await createSignInLink(ctx.ds, base, email, '/', MAIL_LINK_MINUTES);
    cookie = (await press(new URL(link).searchParams.get('token')!)).cookie!;
    sessions.set(email, cookie);
    return cookie;
  }
  async function press(token: string) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/sign-in/link',
      headers: FORM,
      remoteAddress: ip(),
      payload: new URLSearchParams({ token }).toString(),
    });
    return { res, cookie: cookieOf(res) };
  }

  const seen = new Map<string, number>();
  await walk(mails);
  t.same(
    [...seen.keys()].filter((k) => !(k in LEADS_TO)),
    [],
    'every kind of mail the demo sends is walked',
  );
  t.comment(`walked ${mails.length} mails: ${[...seen].map(([k, c]) => `${k} ${c}`).join(', ')}`);
  for (const kind of ['received', 'decision', 'invite', 'digest', 'nomination', 'wish-offer'])
    t.ok(seen.has(kind), `the demo sends ${kind} mail`);

  // What the demo sets up for later (the jobs that send them run on a schedule): written now.
  const before = mails.length;
  const [eva] = await ctx.ds.query(`SELECT id FROM person WHERE email = 'eva.novak@example.com'`);
  const [flags] = await ctx.ds.query(`SELECT id FROM proposal WHERE title = 'Feature flags without regret'`);
  const [going] = await ctx.ds.query(
    `SELECT r.event_id, r.person_id FROM rsvp r JOIN event e ON e.id = r.event_id
      WHERE r.status = 'going' AND e.status = 'published' AND e.starts_at > now() ORDER BY e.starts_at LIMIT 1`,
  );
  await ctx.ds.transaction(async (m) => {
    await enqueueMail(m, { kind: 'lesson-prompt', proposalId: flags.id, personId: eva.id, reminder: false });
    await enqueueMail(m, { kind: 'lesson-prompt', proposalId: flags.id, personId: eva.id, reminder: true });
    await enqueueMail(m, { kind: 'reminder', eventId: going.event_id, personId: going.person_id });
    await enqueueMail(m, { kind: 'waitlist-promoted', eventId: going.event_id, personId: going.person_id });
  });
  for (const email of ['tom.berg@example.com', 'stranger@elsewhere.example'])
    await ctx.app.inject({
      method: 'POST',
      url: '/sign-in/email',
      headers: FORM,
      remoteAddress: ip(),
      payload: new URLSearchParams({ email, next: '/' }).toString(),
    });
  await jobsIdle(ctx.ds, 60_000);
  const later = mails.slice(before);
  for (const kind of ['lesson-prompt', 'lesson-reminder', 'reminder', 'waitlist-promoted', 'sign-in', 'no-account'])
    t.ok(
      later.some((r) => kindOf(r) === kind),
      `${kind} mail written`,
    );
  await walk(later);

  async function walk(mails: Received[]) {
    for (const r of mails) {
      const kind = kindOf(r);
      const to = r.to[0];
      const where = `${kind} "${r.mail.subject}" to ${to}`;
      const links = linksOf(r).filter((l) => l.startsWith(base));
      t.ok(kind in LEADS_TO, `${where}: a known kind of mail`);
      t.ok(links.length > 0, `${where}: carries a link`);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      for (const link of links) {
        const url = new URL(link);
        let path = url.pathname + url.search;
        let cookie: string;
        if (kind === 'no-account') {
          // Nobody to sign in: the link is the sign-in page, which opens for anyone (the site's own
          // address is named too, as where the request came from).
          if (link === base) continue;
          const page = await ctx.app.inject({ method: 'GET', url: path });
          t.equal(page.statusCode, 200, `${where}: ${path} opens`);
          t.match(path, LEADS_TO[kind], `${where}: leads to ${path}`);
          continue;
        }
        if (url.pathname === '/sign-in/link') {
          const token = url.searchParams.get('token')!;
          const landing = await ctx.app.inject({ method: 'GET', url: path, remoteAddress: ip() });
          t.equal(landing.statusCode, 200, `${where}: its one-click link opens`);
          const pressed = await press(token);
          t.equal(pressed.res.statusCode, 303, `${where}: pressing it signs in`);
          path = String(pressed.res.headers.location);
          cookie = pressed.cookie!;
        } else {
          cookie = await sessionOf(to);
        }
        t.match(path, LEADS_TO[kind] ?? /^\//, `${where}: leads to ${path}`);
        const page = await ctx.app.inject({ method: 'GET', url: path, headers: { cookie: `bb_session=${cookie}` } });
        t.equal(page.statusCode, 200, `${where}: ${path} opens for ${to}`);
        const heading = unescape(h1(page.body));
        t.ok(heading && !/^(Not found|That did not work)$/.test(heading), `${where}: ${path} shows "${heading}"`);
        await expectHeading(t, ctx, path, heading, where);
      }
    }
  }
});

/** The page is the one the link names: a proposal's or event's page is headed by its title. */
async function expectHeading(
  t: { match(a: string, b: string, m: string): unknown; ok(v: unknown, m: string): unknown },
  ctx: Ctx,
  path: string,
  heading: string,
  where: string,
) {
  const proposal = /^\/proposals\/([\w-]+)$/.exec(path);
  const event = /^\/events\/([\w-]+)$/.exec(path);
  const wish = /^\/wishes\/([\w-]+)$/.exec(path);
  const [row] = proposal
    ? await ctx.ds.query('SELECT title FROM proposal WHERE id = $1', [proposal[1]])
    : event
      ? await ctx.ds.query('SELECT title FROM event WHERE id = $1', [event[1]])
      : wish
        ? await ctx.ds.query('SELECT title FROM topic_wish WHERE id = $1', [wish[1]])
        : [null];
  if (row) t.match(heading, row.title, `${where}: the page of "${row.title}"`);
  if (path.startsWith(`/c/${DEMO_SLUG}/tasks`)) t.ok(heading, `${where}: the task board`);
}
