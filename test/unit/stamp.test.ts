/**
 * Cache keys: stamp() names everything a cached body depends on, always in the same order, so two
 * requests share a body only when every part agrees. No app, no database.
 */
import t from 'tap';
import type { Actor } from '../../src/core/actor';
import { stamp, type StampParts } from '../../src/core/stamp';

const ada: Actor = { id: 'ada', email: 'ada@example.com', name: 'Ada', isAdmin: false };
const root: Actor = { id: 'root', email: 'root@example.com', name: 'Root', isAdmin: true };
const NOW = Date.UTC(2027, 5, 10, 12, 30, 45); // minute 30 of 12:00
const MINUTE = Math.floor(NOW / 60_000);

t.test('what each part writes, in order: reader, community, content, minute, request', async (t) => {
  const rows: [string, StampParts, string][] = [
    ['nothing', {}, '- - - - null'],
    ['a reader', { reader: { actor: ada, role: 'member' } }, 'ada/false/member - - - null'],
    ['a reader without a role', { reader: { actor: root, role: null } }, 'root/true/null - - - null'],
    ['a community', { community: { id: 'c1', version: 3, listVersion: 17 } }, '- c1/3/17 - - null'],
    ['a community without settings version', { community: { id: 'c1', listVersion: '40' } }, '- c1/-/40 - - null'],
    ['content over communities', { content: '123' }, '- - 123 - null'],
    ['the minute', { minute: true }, `- - - ${MINUTE} null`],
    ['a request as a string', { request: '/c/guild?page=2' }, '- - - - /c/guild?page=2'],
    [
      'a request as a query',
      { request: { state: 'submitted', limit: 50 } },
      '- - - - {"state":"submitted","limit":50}',
    ],
    [
      'everything',
      {
        reader: { actor: ada, role: 'organizer' },
        community: { id: 'c1', version: 2, listVersion: 9 },
        content: 'x',
        minute: true,
        request: '/q',
      },
      `ada/false/organizer c1/2/9 x ${MINUTE} /q`,
    ],
  ];
  for (const [what, parts, key] of rows) t.equal(stamp(parts, NOW), key, what);
});

t.test('a key changes when anything the body depends on changes, and only then', async (t) => {
  const base: StampParts = {
    reader: { actor: ada, role: 'member' },
    community: { id: 'c1', version: 1, listVersion: 5 },
    minute: true,
    request: { page: 1 },
  };
  const k = stamp(base, NOW);
  t.equal(stamp({ ...base }, NOW + 10_000), k, 'same parts within the same minute: same key');
  const changes: [string, StampParts, number][] = [
    ['another reader', { ...base, reader: { actor: root, role: 'member' } }, NOW],
    ['another role', { ...base, reader: { actor: ada, role: 'organizer' } }, NOW],
    ['a new content version', { ...base, community: { id: 'c1', version: 1, listVersion: 6 } }, NOW],
    ['new settings', { ...base, community: { id: 'c1', version: 2, listVersion: 5 } }, NOW],
    ['another community', { ...base, community: { id: 'c2', version: 1, listVersion: 5 } }, NOW],
    ['the next minute', base, NOW + 60_000],
    ['another request', { ...base, request: { page: 2 } }, NOW],
  ];
  for (const [what, parts, now] of changes) t.not(stamp(parts, now), k, what);
  t.equal(
    stamp({ request: 'x' }, NOW),
    stamp({ request: 'x' }, NOW + 3_600_000),
    'no minute: the clock does not matter',
  );
});
