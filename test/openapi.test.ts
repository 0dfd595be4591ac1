/**
 * The OpenAPI document is one others build on: every operation has a unique operationId (what
 * generated clients name their methods by), the document names its servers and its license.
 */
import t from 'tap';
import { operationIdOf } from '../src/http/openapi';
import { setup } from './helper';

t.test('operation ids, servers, license', async (t) => {
  const ctx = await setup(t);
  const doc = ctx.app.swagger() as {
    paths: Record<string, Record<string, { operationId?: string }>>;
    servers?: unknown[];
    info: { license?: { name: string } };
  };
  const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
  t.ok(ids.length > 80);
  t.equal(ids.filter((id) => !id).length, 0, 'every operation has an operationId');
  t.equal(new Set(ids).size, ids.length, 'and they are unique');
  t.ok(doc.servers?.length, 'servers');
  t.equal(doc.info.license?.name, 'MIT');
  t.equal(operationIdOf('GET', '/v1/proposals/:id/reviews'), 'getProposalsByIdReviews');
  t.equal(operationIdOf('PUT', '/v1/events/:id/rsvps/:personId/check-in'), 'putEventsByIdRsvpsByPersonIdCheckIn');
});
