/**
 * The demo community, made through the services (so every rule applies): people from several
 * departments, two communities, a call with formats and tracks, proposals in every state, reviews.
 */
import { DateTime } from 'luxon';
import { endOfDay } from '../../src/modules/cfp/window';
import type { Services } from '../../src/app';
import type { Actor } from '../../src/core/actor';
import type { ProposalState } from '../../src/modules/proposals/state-machine';
import { seedHealthStory } from './demo-health';

export const DEMO_SLUG = 'platform-guild';

const PEOPLE = [
  ['olga.organizer@example.com', 'Olga Petrova', 'Developer Relations'],
  ['raj.reviewer@example.com', 'Raj Patel', 'Platform'],
  ['lena.reviewer@example.com', 'Lena Fischer', 'Security'],
  ['sam.speaker@example.com', 'Sam Okafor', 'Payments'],
  ['mia.chen@example.com', 'Mia Chen', 'Data'],
  ['tom.berg@example.com', 'Tom Berg', 'Mobile'],
  ['ana.silva@example.com', 'Ana Silva', 'Search'],
  ['yuki.tanaka@example.com', 'Yuki Tanaka', 'Infrastructure'],
  ['omar.haddad@example.com', 'Omar Haddad', 'Customer Success'],
  ['eva.novak@example.com', 'Eva Novák', 'Frontend'],
] as const;

const TALKS: [string, string, string, string, ProposalState][] = [
  ['sam.speaker@example.com', 'How we cut checkout latency by 40%', 'talk', 'backend', 'confirmed'],
  ['mia.chen@example.com', 'PostgreSQL row-level security in practice', 'talk', 'data', 'accepted'],
  ['tom.berg@example.com', 'Five minutes of Kotlin coroutines', 'lightning', 'mobile', 'accepted'],
  ['ana.silva@example.com', 'Relevance tuning without a PhD', 'talk', 'data', 'waitlisted'],
  ['yuki.tanaka@example.com', 'Hands-on: Terraform modules that do not hurt', 'workshop', 'backend', 'submitted'],
  ['omar.haddad@example.com', 'What support tickets taught me about our API', 'talk', 'backend', 'submitted'],
  ['eva.novak@example.com', 'Accessible forms, one field at a time', 'lightning', 'frontend', 'submitted'],
  ['sam.speaker@example.com', 'Idempotency keys explained', 'lightning', 'backend', 'rejected'],
  ['mia.chen@example.com', 'Our dbt migration, a post-mortem', 'talk', 'data', 'withdrawn'],
  ['tom.berg@example.com', 'Offline-first sync: lessons from the field', 'talk', 'mobile', 'canceled'],
  ['ana.silva@example.com', 'Vector search, honestly', 'talk', 'data', 'draft'],
  // Given last month (seedAfterTheTalk): lessons, feedback, a retrospective.
  ['yuki.tanaka@example.com', 'Observability on a budget', 'talk', 'backend', 'confirmed'],
  ['eva.novak@example.com', 'Feature flags without regret', 'lightning', 'frontend', 'confirmed'],
];

const PATH: Record<ProposalState, ['author' | 'organizer', ProposalState][]> = {
  draft: [],
  submitted: [],
  waitlisted: [['organizer', 'waitlisted']],
  accepted: [['organizer', 'accepted']],
  rejected: [['organizer', 'rejected']],
  confirmed: [
    ['organizer', 'accepted'],
    ['author', 'confirmed'],
  ],
  withdrawn: [['author', 'withdrawn']],
  canceled: [
    ['organizer', 'accepted'],
    ['organizer', 'canceled'],
  ],
};

