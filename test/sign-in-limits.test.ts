/**
 * Sign-in links and the per-address limit (issue #26, item 3), over HTTP with the real worker and a
 * real SMTP server: only links people asked for count, for every address alike (known or not), a
 * refusal is a page that says so without telling who has an account, and a mail retried after an
 * SMTP outage carries the link it was first written with.
 */
import t from 'tap';
import { defaultAuth } from '../src/config';
import { MessageBuilder } from '../src/worker/messages';
import { community, setup } from './helper';
import { MAIL_SETTINGS, smtpSink, worker } from './mail-helper';

const FORM = 'application/x-www-form-urlencoded';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

t.test('sign-in links: the per-address limit counts what people asked for', async (t) => {
  const ctx = await setup(t);
  const sink = await smtpSink(t);
  await worker(t, ctx, sink.url, 5, { ...MAIL_SETTINGS, auth: defaultAuth });
  const c = await community(ctx, 'guild');
  const ask = (email: string, i: number) =>
    ctx.app.inject({
      method: 'POST',
      url: '/sign-in/email',
      headers: { 'content-type': FORM },
      payload: form({ email }),
      remoteAddress: `10.7.${i}.${Math.floor(Math.random() * 250)}`,
    });

  await t.test('links written into invitation mails do not use it up', async (t) => {
    const ivy = await ctx.person('ivy@guild.example', 'Ivy Invited');
    for (let i = 0; i < 6; i++) {
      const r = await ctx.req('POST', `/v1/communities/guild/proposals`, {
        token: c.speaker.token,
        body: {
          callId: c.callId,
          title: `Draft ${i}`,
          abstract: 'An abstract.',
          format: 'talk',
          track: 'backend',
          coSpeakers: [ivy.email],
        },
      });
      t.equal(r.status, 201);
    }
    await sink.waitFor((r) => r.to.includes(ivy.email), 6);
    const before = sink.received.length;
    t.equal((await ask(ivy.email, 1)).statusCode, 303, 'she may still ask for a link');
    const [m] = await sink.waitFor((r, i = sink.received.indexOf(r)) => i >= before && r.to.includes(ivy.email));
    t.match(m.mail.text, /sign-in\/link\?token=/, 'and it comes');
  });

  await t.test('known or not, the sixth request is refused and the page says so alike', async (t) => {
    const bodies: string[] = [];
    for (const email of [c.member.email, 'nobody@outside.example']) {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await ask(email, 2 + i);
        codes.push(r.statusCode);
        if (r.statusCode === 429) bodies.push(r.body.replace(/name="next"[^>]*/g, ''));
      }
      t.same(codes, [303, 303, 303, 303, 303, 429], email);
    }
    t.match(bodies[0], 'No new link was sent');
    t.equal(bodies[0], bodies[1], 'the refusal reads the same for an address with an account and one without');
    t.notMatch(bodies[0], /nobody@outside|mem@guild/);
  });

  await t.test('a mail retried after an SMTP outage carries the link it was first written with', async (t) => {
    const rita = await ctx.person('rita.retry@guild.example', 'Rita Retry');
    sink.state.refuse = true;
    const refusedBefore = sink.state.refused;
    const r = await ctx.req('POST', `/v1/communities/guild/proposals`, {
      token: c.speaker.token,
      body: {
        callId: c.callId,
        title: 'Retried',
        abstract: 'An abstract.',
        format: 'talk',
        track: 'backend',
        coSpeakers: [rita.email],
      },
    });
    t.equal(r.status, 201);
    for (;;) {
      if (sink.state.refused > refusedBefore) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    sink.state.refuse = false;
    const [m] = await sink.waitFor((x) => x.to.includes(rita.email), 1, 60000);
    const token = decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(m.mail.text ?? '')![1]);
    const rows = await ctx.ds.query(`SELECT count(*)::int AS n FROM sign_in_link WHERE email = $1`, [rita.email]);
    t.equal(rows[0].n, 1, 'one link for the mail, however often it was tried');
    const landed = await ctx.app.inject({ method: 'GET', url: `/sign-in/link?token=${encodeURIComponent(token)}` });
    t.equal(landed.statusCode, 200, 'and that link works');

    const builder = new MessageBuilder(ctx.ds, { ...MAIL_SETTINGS, auth: defaultAuth });
    const job = { kind: 'co-speaker-added' as const, proposalId: r.body.id, personId: rita.id, byId: c.speaker.id };
    const linkOf = async (id: string) =>
      /token=([A-Za-z0-9_%-]+)/.exec(String((await builder.build(job, id))!.text))![1];
    t.equal(await linkOf('991'), await linkOf('991'), 'the same job writes the same link');
    t.not(await linkOf('991'), await linkOf('992'), 'another job another');
  });
});
