/**
 * Two doors, one contract: every page form (each POST page route names the API schema it is read
 * with, see web/form.ts) is posted the schema's invalid cases — too long, not one of the choices,
 * too many items, out of range, required fields missing — with a session and its CSRF token, as
 * people of every role. Each must answer a 4xx page and change nothing in the database. The cases
 * come from the schemas, so a form written tomorrow is covered by this file as it stands.
 */
import t from 'tap';
import type { TSchema } from 'typebox';
import { pageForms } from '../src/web/form';
import { community, eventWithTalk, setup, submitted, type Person } from './helper';

interface Node {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}
const branches = (n: Node): Node[] => (n.anyOf ? n.anyOf.flatMap(branches) : [n]);

/** The schema's invalid cases, each a form body (the CSRF token is added when posting). */
function invalidCases(schema: TSchema, fields?: readonly string[]): { what: string; body: Record<string, string> }[] {
  const s = schema as unknown as Node;
  const cases: { what: string; body: Record<string, string> }[] = [];
  for (const [k, n] of Object.entries(s.properties ?? {})) {
    if (k === '_csrf' || (fields && !fields.includes(k))) continue;
    for (const b of branches(n)) {
      if (b.maxLength !== undefined) cases.push({ what: `${k} too long`, body: { [k]: 'x'.repeat(b.maxLength + 1) } });
      if (b.enum) cases.push({ what: `${k} not a choice`, body: { [k]: 'not-a-choice-zz' } });
      if (b.maxItems !== undefined) {
        const item = (i: number) => (b.items?.format === 'email' ? `p${i}@parity.example` : `item-${i}`);
        const list = Array.from({ length: b.maxItems + 1 }, (_, i) => item(i)).join('\n');
        cases.push({ what: `${k} too many items`, body: { [k]: list } });
      }
      if (b.maximum !== undefined) cases.push({ what: `${k} above maximum`, body: { [k]: String(b.maximum + 1) } });
      if (b.minimum !== undefined) cases.push({ what: `${k} below minimum`, body: { [k]: String(b.minimum - 1) } });
      if (b.format === 'uuid' || b.format === 'email' || b.format === 'date-time')
        cases.push({ what: `${k} not a ${b.format}`, body: { [k]: 'not a value' } });
    }
  }
  if (s.required?.some((r) => !fields || fields.includes(r))) cases.push({ what: 'required fields missing', body: {} });
  return cases;
}

