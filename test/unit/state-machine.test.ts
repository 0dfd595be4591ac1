/**
 * The proposal life cycle as a table: every (from, to) pair of states, who may make the move, or that
 * nobody may. The expected table is written out here by hand, from the rules in docs/organizing.md,
 * so a change to TRANSITIONS that the docs do not say fails here. No app, no database.
 */
import t from 'tap';
import {
  EDITABLE_STATES,
  movesFrom,
  PROPOSAL_STATES,
  REVIEWABLE_STATES,
  TRANSITIONS,
  type Mover,
  type ProposalState,
} from '../../src/modules/proposals/state-machine';

// from → to → who; a pair that is not listed is refused (409 invalid-transition).
const EXPECTED: Record<ProposalState, Partial<Record<ProposalState, Mover>>> = {
  draft: { submitted: 'author' },
  submitted: { accepted: 'organizer', waitlisted: 'organizer', rejected: 'organizer', withdrawn: 'author' },
  waitlisted: { accepted: 'organizer', rejected: 'organizer', withdrawn: 'author' },
  accepted: { confirmed: 'author', withdrawn: 'author', canceled: 'organizer' },
  confirmed: { withdrawn: 'author', canceled: 'organizer' },
  rejected: {},
  withdrawn: {},
  canceled: {},
};

t.test('every pair of states: who may move, or nobody', async (t) => {
  for (const from of PROPOSAL_STATES)
    for (const to of PROPOSAL_STATES)
      t.equal(TRANSITIONS[from][to], EXPECTED[from][to], `${from} → ${to}: ${EXPECTED[from][to] ?? 'refused'}`);
});

t.test('movesFrom lists exactly the allowed moves, with who makes them', async (t) => {
  for (const from of PROPOSAL_STATES) {
    const got = movesFrom(from)
      .map((m) => `${m.to}:${m.by}`)
      .sort();
    const want = Object.entries(EXPECTED[from])
      .map(([to, by]) => `${to}:${by}`)
      .sort();
    t.same(got, want, from);
  }
});

t.test('the shape of the life cycle', async (t) => {
  const reachable = new Set<ProposalState>(['draft']);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of [...reachable])
      for (const m of movesFrom(s))
        if (!reachable.has(m.to)) {
          reachable.add(m.to);
          grew = true;
        }
  }
  t.same([...reachable].sort(), [...PROPOSAL_STATES].sort(), 'every state is reachable from draft');
  for (const end of ['rejected', 'withdrawn', 'canceled'] as const) t.same(movesFrom(end), [], `${end} is final`);
  t.notOk(
    PROPOSAL_STATES.some((s) => TRANSITIONS[s].draft),
    'nothing goes back to draft',
  );
  t.same([...EDITABLE_STATES], ['draft', 'submitted'], 'speakers edit drafts and submitted proposals');
  t.same([...REVIEWABLE_STATES], ['submitted', 'waitlisted'], 'reviewers score submitted and waitlisted ones');
});