export async function seedDemo(
  s: Services,
  admin: Actor,
  tick: (what: string) => void,
  /** A chat stand-in to announce to (npm run seed starts one on loopback). */
  opts: { announceTo?: string } = {},
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  for (const [email, name, department] of PEOPLE) {
    const p = await s.people.create(admin, { email, name, department });
    const { secret, token } = await s.people.createToken(admin, p.id, 'demo');
    tokens[email] = secret;
    actors[email] = { id: p.id, email, name, isAdmin: false, tokenId: token.id };
    tick(`person ${name}`);
  }
  await s.communities.create(admin, {
    slug: DEMO_SLUG,
    name: 'Platform Engineering Guild',
    timeZone: 'Europe/Berlin',
    blindReview: true,
    description: 'Monthly brown-bag talks on how we build and run the platform.',
  });
  await s.communities.create(admin, {
    slug: 'frontend-meetup',
    name: 'Frontend Meetup',
    timeZone: 'America/New_York',
    description: 'An open series with a rolling call for proposals.',
    eventVisibility: 'public',
  });
  const roles: Record<string, 'organizer' | 'reviewer'> = {
    'olga.organizer@example.com': 'organizer',
    'raj.reviewer@example.com': 'reviewer',
    'lena.reviewer@example.com': 'reviewer',
  };
  for (const [email] of PEOPLE) {
    await s.communities.addMember(admin, DEMO_SLUG, { email, role: roles[email] ?? 'member' });
  }
  await s.communities.addMember(admin, 'frontend-meetup', { email: 'eva.novak@example.com', role: 'organizer' });
  tick('communities and members');
  // Languages: Omar reads Brownbag in Hebrew and Ana in Russian (their own choice, as the switch in
  // every page's header or their profile saves it), whatever their browser says.
  await s.people.updateMe(actors['omar.haddad@example.com'], { language: 'he' });
  await s.people.updateMe(actors['ana.silva@example.com'], { language: 'ru' });
  const olga = actors['olga.organizer@example.com'];
  if (opts.announceTo)
    await s.announcements.create(olga, DEMO_SLUG, {
      kind: 'slack',
      name: '#platform-guild',
      url: opts.announceTo,
      happenings: [
        'event.published',
        'event.moved',
        'event.canceled',
        'lesson.published',
        'wish.created',
        'call.closing',
        'health.act',
      ],
    });
  const call = await s.cfp.create(olga, DEMO_SLUG, {
    title: 'Brown-bag season 2027',
    description: 'Share what you built, broke or learned. First-time speakers welcome: we pair you with a mentor.',
    opensAt: new Date(Date.now() - 30 * 86400_000).toISOString(),
    // "Open until" a day is to the end of that day in the community's zone (src/modules/cfp/window.ts).
    closesAt: endOfDay(DateTime.now().setZone('Europe/Berlin').plus({ days: 60 }).toISODate()!, 'Europe/Berlin'),
    formats: [
      { key: 'lightning', name: 'Lightning talk', durationMinutes: 5 },
      { key: 'talk', name: 'Talk', durationMinutes: 30 },
      { key: 'workshop', name: 'Workshop', durationMinutes: 90 },
    ],
    tracks: [
      { key: 'backend', name: 'Backend' },
      { key: 'frontend', name: 'Frontend' },
      { key: 'data', name: 'Data' },
      { key: 'mobile', name: 'Mobile' },
    ],
  });
  // A second open call: speakers choose which one their talk is for.
  await s.cfp.create(olga, DEMO_SLUG, {
    title: 'Platform deep dives (spring)',
    description: 'Longer talks and hands-on workshops on the platform itself.',
    opensAt: new Date(Date.now() - 7 * 86400_000).toISOString(),
    closesAt: endOfDay(DateTime.now().setZone('Europe/Berlin').plus({ days: 20 }).toISODate()!, 'Europe/Berlin'),
    formats: [
      { key: 'talk', name: 'Talk', durationMinutes: 45 },
      { key: 'workshop', name: 'Workshop', durationMinutes: 120 },
    ],
  });
  await s.cfp.create(actors['eva.novak@example.com'], 'frontend-meetup', {
    title: 'Frontend Meetup talks (rolling)',
    opensAt: new Date(Date.now() - 90 * 86400_000).toISOString(),
    formats: [{ key: 'talk', name: 'Talk', durationMinutes: 20 }],
    tracks: [],
  });
  tick('calls for proposals');
  const reviewers = [actors['raj.reviewer@example.com'], actors['lena.reviewer@example.com'], olga];
  const ids: Record<string, string> = {};
  for (const [i, [email, title, format, track, state]] of TALKS.entries()) {
    const speaker = actors[email];
    const v = await s.proposals.create(speaker, DEMO_SLUG, {
      callId: call.call.id,
      title,
      format,
      track,
      submit: state !== 'draft',
      level: (['beginner', 'intermediate', 'advanced'] as const)[i % 3],
      abstract: `${title}. A ${format} for anyone who wants the practical version: what we tried, what the numbers said, and what we would do again.`,
      coSpeakers: i % 4 === 0 ? ['omar.haddad@example.com'].filter((e) => e !== email) : [],
    });
    // Omar said yes to every other invitation to co-present; the rest wait for his answer.
    if (v.invited?.length && i % 8 === 0)
      await s.proposals.answerInvitation(actors['omar.haddad@example.com'], v.row.id, true);
    if (state !== 'draft') {
      for (const [j, r] of reviewers.entries()) {
        if (r.id === speaker.id || (state === 'submitted' && j === 2)) continue;
        await s.reviews.upsert(r, v.row.id, {
          score: ((i + j) % 5) + 1,
          comment: j ? 'Clear scope; would attend.' : 'Tighten the outline.',
        });
      }
    }
    for (const [who, to] of PATH[state])
      await s.proposals.transition(who === 'author' ? speaker : olga, v.row.id, to, undefined);
    ids[title] = v.row.id;
    tick(`proposal ${title}`);
  }
  await seedEvents(s, olga, actors, ids, tick);
  await seedHealthStory(s, DEMO_SLUG, olga, actors, tick);
  await seedAfterTheTalk(s, olga, actors, ids, tick);
  return tokens;
}

