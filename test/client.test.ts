/**
 * The typed client others would build: openapi-fetch with the types openapi-typescript made from
 * openapi/openapi.json (openapi/schema.d.ts), against the real app on a socket. The type checker
 * holds these calls to the document (a renamed field or path breaks the build); the run holds the
 * document to what the server answers.
 */
import createClient from 'openapi-fetch';
import t from 'tap';
import type { paths } from '../openapi/schema';
import { setup } from './helper';

t.test('a generated, typed client speaks to the API', async (t) => {
  const ctx = await setup(t);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as { port: number };
  const api = createClient<paths>({
    baseUrl: `http://127.0.0.1:${port}`,
    headers: { authorization: `Bearer ${ctx.admin.token}` },
  });

  const created = await api.POST('/v1/communities', {
    body: { slug: 'typed', name: 'Typed guild', timeZone: 'Europe/Berlin' },
  });
  t.equal(created.response.status, 201);
  t.equal(created.data?.slug, 'typed');

  const call = await api.POST('/v1/communities/{slug}/calls', {
    params: { path: { slug: 'typed' } },
    body: {
      title: 'Typed talks',
      opensAt: '2020-01-01T00:00:00Z',
      formats: [{ key: 'talk', name: 'Talk', durationMinutes: 30 }],
    },
  });
  t.equal(call.response.status, 201);
  const callId = call.data!.id;

  const proposal = await api.POST('/v1/communities/{slug}/proposals', {
    params: { path: { slug: 'typed' } },
    body: { callId, title: 'Types all the way down', format: 'talk', submit: true },
  });
  t.equal(proposal.data?.state, 'submitted');
  const list = await api.GET('/v1/communities/{slug}/proposals', {
    params: { path: { slug: 'typed' }, query: { state: ['submitted'] } },
  });
  t.same(
    list.data?.items.map((p) => p.title),
    ['Types all the way down'],
  );

  const refused = await api.POST('/v1/communities', {
    body: { slug: 'typed', name: 'Again', timeZone: 'Europe/Berlin' },
  });
  t.equal(refused.response.status, 409);
  t.equal(refused.error?.code, 'slug-taken', 'problems are typed too');
});
