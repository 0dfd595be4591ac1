/**
 * The permission matrix over HTTP: every action of src/core/policy.ts × every column of the
 * permission table in docs/organizing.md (non-member, member, reviewer, organizer, admin without a role, the object's own
 * speaker). Each cell's answer must be what the policy says: refused = 403 or 404 (what you may
 * not see does not exist), allowed = anything else. A route that forgot to ask the policy, or asked
 * the wrong action, fails here. That table is checked against the policy too.
 */
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import {
  can,
  EDITABLE_STATES,
  POLICY,
  REVIEWABLE_STATES,
  STATE_POLICY,
  TALK_STATES,
  type Action,
  type StateAction,
} from '../src/core/policy';
import { PROPOSAL_STATES } from '../src/modules/proposals/state-machine';
import { allowed, scenario, WHO, type Who } from '../src/core/policy-table';
import { TABLE_DOC, withTable } from '../scripts/policy-table';
import { community, eventWithTalk, setup, submitted, type Person, type Res } from './helper';
import { REPO } from './repo';

t.test(`the permission table in ${TABLE_DOC} is generated from the policy`, async (t) => {
  const doc = fs.readFileSync(path.resolve(REPO, TABLE_DOC), 'utf8');
  t.equal(doc, withTable(doc), 'run npm run policy:table');
});