t.test('every page form refuses what its API schema refuses, and changes nothing', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const proposal = await submitted(ctx, c, 'Parity proposal');
  const { eventId, talkId } = await eventWithTalk(ctx, c);
  const tasks = (await ctx.req('GET', `/v1/proposals/${talkId}/tasks`, { token: c.organizer.token })).body.items as {
    id: string;
  }[];

  // What stands for each route parameter, by the route's first path segment.
  const ids: Record<string, string> = {
    proposals: proposal,
    events: eventId,
    tasks: tasks[0]?.id ?? proposal,
  };
  const urlOf = (route: string) =>
    route.replace(/:slug/g, c.slug).replace(/:id/g, ids[route.split('/')[1]] ?? '00000000-0000-4000-8000-000000000000');

  const browsers: { who: string; cookie: string; csrf: string }[] = [];
  for (const [who, p] of Object.entries({ speaker: c.speaker, organizer: c.organizer, reviewer: c.reviewer }) as [
    string,
    Person,
  ][]) {
    const s = await ctx.app.services.sessions.start(p.id, 'email-link', 'parity test');
    const cookie = `bb_session=${s.secret}`;
    const home = await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    browsers.push({ who, cookie, csrf: String(home.headers['x-csrf-token']) });
  }

  // Everything people wrote, as one fingerprint (sessions, jobs, caches and kept metrics buckets aside).
  const tables = (
    await ctx.ds.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
         AND tablename !~ '(session|job|outbox|migrations|stamp|sign_in|instance_setting|metrics_)' ORDER BY 1`,
    )
  ).map((r: { tablename: string }) => r.tablename) as string[];
  const fingerprint = async () =>
    (
      await ctx.ds.query(
        `SELECT md5(string_agg(h, '' ORDER BY n)) AS f FROM (${tables
          .map(
            (name, n) =>
              `SELECT ${n} AS n, coalesce(md5(string_agg(x::text, '' ORDER BY x::text)), '') AS h FROM "${name}" x`,
          )
          .join(' UNION ALL ')}) s`,
      )
    )[0].f as string;

  const forms = pageForms().filter((f) => f.schema);
  t.ok(forms.length >= 5, `${forms.length} page forms are known`);
  let posted = 0;
  for (const form of forms) {
    const cases = invalidCases(form.schema!, form.fields);
    for (const k of cases) {
      for (const b of browsers) {
        const before = await fingerprint();
        const res = await ctx.app.inject({
          method: 'POST',
          url: urlOf(form.url),
          headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          payload: new URLSearchParams({ ...k.body, _csrf: b.csrf }).toString(),
        });
        posted++;
        const label = `${form.url} (${k.what}, as ${b.who})`;
        if (res.statusCode < 400 || res.statusCode >= 500) t.fail(`${label}: ${res.statusCode}`);
        if (!/text\/html/.test(String(res.headers['content-type']))) t.fail(`${label}: not a page`);
        const after = await fingerprint();
        if (after !== before) t.fail(`${label}: changed something`);
      }
    }
  }
  t.ok(posted > 0);
  t.comment(`${posted} invalid forms posted over ${forms.length} forms`);
});

t.test('a valid form through the page is what the API would store', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const s = await ctx.app.services.sessions.start(c.speaker.id, 'email-link', 'parity test');
  const cookie = `bb_session=${s.secret}`;
  const home = await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie } });
  const csrf = String(home.headers['x-csrf-token']);
  const post = (url: string, body: Record<string, string>) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ ...body, _csrf: csrf }).toString(),
    });
  const form = await ctx.app.inject({ method: 'GET', url: '/c/guild/propose', headers: { cookie } });
  t.match(form.body, /name="notes"[^>]*maxlength="5000"/i, "the notes control has the API's length");
  t.match(form.body, /<option value="he"/, 'the language choices are the API enum');
  const expert = await post('/c/guild/propose', {
    callId: c.callId,
    title: 'Crafted',
    format: 'talk',
    level: 'expert',
    submit: 'false',
  });
  t.equal(expert.statusCode, 400, 'an unknown level is a 400 page, not a 500');
  t.match(expert.body, 'value="Crafted"', 'what was typed is shown again');
  const ok = await post('/c/guild/propose', {
    callId: c.callId,
    title: 'In Hebrew',
    format: 'talk',
    level: 'advanced',
    language: 'he',
    notes: 'n'.repeat(5000),
    coSpeakers: 'a@guild.example\nb@guild.example',
    submit: 'true',
  });
  t.equal(ok.statusCode, 303);
  const id = String(ok.headers.location).split('/').pop()!;
  const api = await ctx.req('GET', `/v1/proposals/${id}`, { token: c.speaker.token });
  t.equal(api.body.language, 'he');
  t.equal(api.body.level, 'advanced');
  t.equal(api.body.invited.length, 2);
  const byApi = await ctx.req('POST', '/v1/communities/guild/proposals', {
    token: c.speaker.token,
    body: { callId: c.callId, title: 'Default language', format: 'talk' },
  });
  t.equal(byApi.body.language, 'en', 'the language defaults to English (communities have none yet)');
  const bad = await ctx.req('POST', '/v1/communities/guild/proposals', {
    token: c.speaker.token,
    body: { callId: c.callId, title: 'Klingon', format: 'talk', language: 'tlh' },
  });
  t.equal(bad.status, 400);

  // A reviewer cannot open the speaker's edit form (it holds the private notes).
  const r = await ctx.app.services.sessions.start(c.reviewer.id, 'email-link', 'parity test');
  const edit = await ctx.app.inject({
    method: 'GET',
    url: `/proposals/${id}/edit`,
    headers: { cookie: `bb_session=${r.secret}` },
  });
  t.ok(edit.statusCode >= 400 && edit.statusCode < 500, `reviewer edit page: ${edit.statusCode}`);
  t.notMatch(edit.body, 'nnnnnnnnnn', 'no private notes on it');
});
