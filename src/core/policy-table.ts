/**
 * The policy as a table: who (by role) may do each action, in the scenario the action assumes.
 * The permission table in docs/organizing.md is this table (`npm run policy:table` writes it), and
 * test/policy.test.ts checks every cell over HTTP.
 */
import type { Actor } from './actor';
import { can, POLICY, type Action, type ActionDef, type Role, type Subject } from './policy';

/** The columns: roles in the community, an admin who holds none, and the person the object is about. */
export const WHO = ['non-member', 'member', 'reviewer', 'organizer', 'admin', 'its speaker'] as const;
export type Who = (typeof WHO)[number];

const ROLE_OF: Record<Who, Role | null> = {
  'non-member': null,
  member: 'member',
  reviewer: 'reviewer',
  organizer: 'organizer',
  admin: null,
  'its speaker': 'member',
};

/** The subject a cell describes: `who` acting on the action's object, in the action's assumed scenario. */
export function scenario(action: Action, who: Who, actor: Actor): Subject {
  const assume = (POLICY[action] as ActionDef).assume ?? {};
  return {
    actor,
    role: ROLE_OF[who],
    community: { blindReview: assume.blindReview ?? false, retrospectiveVisibility: 'organizers' },
    own: who === 'its speaker',
    attended: assume.attended,
    speakerTask: assume.speakerTask,
    state: assume.state,
  };
}

export function allowed(action: Action, who: Who): boolean {
  const actor: Actor = { id: 'x', email: 'x@example.com', name: 'x', isAdmin: who === 'admin', tokenId: 'x' };
  return can(scenario(action, who, actor), action);
}

/** Markdown: one row per action, ✓ where allowed, with the rule as written. */
export function policyTable(): string {
  const head = `| action | what | ${WHO.join(' | ')} | rule |`;
  const sep = `|${'---|'.repeat(WHO.length + 3)}`;
  const rows = (Object.keys(POLICY) as Action[]).map((action) => {
    const def = POLICY[action];
    const cells = WHO.map((who) => (allowed(action, who) ? '✓' : ''));
    return `| \`${action}\` | ${def.what} | ${cells.join(' | ')} | ${def.rule.label} |`;
  });
  return [head, sep, ...rows].join('\n');
}