/** Two rooms, three events (one with a full agenda, one online, one canceled) and RSVPs with a waitlist. */
async function seedEvents(
  s: Services,
  olga: Actor,
  actors: Record<string, Actor>,
  ids: Record<string, string>,
  tick: (what: string) => void,
) {
  const aula = await s.events.createRoom(olga, DEMO_SLUG, {
    name: 'Aula',
    capacity: 6,
    location: 'Building A, ground floor',
  });
  await s.events.createRoom(olga, DEMO_SLUG, {
    name: 'Library corner',
    capacity: 12,
    location: 'Building B, 3rd floor',
  });
  // Next month's first Thursday-ish lunch, 12:00–13:30 Berlin time, whatever today is.
  const day = new Date(Date.now() + 21 * 86400_000);
  const at = (h: number, m = 0) =>
    new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m)).toISOString();
  const lunch = await s.events.create(olga, DEMO_SLUG, {
    title: 'Platform brown-bag: performance edition',
    description: 'Bring your lunch; we bring the talks. Recording for those who cannot make it.',
    startsAt: at(10),
    endsAt: at(11, 30),
    roomId: aula.id,
    onlineUrl: 'https://meet.example.com/platform-brown-bag',
  });
  await s.events.update(olga, lunch.event.id, { status: 'published' });
  await s.agenda.place(olga, lunch.event.id, {
    proposalId: ids['How we cut checkout latency by 40%'],
    startsAt: at(10),
  });
  await s.agenda.place(olga, lunch.event.id, {
    proposalId: ids['Five minutes of Kotlin coroutines'],
    startsAt: at(10, 35),
  });
  await s.agenda.place(olga, lunch.event.id, {
    proposalId: ids['PostgreSQL row-level security in practice'],
    startsAt: at(10, 45),
  });
  tick('event with agenda');
  const online = await s.events.create(olga, DEMO_SLUG, {
    title: 'Remote lightning hour',
    startsAt: at(15),
    endsAt: at(16),
    onlineUrl: 'https://meet.example.com/lightning',
    timeZone: 'America/New_York',
  });
  await s.events.update(olga, online.event.id, { status: 'published' });
  const canceled = await s.events.create(olga, DEMO_SLUG, {
    title: 'Friday social (moved)',
    startsAt: at(16),
    endsAt: at(17),
    roomId: aula.id,
  });
  await s.events.update(olga, canceled.event.id, { status: 'published' });
  await s.events.update(olga, canceled.event.id, { status: 'canceled' });
  await s.events.create(olga, DEMO_SLUG, {
    title: 'Draft: autumn mini-conference',
    startsAt: at(10),
    endsAt: at(16),
    timeZone: 'Europe/Berlin',
    capacity: 80,
  });
  tick('more events');
  // Eight people want six seats in the Aula: six go, two wait in line.
  for (const a of Object.values(actors).slice(1, 9)) await s.rsvps.answer(a, lunch.event.id, 'going');
  for (const a of Object.values(actors).slice(4, 7)) await s.rsvps.answer(a, online.event.id, 'going');
  tick('RSVPs');
  // The checklists of the scheduled talks: some work done, one task overdue for the board.
  const sam = actors['sam.speaker@example.com'];
  const talk = ids['How we cut checkout latency by 40%'];
  const tasks = await s.tasks.checklist(olga, talk);
  const byTitle = (t: string) => tasks.find((x) => x.title === t)!;
  await s.tasks.update(sam, byTitle('Outline review').id, { status: 'done', notes: 'Reviewed with Olga over coffee.' });
  await s.tasks.update(olga, byTitle('Book the room and check AV').id, { status: 'done' });
  await s.tasks.update(olga, byTitle('Recording consent').id, {
    dueAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
    notes: 'Chasing legal.',
  });
  await s.tasks.add(olga, talk, {
    title: 'Print the checkout-latency poster',
    category: 'promotion',
    owner: 'organizer',
    offsetDays: -5,
    assigneeId: olga.id,
  });
}

