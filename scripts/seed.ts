/**
 * npm run seed -- --demo        a realistic demo community (skipped if it exists already)
 * npm run seed -- --scale N     N benchmark communities of 500 proposals with 3 reviews each
 * Uses DATABASE_URL, or the embedded database (attached when `npm start` is running).
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { buildServices } from '../src/app';
import { Logger, runOnce } from 'graphile-worker';
import { loadConfig } from '../src/config';
import { taskList } from '../src/worker/run';
import { drainOutbox } from '../src/queue/queue';
import { createMailer } from '../src/mail/transport';
import { Community } from '../src/modules/communities/community.entity';
import { createSignInLink, MAIL_LINK_MINUTES } from '../src/modules/auth/links';
import { cliDatabase } from './lib/cli-db';
import { DEMO_SLUG, DEMO_STEPS, seedDemo } from './seed/demo';
import { seedScale } from './seed/scale';

/**
 * A loopback stand-in for a chat's incoming webhook: every POST body is written to `dir` as a file.
 * It lives while the seed runs; afterwards the demo destination's later deliveries fail and, after
 * three in a row, pause it — which the organizers are then told about (the feature, shown).
 */
async function chatFolder(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      n++;
      const body = Buffer.concat(chunks).toString('utf8');
      fs.writeFileSync(path.join(dir, `${Date.now()}-${String(n).padStart(3, '0')}.json`), body);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    dir,
    url: `http://127.0.0.1:${port}/services/demo/platform-guild`,
    count: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The demo's pages worth opening, by what they show (pages, not the JSON API behind them). */
const DEMO_PAGES: [string, string][] = [
  ['what is next for you (home)', '/'],
  ['the guild', `/c/${DEMO_SLUG}`],
  ['proposals and decisions', `/c/${DEMO_SLUG}/proposals`],
  ['the task board', `/c/${DEMO_SLUG}/tasks`],
  ['topic wishes, most wanted first', `/c/${DEMO_SLUG}/wishes`],
  ['a series every second Thursday', `/c/${DEMO_SLUG}/series`],
  ['the community in figures', `/c/${DEMO_SLUG}/figures`],
  ["lessons learned (last month's)", '/lessons'],
  ['search the knowledge base', '/lessons?q=sampling%20traces'],
];

/** One person per role of the demo, and what their home page shows them. */
const DEMO_ROLES: [string, string][] = [
  ['demo.admin@example.com', 'admin: every community, the job queue'],
  ['olga.organizer@example.com', 'organizer: decisions to send, the agenda, the task board, community health'],
  ['raj.reviewer@example.com', 'reviewer: the review queue'],
  ['sam.speaker@example.com', 'speaker: a confirmed talk with its checklist, a nomination made'],
  ['mia.chen@example.com', 'speaker: an accepted talk to confirm'],
  ['omar.haddad@example.com', 'co-speaker: co-presents a talk; another invitation waits for an answer'],
  ['ana.silva@example.com', 'attendee: going to the next brown-bag, checked in last month (talks to rate)'],
  ['lucas.meyer@example.com', 'nominee: a colleague suggested a talk; the nomination waits for an answer'],
  ['eva.novak@example.com', 'organizer of the public frontend-meetup'],
];

/**
 * The address people open: PUBLIC_URL, else the one the running server (or the last one) listens on,
 * which it keeps in <dataDir>/public-url, else HOST and PORT of this environment.
 */
function publicUrlOf(config: { publicUrl: string; dataDir: string }): string {
  if (process.env.PUBLIC_URL || process.env.PORT) return config.publicUrl;
  try {
    return fs.readFileSync(path.join(config.dataDir, 'public-url'), 'utf8').trim() || config.publicUrl;
  } catch {
    return config.publicUrl;
  }
}

async function main() {
  const { values } = parseArgs({ options: { demo: { type: 'boolean' }, scale: { type: 'string' } } });
  const scale = values.scale === undefined ? 0 : Number(values.scale);
  if ((!values.demo && !scale) || !Number.isInteger(scale) || scale < 0 || scale > 1000) {
    console.error('usage: npm run seed -- --demo [--scale N]   (N: 1–1000 benchmark communities)');
    process.exit(2);
  }
  const db = await cliDatabase(4);
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} | {what}', stream: process.stderr },
    Presets.shades_classic,
  );
  try {
    if (values.demo) {
      if (await db.ds.getRepository(Community).existsBy({ slug: DEMO_SLUG })) {
        console.log(`demo: community ${DEMO_SLUG} exists already; nothing to do`);
      } else {
        const services = buildServices(db.ds, loadConfig().publicUrl, loadConfig().auth);
        const made = await services.people.bootstrapAdmin('demo.admin@example.com', 'Demo Admin');
        const admin = {
          id: made!.token.personId,
          email: 'demo.admin@example.com',
          name: 'Demo Admin',
          isAdmin: true,
          tokenId: made!.token.id,
        };
        // A stand-in for the guild's Slack channel: what Brownbag announces lands in a folder.
        const config0 = loadConfig();
        const chat = await chatFolder(path.join(config0.dataDir, 'announcements'));
        bar.start(DEMO_STEPS, 0, { what: '' });
        const tokens = await seedDemo(services, admin, (what) => bar.increment({ what }), { announceTo: chat.url });
        bar.stop();
        // Deliver what the demo set in motion (notices, invitations) now, so the mail folder shows it.
        const config = loadConfig();
        const mailer = createMailer(config);
        while ((await drainOutbox(db.ds.manager)) > 0); // receipts wait in job_outbox for a worker
        // The organizers' daily digest, now: community health tells Olga that attendance needs action.
        await db.ds.query(`SELECT graphile_worker.add_job('task-digests', '{}'::json)`);
        await runOnce({
          connectionString: db.url,
          // The stand-in listens on loopback, which deliveries refuse unless allowed (DESTINATIONS_ALLOW).
          taskList: taskList(db.ds, mailer, {
            ...config,
            destinationsAllow: [...config.destinationsAllow, new URL(chat.url).hostname],
          }),
          logger: new Logger(() => () => undefined),
        });
        mailer.close();
        await chat.close();
        console.log(
          `demo: ${chat.count()} announcements posted to #platform-guild (a stand-in for Slack), written to ${chat.dir}`,
        );
        const sent = config.smtpUrl ? `sent through ${mailer.describe}` : `written to ${config.mailDir}`;
        console.log(`\ndemo: notices and calendar invitations ${sent}.`);
        const url = publicUrlOf(config);
        console.log(
          `demo: communities ${DEMO_SLUG} and frontend-meetup are ready, with rooms, events, an agenda, RSVPs, checklists,`,
        );
        console.log("  last month's talks with feedback, lessons and a retrospective, nominations and topic wishes.");
        // The guild is internal (the default): a calendar client reads it through a personal feed URL.
        const olga = Object.keys(tokens)[0];
        const olgaActor = await services.people.authenticate(tokens[olga]);
        const feed = await services.feedTokens.create(olgaActor!, 'demo calendar');
        const webcal = url.replace(/^https?:/, 'webcal:');
        console.log(`  subscribe a calendar (${olga}'s personal URL, the guild is internal):`);
        console.log(`    ${webcal}/v1/feeds/${feed.secret}/communities/${DEMO_SLUG}/calendar.ics?talks=true`);
        console.log(`  frontend-meetup is public:  ${webcal}/v1/communities/frontend-meetup/calendar.ics`);
        console.log('\ndemo: pages to open in a browser (signed in):');
        for (const [what, page] of DEMO_PAGES) console.log(`  ${what.padEnd(34)} ${url}${page}`);
        if (config.auth.emailSignIn) {
          console.log(
            '\ndemo: sign in with one click, one person per role (each link works once, for a week; or ask for a link on the sign-in page):',
          );
          for (const [email, role] of DEMO_ROLES) {
            const link = await createSignInLink(db.ds, url, email, '/', MAIL_LINK_MINUTES);
            console.log(`  ${role}\n    ${email}  ${link}`);
          }
        }
        console.log('  API tokens to explore with:');
        console.log(`  demo.admin@example.com (admin)  ${made!.secret}`);
        for (const [email, token] of Object.entries(tokens).slice(0, 4)) console.log(`  ${email.padEnd(30)} ${token}`);
      }
    }
    if (scale) {
      bar.start(scale, 0, { what: '' });
      const r = await seedScale(db.ds, scale, 500, (what) => bar.increment({ what }));
      bar.stop();
      console.log(`scale: ${r.slugs.length} communities × 500 proposals × 3 reviews`);
    }
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((e) => {
  console.error(`brownbag seed: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
