/**
 * Members and the admin area in Chromium: an organizer adds a member by e-mail, changes a role,
 * removes someone and meets the last-organizer rule as a plain refusal; a member sees names only; an
 * admin finds people, creates a community and retries a failed job. axe on every page, at desktop
 * width and on a 390 px phone; screenshots into test/screenshots/.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { community } from './helper';
import { browserWorld, press } from './browser-helper';

t.test('members and the admin area, clicked through', async (t) => {
  const { ctx, base, signedIn, clean, shot } = await browserWorld(t);
  const c = await community(ctx, 'guild');
  /** The page at a phone's width: nothing wider than the screen, axe clean, a screenshot. */
  const phone = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    t.ok(wide <= 390, `${name} fits a 390 px phone (${wide} px)`);
    await clean(page, `${name} (phone)`);
    await shot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1100, height: 900 });
  };
  const roleOf = async (personId: string) =>
    (
      await ctx.ds.query(
        `SELECT m.role FROM membership m JOIN community c ON c.id = m.community_id WHERE c.slug = 'guild' AND m.person_id = $1`,
        [personId],
      )
    )[0]?.role as string | undefined;

  // The organizer finds the members from the community page and adds someone by e-mail.
  const org = await signedIn(c.organizer.email);
  await org.goto(`${base}/c/guild`);
  await press(org, base, 'Members', 'link');
  t.equal(await org.locator('h1').textContent(), 'Members');
  await clean(org, 'members page');
  await org.getByLabel('E-mail address').fill('nina@guild.example');
  await org.getByLabel('Name (optional)').fill('Nina New');
  await org.locator('#member-role').selectOption('reviewer');
  await press(org, base, 'Add');
  t.match(await org.getByRole('status').textContent(), 'Nina New is a member now.');
  const nina = (await ctx.ds.query(`SELECT id FROM person WHERE email = 'nina@guild.example'`))[0].id as string;
  t.equal(await roleOf(nina), 'reviewer', 'added with the role chosen');
  // Adding her twice is refused in words, and what was typed stays.
  await org.getByLabel('E-mail address').fill('nina@guild.example');
  await press(org, base, 'Add');
  t.match(await org.getByRole('alert').textContent(), 'a member already');
  t.equal(await org.getByLabel('E-mail address').inputValue(), 'nina@guild.example');

  // A role changed in the list.
  await org.getByLabel('Role of Max Member', { exact: true }).selectOption('organizer');
  await press(org, base, 'Change the role of Max Member');
  t.match(await org.getByRole('status').textContent(), 'Max Member is now: organizer.');
  t.equal(await roleOf(c.member.id), 'organizer');
  await org.getByLabel('Role of Max Member', { exact: true }).selectOption('member');
  await press(org, base, 'Change the role of Max Member');
  t.equal(await roleOf(c.member.id), 'member');

  // Removing: Nina, then the admin who created the community — Olga is its last organizer now.
  await press(org, base, 'Remove Nina New from the community');
  t.match(await org.getByRole('status').textContent(), 'Nina New is no longer a member.');
  t.equal(await roleOf(nina), undefined);
  await press(org, base, 'Remove Admin from the community');
  t.equal(await roleOf(ctx.admin.id), undefined);
  await shot(org, 'members');

  // The last organizer can neither step down nor leave: a clear refusal, nothing changes.
  await org.getByLabel('Role of Olga Organizer', { exact: true }).selectOption('member');
  await press(org, base, 'Change the role of Olga Organizer');
  t.match(await org.getByRole('alert').textContent(), 'A community keeps at least one organizer');
  t.equal(await roleOf(c.organizer.id), 'organizer', 'still an organizer');
  await press(org, base, 'Leave this community');
  t.match(await org.getByRole('alert').textContent(), 'A community keeps at least one organizer');
  t.equal(await roleOf(c.organizer.id), 'organizer', 'still there');
  await clean(org, 'members page with a refusal');
  await phone(org, 'members');

  // A member sees who is in the community, not their addresses, and may only leave.
  const max = await signedIn(c.member.email);
  await max.goto(`${base}/c/guild/members`);
  await clean(max, 'members page, as a member');
  t.equal(await max.locator('main select').count(), 0, 'no role controls');
  t.notMatch(await max.locator('main').textContent(), 'org@guild.example', 'no addresses of others');
  t.equal(await max.getByRole('button', { name: 'Leave this community' }).count(), 1);
  t.equal(await max.getByRole('link', { name: 'Admin' }).count(), 0, 'no admin area in the menu');
  t.equal((await max.goto(`${base}/admin`))!.status(), 403, 'the admin area refuses a member');

  // The admin: people, communities, the job queue.
  const admin = await signedIn(ctx.admin.email);
  await press(admin, base, 'Admin', 'link');
  t.equal(await admin.locator('h1').textContent(), 'People');
  await clean(admin, 'admin: people');
  await admin.getByLabel('Find a person by e-mail address').fill('MEM@guild.example');
  await press(admin, base, 'Find');
  t.equal(await admin.locator('ul.members > li').count(), 1);
  t.match(await admin.locator('ul.members').textContent(), 'Max Member');
  await shot(admin, 'admin-people');

  await press(admin, base, 'Communities', 'link');
  await clean(admin, 'admin: communities');
  t.match(await admin.locator('ul.members').textContent(), 'guild community');
  await admin.getByLabel('Name', { exact: true }).fill('Second guild');
  await admin.getByLabel('Web address (lower-case letters, digits and dashes)').fill('second');
  await admin.getByLabel('Time zone (IANA, e.g. Europe/Helsinki)').fill('Europe/Helsinki');
  await press(admin, base, 'Create the community');
  t.equal(new URL(admin.url()).pathname, '/c/second/members', 'on to its members');
  const second = await ctx.req('GET', '/v1/communities/second', { token: ctx.admin.token });
  t.match(second.body, { name: 'Second guild', timeZone: 'Europe/Helsinki', myRole: 'organizer' });
  // A zone that is none is refused in words, and what was typed stays.
  await admin.goto(`${base}/admin/communities`);
  await admin.getByLabel('Name', { exact: true }).fill('Third');
  await admin.getByLabel('Web address (lower-case letters, digits and dashes)').fill('third');
  await admin.getByLabel('Time zone (IANA, e.g. Europe/Helsinki)').fill('Mars/Olympus');
  await press(admin, base, 'Create the community');
  t.match(await admin.getByRole('alert').textContent(), 'is not a time zone');
  t.equal(await admin.getByLabel('Name', { exact: true }).inputValue(), 'Third');
  await phone(admin, 'admin-communities');

  // A job out of attempts is listed as failed; the admin retries it.
  const [{ id }] = await ctx.ds.query(
    `SELECT (graphile_worker.add_job('bench-noop', '{}'::json, max_attempts => 1)).id::text AS id`,
  );
  await ctx.ds.query(
    `UPDATE graphile_worker._private_jobs SET attempts = 1, last_error = 'SMTP said 451: try again later' WHERE id = $1`,
    [id],
  );
  await press(admin, base, 'Admin', 'link');
  await press(admin, base, 'Job queue', 'link');
  await clean(admin, 'admin: jobs');
  t.match(await admin.locator('main').textContent(), `#${id} bench-noop`);
  t.match(await admin.locator('main').textContent(), 'failed');
  await shot(admin, 'admin-jobs');
  await press(admin, base, `Retry job ${id} now`);
  t.match(await admin.getByRole('status').textContent(), `Job ${id} is queued again`);
  const [job] = await ctx.ds.query('SELECT attempts FROM graphile_worker._private_jobs WHERE id = $1', [id]);
  t.equal(job.attempts, 0, 'a fresh set of attempts');
  t.equal(await admin.locator('ul.jobs > li').count(), 0, 'no failed job left');
  await phone(admin, 'admin-jobs');
});