/** Last month's brown-bag: attendance, feedback, a published lesson and a draft, a retrospective, nominations. */
async function seedAfterTheTalk(
  s: Services,
  olga: Actor,
  actors: Record<string, Actor>,
  ids: Record<string, string>,
  tick: (what: string) => void,
) {
  const day = new Date(Date.now() - 35 * 86400_000);
  const at = (h: number, m = 0) =>
    new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m)).toISOString();
  const past = await s.events.create(olga, DEMO_SLUG, {
    title: 'Platform brown-bag: operations edition',
    startsAt: at(10),
    endsAt: at(11),
    onlineUrl: 'https://meet.example.com/platform-brown-bag',
  });
  await s.events.update(olga, past.event.id, { status: 'published' });
  const obs = ids['Observability on a budget'];
  const flags = ids['Feature flags without regret'];
  await s.agenda.place(olga, past.event.id, { proposalId: obs, startsAt: at(10) });
  await s.agenda.place(olga, past.event.id, { proposalId: flags, startsAt: at(10, 35) });
  const came = [
    'raj.reviewer@example.com',
    'lena.reviewer@example.com',
    'sam.speaker@example.com',
    'mia.chen@example.com',
    'ana.silva@example.com',
    'omar.haddad@example.com',
  ];
  for (const email of came) await s.rsvps.checkIn(olga, past.event.id, actors[email].id, true);
  const ratings: [string, number, string][] = [
    ['raj.reviewer@example.com', 5, 'The cost breakdown per signal was eye-opening.'],
    ['lena.reviewer@example.com', 4, ''],
    ['sam.speaker@example.com', 5, 'Stealing the sampling trick for payments.'],
    ['mia.chen@example.com', 3, 'A bit fast at the end.'],
  ];
  for (const [email, rating, comment] of ratings) {
    await s.feedback.give(actors[email], obs, { rating, comment });
    await s.feedback.give(actors[email], flags, { rating: Math.max(1, rating - 1) });
  }
  tick('last month: attendance and feedback');
  const yuki = actors['yuki.tanaka@example.com'];
  await s.lessons.write(yuki, obs, {
    status: 'published',
    takeaways: [
      'Sample traces by value, not by volume',
      'Drop debug logs at the edge, keep them on demand',
      'One dashboard per question, not per service',
    ],
    wentWell: 'The live cost calculator got people talking; questions ran 15 minutes over.',
    toChange: 'Start with the bill, not the architecture. Fewer graphs per slide.',
    resources: [
      { label: 'Slides', url: 'https://slides.example.com/observability-on-a-budget' },
      { label: 'Sampling rules repo', url: 'https://git.example.com/platform/sampling-rules' },
    ],
    notes: 'Follow-up: the data team wants the same exercise for warehouse costs.',
  });
  await s.lessons.write(actors['eva.novak@example.com'], flags, {
    status: 'draft',
    takeaways: ['Every flag gets an owner and an expiry date'],
    wentWell: 'Five minutes was enough.',
  });
  await s.lessons.retrospective(
    olga,
    obs,
    'Online-only worked: 40 % more attendees than the room holds. Keep the recording; book 45 minutes next time.',
  );
  tick('last month: lessons and a retrospective');
  const sam = actors['sam.speaker@example.com'];
  await s.nominations.create(actors['raj.reviewer@example.com'], DEMO_SLUG, {
    email: 'lucas.meyer@example.com',
    name: 'Lucas Meyer',
    topic: 'Incident reviews people actually read',
    reason: 'Lucas writes the clearest post-incident reviews in the company; everyone would learn from how he does it.',
  });
  const mia = await s.nominations.create(sam, DEMO_SLUG, {
    email: 'mia.chen@example.com',
    topic: 'Data contracts between teams',
    reason: 'Mia made our payments events reliable for the data team.',
  });
  await s.nominations.accept(actors['mia.chen@example.com'], mia.id, {});
  tick('nominations');

  // Topic wishes with votes; Yuki offers to talk about the most wanted one (a draft; Tom is told).
  const wishes: [string, string, string, string[]][] = [
    [
      'tom.berg@example.com',
      'Kubernetes cost allocation',
      'Who pays for which pod, and how teams see it.',
      ['raj.reviewer@example.com', 'ana.silva@example.com', 'omar.haddad@example.com', 'eva.novak@example.com'],
    ],
    [
      'ana.silva@example.com',
      'Accessibility testing in CI',
      'What axe catches, what it misses, and how to keep the build green.',
      ['eva.novak@example.com', 'olga.organizer@example.com'],
    ],
    ['omar.haddad@example.com', 'How support triages bugs', '', ['mia.chen@example.com']],
    [
      'lena.reviewer@example.com',
      'Threat modelling for product teams',
      'A lightweight format we can run in an hour.',
      [],
    ],
  ];
  const made: string[] = [];
  for (const [author, title, details, voters] of wishes) {
    const { wish } = await s.wishes.create(actors[author], DEMO_SLUG, { title, details });
    for (const v of voters) await s.wishes.vote(actors[v], wish.id, true);
    made.push(wish.id);
  }
  await s.wishes.offer(actors['yuki.tanaka@example.com'], made[0], {});
  tick('topic wishes');

  // A guild lunch every second Thursday, 12:00–13:00 Berlin time, from next week; the third is a holiday.
  const organizer = actors['olga.organizer@example.com'];
  const library = (await s.events.listRooms(organizer, DEMO_SLUG)).find((r) => r.name === 'Library corner');
  const lunches = await s.series.create(organizer, DEMO_SLUG, {
    title: 'Guild lunch',
    description: 'One talk, lunch, questions. Bring a colleague.',
    cadence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
    startsOn: DateTime.now().setZone('Europe/Berlin').plus({ weeks: 1 }).toISODate()!,
    startTime: '12:00',
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    roomId: library?.id ?? null,
    publish: true,
    upcoming: 6,
  });
  await s.series.skip(organizer, lunches.series.id, lunches.next[2].on);
  tick('a meetup series');

  // The organizing team: Olga is architect and ambassador (promotion tasks are the ambassador's); the empath role is open.
  const roles = [
    ['architect', 'Architect', 'Shapes the programme and the season', organizer.id],
    ['ambassador', 'Ambassador', 'Announces every talk and brings people in', organizer.id],
    ['empath', 'Empath', 'Looks after first-time speakers', null],
  ] as const;
  const made2: Record<string, string> = {};
  for (const [key, name, description, holderId] of roles)
    made2[key] = (await s.team.create(organizer, DEMO_SLUG, { key, name, description, holderId })).id;
  for (const t of await s.tasks.templates(organizer, DEMO_SLUG))
    if (t.category === 'promotion') await s.tasks.updateTemplate(organizer, t.id, { roleId: made2.ambassador });
  tick('the organizing team');
}

export const DEMO_STEPS = 10 + 3 + TALKS.length + 3 + 6 + 1;