t.test('every role × every action, over HTTP', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild', { blindReview: true });
  const org = c.organizer.token;
  const outsider = await ctx.person('out@elsewhere.example', 'Otto Outsider');
  const boot = await ctx.app.services.people.bootstrapAdmin('root2@example.com', 'Second Admin', false);
  const admin: Person = { id: boot!.token.personId, email: 'root2@example.com', token: boot!.secret };
  const people: Record<Who, Person> = {
    'non-member': outsider,
    member: c.member,
    reviewer: c.reviewer,
    organizer: c.organizer,
    admin,
    'its speaker': c.speaker,
  };
  let n = 0;
  const fresh = (what: string) => `${what}-${++n}`;
  const freshMember = async () => {
    const p = await ctx.person(`${fresh('m')}@guild.example`);
    await req('POST', '/v1/communities/guild/members', { token: ctx.admin.token, body: { email: p.email } });
    return p;
  };
  const accepted = async () => {
    const id = await submitted(ctx, c, fresh('Accepted talk'));
    await req('POST', `/v1/proposals/${id}/transitions`, { token: org, body: { to: 'accepted' } });
    return id;
  };
  const draftEvent = async () =>
    (
      await req('POST', '/v1/communities/guild/events', {
        token: org,
        body: { title: fresh('Draft'), startsAt: '2027-01-01T10:00:00Z', endsAt: '2027-01-01T11:00:00Z' },
      })
    ).body.id as string;

  // The world the probes act on.
  const proposal = await submitted(ctx, c, 'A submitted proposal');
  const { eventId: published, talkId: talk } = await eventWithTalk(ctx, c);
  const tasks = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items as {
    id: string;
    owner: string;
  }[];
  const speakerTask = tasks.find((x) => x.owner === 'speaker')!.id;
  let days = 10;
  const pastTalk = async () => {
    const id = await accepted();
    const day = `2026-01-${++days}`;
    const e = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title: fresh('Past'), startsAt: `${day}T10:00:00Z`, endsAt: `${day}T11:00:00Z` },
    });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    await req('POST', `/v1/events/${e.body.id}/slots`, {
      token: org,
      body: { proposalId: id, startsAt: `${day}T10:00:00Z` },
    });
    return { id, eventId: e.body.id as string };
  };
  const past = await pastTalk();
  for (const p of Object.values(people))
    await req('PUT', `/v1/events/${past.eventId}/rsvps/${p.id}/check-in`, { token: org, body: { checkedIn: true } });
  const lesson = { takeaways: ['Measure first'], status: 'draft' };
  await req('PUT', `/v1/proposals/${past.id}/lesson`, { token: c.speaker.token, body: lesson });
  const retro = await pastTalk();
  await req('PUT', `/v1/proposals/${retro.id}/lesson/retrospective`, { token: org, body: { text: 'Good turnout.' } });
  const nomination = (
    await req('POST', '/v1/communities/guild/nominations', {
      token: org,
      body: { email: c.speaker.email, topic: 'Observability' },
    })
  ).body.id as string;
  const series = (
    await req('POST', '/v1/communities/guild/series', {
      token: org,
      body: {
        title: 'Guild meetup',
        cadence: 'FREQ=WEEKLY;BYDAY=TH',
        startsOn: '2027-09-02',
        startTime: '12:00',
        durationMinutes: 60,
      },
    })
  ).body.id as string;
  const wish = (
    await req('POST', '/v1/communities/guild/wishes', { token: c.speaker.token, body: { title: 'Property testing' } })
  ).body.id as string;
  const job = (await req('GET', '/v1/admin/jobs', { token: ctx.admin.token })).body.items[0].id as string;

  type Probe = (p: Person, who: Who) => Promise<Res | boolean>;
  const PROBES: Record<Action, Probe> = {
    'community.create': (p) =>
      req('POST', '/v1/communities', { token: p.token, body: { slug: fresh('c'), name: 'New' } }),
    'community.update': (p) => req('PATCH', '/v1/communities/guild', { token: p.token, body: { description: 'x' } }),
    'member.list': (p) => req('GET', '/v1/communities/guild/members', { token: p.token }),
    'member.see-contact': async (p, who) => {
      const res = await req('GET', '/v1/communities/guild/members?limit=100', { token: p.token });
      const target = who === 'its speaker' ? p.id : c.speaker.id;
      const items = (res.body.items ?? []) as { person: { id: string; email?: string } }[];
      const m = items.find((x) => x.person.id === target);
      return res.status === 200 && !!m?.person.email;
    },
    'member.add': (p) =>
      req('POST', '/v1/communities/guild/members', { token: p.token, body: { email: `${fresh('a')}@x.example` } }),
    'member.set-role': async (p) => {
      const target = await freshMember();
      return req('PATCH', `/v1/communities/guild/members/${target.id}`, { token: p.token, body: { role: 'reviewer' } });
    },
    'member.remove': async (p, who) => {
      const target = await freshMember();
      const actor = who === 'its speaker' ? target : p;
      return req('DELETE', `/v1/communities/guild/members/${target.id}`, { token: actor.token });
    },
    'person.create': (p) => req('POST', '/v1/people', { token: p.token, body: { email: `${fresh('p')}@x.example` } }),
    'person.list': (p) => req('GET', '/v1/people', { token: p.token }),
    'token.create': (p, who) => {
      const target = who === 'its speaker' ? p.id : p.id === c.member.id ? c.reviewer.id : c.member.id;
      return req('POST', `/v1/people/${target}/tokens`, { token: p.token, body: { name: 'probe' } });
    },
    'session.list': (p, who) => {
      const target = who === 'its speaker' ? p.id : p.id === c.member.id ? c.reviewer.id : c.member.id;
      return req('GET', `/v1/people/${target}/sessions`, { token: p.token });
    },
    'session.end': async (p, who) => {
      const target = who === 'its speaker' ? p.id : p.id === c.member.id ? c.reviewer.id : c.member.id;
      const s = await ctx.app.services.sessions.start(target, 'email-link', 'probe');
      return req('DELETE', `/v1/sessions/${s.id}`, { token: p.token });
    },
    'job.list': (p) => req('GET', '/v1/admin/jobs', { token: p.token }),
    'job.retry': (p) => req('POST', `/v1/admin/jobs/${job}/retry`, { token: p.token }),
    'service.metrics': async (p) => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${p.token}` },
      });
      return { status: res.statusCode, body: null, headers: res.headers, text: '' };
    },
    'call.open': (p) =>
      req('POST', '/v1/communities/guild/calls', {
        token: p.token,
        body: {
          title: fresh('Call'),
          opensAt: '2020-01-01T00:00:00Z',
          formats: [{ key: 'talk', name: 'Talk', durationMinutes: 30 }],
        },
      }),
    'call.update': (p) => req('PATCH', `/v1/calls/${c.callId}`, { token: p.token, body: { title: 'Talks 2026' } }),
    'proposal.file-for-speaker': (p) =>
      req('POST', '/v1/communities/guild/proposals', {
        token: p.token,
        body: {
          callId: c.callId,
          title: fresh('Filed'),
          format: 'talk',
          speaker: { email: `${fresh('s')}@x.example` },
        },
      }),
    'proposal.edit': (p) => req('PATCH', `/v1/proposals/${proposal}`, { token: p.token, body: { title: 'Edited' } }),
    'proposal.answer-invitation': async (p, who) => {
      // The admin proposes and asks either the prober (as "its speaker") or someone else.
      const asked = who === 'its speaker' ? p.email : `${fresh('asked')}@guild.example`;
      const id = (
        await req('POST', '/v1/communities/guild/proposals', {
          token: admin.token,
          body: { callId: c.callId, title: fresh('Pairing'), format: 'talk', coSpeakers: [asked] },
        })
      ).body.id;
      return req('POST', `/v1/proposals/${id}/invitation/decline`, { token: p.token });
    },
    'proposal.move-as-speaker': async (p) => {
      const id = await submitted(ctx, c, fresh('To withdraw'));
      return req('POST', `/v1/proposals/${id}/transitions`, { token: p.token, body: { to: 'withdrawn' } });
    },
    'proposal.decide': async (p) => {
      const id = await submitted(ctx, c, fresh('To decide'));
      return req('POST', `/v1/proposals/${id}/transitions`, { token: p.token, body: { to: 'waitlisted' } });
    },
    'proposal.send-decisions': (p) => req('POST', '/v1/communities/guild/decisions/send', { token: p.token }),
    'proposal.sort-by-score': (p) => req('GET', '/v1/communities/guild/proposals?sort=-meanScore', { token: p.token }),
    'proposal.filter-by-speaker': (p, who) => {
      const speaker = encodeURIComponent(who === 'its speaker' ? p.email : c.speaker.email);
      return req('GET', `/v1/communities/guild/proposals?speaker=${speaker}`, { token: p.token });
    },
    'proposal.see-speakers': async (p) => {
      const res = await req('GET', `/v1/proposals/${proposal}`, { token: p.token });
      return res.status === 200 && Array.isArray(res.body.speakers);
    },
    'proposal.review': (p) =>
      req('PUT', `/v1/proposals/${proposal}/reviews/me`, { token: p.token, body: { score: 4 } }),
    'review.list': (p) => req('GET', `/v1/proposals/${proposal}/reviews`, { token: p.token }),
    'room.manage': (p) => req('POST', '/v1/communities/guild/rooms', { token: p.token, body: { name: fresh('Room') } }),
    'event.create': (p) =>
      req('POST', '/v1/communities/guild/events', {
        token: p.token,
        body: { title: 'Probe', startsAt: '2027-02-01T10:00:00Z', endsAt: '2027-02-01T11:00:00Z' },
      }),
    'event.update': (p) => req('PATCH', `/v1/events/${published}`, { token: p.token, body: { description: 'x' } }),
    'event.delete': async (p) => req('DELETE', `/v1/events/${await draftEvent()}`, { token: p.token }),
    'event.see-drafts': async (p) => req('GET', `/v1/events/${await draftEvent()}`, { token: p.token }),
    'agenda.change': async (p) => {
      const { eventId, talkId } = await eventWithTalk(ctx, c, { title: fresh('Agenda') });
      return req('POST', `/v1/events/${eventId}/slots`, {
        token: p.token,
        body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
      });
    },
    'agenda.backlog': (p) => req('GET', '/v1/communities/guild/backlog', { token: p.token }),
    'rsvp.list': (p) => req('GET', `/v1/events/${published}/rsvps`, { token: p.token }),
    'event.check-in': (p) =>
      req('PUT', `/v1/events/${published}/rsvps/${c.member.id}/check-in`, {
        token: p.token,
        body: { checkedIn: true },
      }),
    'task-template.list': (p) => req('GET', '/v1/communities/guild/task-templates', { token: p.token }),
    'task-template.manage': (p) =>
      req('POST', '/v1/communities/guild/task-templates', {
        token: p.token,
        body: { title: fresh('Template'), category: 'promotion', owner: 'organizer', offsetDays: -3 },
      }),
    'task.create': (p) =>
      req('POST', `/v1/proposals/${talk}/tasks`, {
        token: p.token,
        body: { title: fresh('Task'), category: 'logistics', owner: 'speaker' },
      }),
    'checklist.read': (p) => req('GET', `/v1/proposals/${talk}/tasks`, { token: p.token }),
    'task.update-status': (p) => req('PATCH', `/v1/tasks/${speakerTask}`, { token: p.token, body: { notes: 'on it' } }),
    'task.edit': (p) => req('PATCH', `/v1/tasks/${speakerTask}`, { token: p.token, body: { title: 'Slides, final' } }),
    'task.board': (p) => req('GET', '/v1/communities/guild/tasks', { token: p.token }),
    'feedback.give': (p) => req('PUT', `/v1/proposals/${past.id}/feedback/me`, { token: p.token, body: { rating: 4 } }),
    'feedback.read': (p) => req('GET', `/v1/proposals/${past.id}/feedback`, { token: p.token }),
    'lesson.write': (p) => req('PUT', `/v1/proposals/${past.id}/lesson`, { token: p.token, body: lesson }),
    'lesson.read-draft': (p) => req('GET', `/v1/proposals/${past.id}/lesson`, { token: p.token }),
    'retrospective.write': (p) =>
      req('PUT', `/v1/proposals/${retro.id}/lesson/retrospective`, { token: p.token, body: { text: 'Good turnout.' } }),
    'retrospective.read': (p) => req('GET', `/v1/proposals/${retro.id}/lesson`, { token: p.token }),
    'nomination.create': (p) =>
      req('POST', '/v1/communities/guild/nominations', {
        token: p.token,
        body: { email: `${fresh('n')}@guild.example`, topic: fresh('Topic') },
      }),
    'nomination.list': (p) => req('GET', '/v1/communities/guild/nominations', { token: p.token }),
    'nomination.read': (p) => req('GET', `/v1/nominations/${nomination}`, { token: p.token }),
    'nomination.answer': (p) => req('POST', `/v1/nominations/${nomination}/decline`, { token: p.token }),
    'series.read': (p) => req('GET', `/v1/series/${series}`, { token: p.token }),
    'series.manage': (p) => req('PATCH', `/v1/series/${series}`, { token: p.token, body: { upcoming: 3 } }),
    'team.read': (p) => req('GET', '/v1/communities/guild/team-roles', { token: p.token }),
    'team.manage': (p) =>
      req('POST', '/v1/communities/guild/team-roles', { token: p.token, body: { key: fresh('role'), name: 'Role' } }),
    'destination.manage': (p) => req('GET', '/v1/communities/guild/destinations', { token: p.token }),
    'wish.read': (p) => req('GET', '/v1/communities/guild/wishes', { token: p.token }),
    'wish.create': (p) =>
      req('POST', '/v1/communities/guild/wishes', { token: p.token, body: { title: fresh('Wish') } }),
    'wish.vote': (p) => req('PUT', `/v1/wishes/${wish}/vote`, { token: p.token }),
    'wish.offer': (p) => req('POST', `/v1/wishes/${wish}/offers`, { token: p.token }),
    'wish.close': async (p) => {
      const r = await req('PATCH', `/v1/wishes/${wish}`, { token: p.token, body: { status: 'closed' } });
      await req('PATCH', `/v1/wishes/${wish}`, { token: org, body: { status: 'open' } });
      return r;
    },
    'metrics.read': (p) => req('GET', '/v1/communities/guild/metrics', { token: p.token }),
    'community.health': (p) => req('GET', '/v1/communities/guild/health', { token: p.token }),
    'proposal.read': (p) => req('GET', `/v1/proposals/${proposal}`, { token: p.token }),
  };

  t.same(Object.keys(PROBES).sort(), Object.keys(POLICY).sort(), 'a probe for every action of the policy');
  let cells = 0;
  for (const action of Object.keys(POLICY) as Action[]) {
    for (const who of WHO) {
      const out = await PROBES[action](people[who], who);
      const got = typeof out === 'boolean' ? out : ![401, 403, 404].includes(out.status);
      const want = allowed(action, who);
      const detail = typeof out === 'boolean' ? '' : ` (${out.status} ${out.body?.code ?? ''})`;
      t.equal(got, want, `${action} by ${who}: ${want ? 'allowed' : 'refused'}${detail}`);
      if (typeof out !== 'boolean') t.not(out.status, 500, `${action} by ${who}: no server error`);
      cells++;
    }
  }
  t.equal(cells, Object.keys(POLICY).length * WHO.length, 'every cell of the table was walked');
});

/**
 * The state part: each "-now" action is its role rule and what the proposal's state allows, for
 * every role × every state; the services refuse the same states (409), so a page that asks `can()`
 * never offers what the service would refuse. Over HTTP, a reviewer on an accepted proposal is
 * offered no review form and the API refuses the review.
 */
t.test('state predicates: every role × every proposal state', async (t) => {
  const base: Record<StateAction, Action> = {
    'proposal.edit-now': 'proposal.edit',
    'proposal.review-now': 'proposal.review',
    'agenda.schedule-now': 'agenda.change',
    'checklist.read-now': 'checklist.read',
  };
  const states: Record<StateAction, readonly string[]> = {
    'proposal.edit-now': EDITABLE_STATES,
    'proposal.review-now': REVIEWABLE_STATES,
    'agenda.schedule-now': TALK_STATES,
    'checklist.read-now': TALK_STATES,
  };
  t.same(Object.keys(STATE_POLICY).sort(), Object.keys(base).sort(), 'every state action is described here');
  for (const action of Object.keys(STATE_POLICY) as StateAction[]) {
    for (const who of WHO) {
      for (const state of PROPOSAL_STATES) {
        const actor = { id: 'x', email: 'x@example.com', name: 'x', isAdmin: who === 'admin', tokenId: 'x' };
        const s = { ...scenario(base[action], who, actor), state };
        const want = allowed(base[action], who) && states[action].includes(state);
        t.equal(can(s, action), want, `${action} by ${who} when ${state}`);
      }
    }
  }

  const ctx = await setup(t);
  const c = await community(ctx, 'states');
  const id = await submitted(ctx, c, 'Reviewed then accepted');
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  const s = await ctx.app.services.sessions.start(c.reviewer.id, 'email-link', 'policy test');
  const page = await ctx.app.inject({
    method: 'GET',
    url: `/proposals/${id}`,
    headers: { cookie: `bb_session=${s.secret}` },
  });
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, `/proposals/${id}/review`, 'no review form on an accepted proposal');
  const api = await ctx.req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 3 } });
  t.equal(api.status, 409, 'and the API refuses it');
  const edit = await ctx.app.inject({
    method: 'GET',
    url: `/proposals/${id}/edit`,
    headers: { cookie: `bb_session=${s.secret}` },
  });
  t.equal(edit.statusCode, 403, 'a reviewer gets no edit form');
});
