/**
 * Forgotten and changed passwords, and ending sessions, through HTTP as a browser would use them.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { App } from '../../app.ts';
import { queryRows } from '../../db/database.ts';
import { auditEvents, users } from '../../db/schema.ts';
import type { Services } from '../../services.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import { createTestAccount, createTestOrganisation, unique } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { MailMessage } from '../notifications/mailer.ts';
import { oneTimeLinks } from './auth-schema.ts';
import { createResetLink } from './password-service.ts';
import { verifyPassword } from './passwords.ts';

const { services, app } = await openTestApp({ PUBLIC_URL: 'https://wellwork.example' });

/** A network address of its own for each request, so that counts left by others never matter. */
const anAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Someone at a network address asking for a link, in a fresh browser. */
async function askForLink(application: App, email: string, address = anAddress()) {
  const page = await application.inject({ method: 'GET', url: '/forgot-password', remoteAddress: address });
  assert.equal(page.statusCode, 200);
  const cookie = [page.headers['set-cookie'] ?? []]
    .flat()
    .map((line) => String(line).split(';')[0])
    .join('; ');
  const token = String(cheerio.load(page.body)('input[name="_csrf"]').val());
  const response = await application.inject({
    method: 'POST',
    url: '/forgot-password',
    remoteAddress: address,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, email }).toString(),
  });
  const $ = cheerio.load(response.body);
  return {
    response,
    main: words($('main').text()),
    error: words($('.govuk-error-summary').text()),
  };
}

/** The next email to `to` sent after the outbox held `since` messages, waited for a while. */
async function emailTo(to: string, since: number): Promise<MailMessage | undefined> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const found = services.mailer.outbox.slice(since).find((m) => m.to === to);
    if (found) return found;
    await sleep(20);
  }
  return undefined;
}

const linkIn = (message: MailMessage) => {
  const link = /https:\/\/wellwork\.example\/reset-password\?token=[A-Za-z0-9_-]+/.exec(message.text)?.[0];
  assert.ok(link, message.text);
  return link;
};
const localPart = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

async function passwordHashOf(userId: number) {
  return (await services.users.findById(userId))?.passwordHash ?? null;
}

async function linksOf(userId: number) {
  return services.database.system.select().from(oneTimeLinks).where(eq(oneTimeLinks.userId, userId));
}

async function auditActions(userId: number, actions: string[]) {
  const rows = await services.database.system
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), inArray(auditEvents.action, actions)));
  return rows.map((r) => r.action);
}

async function countOf(table: string) {
  const rows = await queryRows<{ n: number }>(
    services.database.system,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return rows[0]?.n ?? 0;
}

/** Whether the session is still signed in: a signed-in page, or sent to sign in. */
async function signedIn(session: HttpSession): Promise<boolean> {
  const home = await session.get('/');
  if (home.statusCode === 200) return true;
  assert.equal(home.statusCode, 302);
  assert.match(String(home.headers.location), /^\/sign-in\?/);
  return false;
}

async function newAccount(services: Services, roles: Parameters<typeof createTestAccount>[2] = ['hr']) {
  const organisation = await createTestOrganisation(services, { name: `Merrowby Council ${unique('o')}` });
  return { organisation, account: await createTestAccount(services, organisation.id, roles) };
}

test('forgot password: the same answer whether or not the email has an account; only an account with a password is emailed', async () => {
  const { account } = await newAccount(services);
  const { account: disabled } = await newAccount(services);
  await services.users.setDisabled(disabled.id, true);
  const { account: singleSignOnOnly } = await newAccount(services);
  await services.database.system
    .update(users)
    .set({ passwordHash: null })
    .where(eq(users.id, singleSignOnOnly.id));
  const unknown = `${unique('nobody')}@test.example`;

  const since = services.mailer.outbox.length;
  const answers = [];
  for (const email of [account.email, unknown, disabled.email, singleSignOnOnly.email]) {
    const { response, main } = await askForLink(app, email);
    answers.push({ status: response.statusCode, main: main.replace(email, 'EMAIL') });
  }
  assert.equal(answers[0]?.status, 200);
  assert.match(answers[0]?.main ?? '', /Check your email/);
  assert.match(answers[0]?.main ?? '', /If EMAIL belongs to a Wellwork account with a password/);
  for (const answer of answers) assert.deepEqual(answer, answers[0]);

  const message = await emailTo(account.email, since);
  assert.ok(message, 'the account was emailed');
  const link = linkIn(message);
  assertEmail(message, { names: account.displayName, links: [link] });
  assert.match(message.text, /The link works once, for 1 hour/);
  // The email typed in capitals is the same account; by the time its email has come, whatever
  // else was to be sent has been: nobody else was emailed.
  await askForLink(app, account.email.toUpperCase());
  assert.ok(await emailTo(account.email, since + 1));
  for (const other of [unknown, disabled.email, singleSignOnOnly.email]) {
    assert.ok(!services.mailer.outbox.slice(since).some((m) => m.to === other), other);
  }
  assert.deepEqual(await linksOf(disabled.id), []);
  assert.deepEqual(await linksOf(singleSignOnOnly.id), []);

  // Only a hash of the link's secret is kept, and the link lasts an hour.
  const token = new URL(link).searchParams.get('token') ?? '';
  assert.equal(Buffer.from(token, 'base64url').length, 32);
  const stored = await linksOf(account.id);
  assert.equal(stored.length, 2);
  const mine = stored.find((l) => l.tokenHash === createHash('sha256').update(token).digest('hex'));
  assert.ok(mine, 'the link is kept as the SHA-256 hash of its secret');
  assert.equal(mine.purpose, 'reset-password');
  assert.ok(stored.every((l) => !l.tokenHash.includes(token)));
  const lasts = mine.expiresAt.getTime() - new Date(mine.createdAt).getTime();
  assert.ok(Math.abs(lasts - 3_600_000) < 60_000, `lasts ${lasts} ms`);
  assert.ok((await auditActions(account.id, ['password.reset-link-sent'])).length >= 1);
});

test('forgot password: an email or address is refused after a few requests, the same for unknown emails', async () => {
  const { account } = await newAccount(services);
  const unknown = `${unique('nobody')}@test.example`;
  for (const email of [account.email, unknown]) {
    for (let request = 1; request <= 5; request++) {
      assert.equal((await askForLink(app, email)).response.statusCode, 200, `${email} request ${request}`);
    }
    const refused = await askForLink(app, email);
    assert.equal(refused.response.statusCode, 429);
    assert.equal(refused.response.headers['retry-after'], '60');
    assert.match(
      refused.error,
      /There have been too many requests for a link for this email address\. Wait 1 minute, then try again\./,
    );
  }
  // Sign-in's counts are their own: the account can still sign in.
  assert.ok(await signedIn(await new HttpSession(app).signIn(account.email, account.password)));

  // From one address, 20 requests for any emails; then it waits.
  const address = anAddress();
  for (let request = 1; request <= 20; request++) {
    const email = `${unique('guess')}@test.example`;
    assert.equal((await askForLink(app, email, address)).response.statusCode, 200, `request ${request}`);
  }
  const refused = await askForLink(app, account.email, address);
  assert.equal(refused.response.statusCode, 429);
  assert.match(refused.error, /too many requests for a link from your network/);
});

test('forgot password: a missing or malformed email is named and nothing is written', async () => {
  const before = {
    throttle: await countOf('sign_in_throttle'),
    links: await countOf('one_time_links'),
    outbox: services.mailer.outbox.length,
  };
  for (const [email, problem] of [
    ['', /Enter your email address/],
    ['not an email', /Enter an email address in the correct format, like name@example\.org/],
    ['x'.repeat(400), /Enter your email address/],
  ] as const) {
    const { response, error } = await askForLink(app, email);
    assert.equal(response.statusCode, 400, email);
    assert.match(error, /There is a problem/);
    assert.match(error, problem);
    assert.equal(cheerio.load(response.body)('a[href="#email"]').length, 1);
  }
  await sleep(100);
  assert.deepEqual(
    {
      throttle: await countOf('sign_in_throttle'),
      links: await countOf('one_time_links'),
      outbox: services.mailer.outbox.length,
    },
    before,
  );
});

test('reset link: works once, ends every session, and the new password signs in', async () => {
  const { account } = await newAccount(services);
  const elsewhere = await new HttpSession(app).signIn(account.email, account.password);
  const since = services.mailer.outbox.length;
  await askForLink(app, account.email);
  const message = await emailTo(account.email, since);
  assert.ok(message);
  const link = localPart(linkIn(message));

  const browser = new HttpSession(app);
  const page = await browser.get(link);
  assert.equal(page.statusCode, 200);
  assert.equal(words(page.$('h1').text()), 'Choose a new password');
  assert.match(words(page.$('main').text()), new RegExp(`For your account ${account.email}`));
  const token = String(page.$('input[name="token"]').val());

  // Bad input: each problem named, and nothing written.
  const hashBefore = await passwordHashOf(account.id);
  for (const [form, problems] of [
    [{ password: '', confirmPassword: '' }, ['Enter a new password', 'Enter your new password again']],
    [{ password: 'short', confirmPassword: 'short' }, ['Password must be at least 12 characters']],
    [{ password: 'password1234', confirmPassword: 'password1234' }, ['Password is too common']],
    [
      { password: 'Merrowby2026!', confirmPassword: 'Merrowby2026!' },
      ['must not be built on the name Merrowby'],
    ],
    [{ password: 'quiet lantern morning', confirmPassword: 'quiet lantern evening' }, ['do not match']],
  ] as const) {
    const response = await browser.post('/reset-password', { token, ...form });
    assert.equal(response.statusCode, 400, JSON.stringify(form));
    const summary = words(response.$('.govuk-error-summary').text());
    for (const problem of problems) assert.ok(summary.includes(problem), `${summary} / ${problem}`);
  }
  assert.equal(await passwordHashOf(account.id), hashBefore);
  assert.ok((await linksOf(account.id)).every((l) => l.usedAt === null));
  assert.ok(await signedIn(elsewhere), 'bad input ends no session');

  const newPassword = 'quiet lantern morning';
  const done = await browser.post('/reset-password', {
    token,
    password: newPassword,
    confirmPassword: newPassword,
  });
  assert.equal(done.statusCode, 200);
  assert.match(words(done.$('main').text()), /Your password has been changed/);
  assert.equal(done.$('main a[href="/sign-in"]').length, 1);

  assert.equal(await signedIn(elsewhere), false, 'the session from before has ended');
  const hash = await passwordHashOf(account.id);
  assert.match(hash ?? '', /^\$argon2id\$/);
  assert.ok(await verifyPassword(hash ?? '', newPassword));
  await assert.rejects(new HttpSession(app).signIn(account.email, account.password));
  assert.ok(await signedIn(await new HttpSession(app).signIn(account.email, newPassword)));
  assert.deepEqual(await auditActions(account.id, ['password.reset']), ['password.reset']);

  // Once only.
  const again = await new HttpSession(app).get(link);
  assert.equal(again.statusCode, 410);
  assert.equal(words(again.$('h1').text()), 'This link has already been used');
  assert.equal(again.$('a[href="/forgot-password"]').text().trim(), 'Ask for a new link');
  const replay = await browser.post('/reset-password', {
    token,
    password: 'another fine phrase',
    confirmPassword: 'another fine phrase',
  });
  assert.equal(replay.statusCode, 410);
  assert.ok(await verifyPassword((await passwordHashOf(account.id)) ?? '', newPassword), 'unchanged');
});

test('reset link: an expired or unknown link says so, offers another, and changes nothing', async () => {
  const { account } = await newAccount(services);
  const expiredToken = await createResetLink(services, account.id, new Date(Date.now() - 1_000));
  const hashBefore = await passwordHashOf(account.id);
  const session = await new HttpSession(app).signIn(account.email, account.password);

  const expired = await new HttpSession(app).get(`/reset-password?token=${expiredToken}`);
  assert.equal(expired.statusCode, 410);
  assert.equal(words(expired.$('h1').text()), 'This link has expired');
  assert.match(words(expired.$('main').text()), /works for 1 hour after it is sent/);
  assert.equal(expired.$('a[href="/forgot-password"]').text().trim(), 'Ask for a new link');
  assert.equal(expired.$('input[type="password"]').length, 0);

  const browser = new HttpSession(app);
  await browser.get('/forgot-password');
  const post = await browser.post('/reset-password', {
    token: expiredToken,
    password: 'quiet lantern morning',
    confirmPassword: 'quiet lantern morning',
  });
  assert.equal(post.statusCode, 410);
  assert.equal(await passwordHashOf(account.id), hashBefore);
  assert.ok(await signedIn(session));

  for (const url of [
    '/reset-password',
    '/reset-password?token=made-up',
    `/reset-password?token=${'A'.repeat(43)}`,
  ]) {
    const unknown = await new HttpSession(app).get(url);
    assert.equal(unknown.statusCode, 400, url);
    assert.equal(words(unknown.$('h1').text()), 'This link does not work');
    assert.equal(unknown.$('a[href="/forgot-password"]').length, 1);
  }
});

test('change password: needs the current one, keeps this device signed in and ends the others', async () => {
  const { account } = await newAccount(services);
  const here = await new HttpSession(app).signIn(account.email, account.password);
  const there = await new HttpSession(app).signIn(account.email, account.password);

  // Reached from the header, through the account page.
  const home = await here.get('/');
  assert.equal(home.$('header a[href="/account"]').text().trim(), 'Your account');
  const accountPage = await here.get('/account');
  assert.equal(accountPage.statusCode, 200);
  assert.match(accountPage.$('a[href="/account/change-password"]').text(), /Change your password/);

  const page = await here.get('/account/change-password');
  assert.equal(page.statusCode, 200);
  assert.equal(words(page.$('h1').text()), 'Change your password');

  const hashBefore = await passwordHashOf(account.id);
  const sessionsBefore = await countOf('sessions');
  for (const [form, problems] of [
    [
      { currentPassword: '', password: '', confirmPassword: '' },
      ['Enter your current password', 'Enter a new password', 'Enter your new password again'],
    ],
    [
      {
        currentPassword: 'not my password',
        password: 'quiet lantern morning',
        confirmPassword: 'quiet lantern morning',
      },
      ['Your current password is not right'],
    ],
    [
      { currentPassword: account.password, password: 'Merrowby 2026', confirmPassword: 'Merrowby 2026' },
      ['Password must not be built on the name Merrowby'],
    ],
    [
      { currentPassword: account.password, password: account.password, confirmPassword: account.password },
      ['Choose a password different from your current one'],
    ],
  ] as const) {
    const response = await here.post('/account/change-password', form);
    assert.equal(response.statusCode, 400, JSON.stringify(form));
    const summary = words(response.$('.govuk-error-summary').text());
    for (const problem of problems) assert.ok(summary.includes(problem), `${summary} / ${problem}`);
  }
  assert.equal(await passwordHashOf(account.id), hashBefore);
  assert.equal(await countOf('sessions'), sessionsBefore);
  assert.ok(await signedIn(there));

  await here.get('/account/change-password');
  const newPassword = 'copper meadow lantern';
  const changed = await here.post('/account/change-password', {
    currentPassword: account.password,
    password: newPassword,
    confirmPassword: newPassword,
  });
  assert.equal(changed.statusCode, 302);
  assert.equal(changed.headers.location, '/account');
  assert.match(String(changed.headers['set-cookie']), /wellwork\.sid=/, 'a new session id');
  const after = await here.get('/account');
  assert.match(words(after.$('.govuk-notification-banner').text()), /Your password has been changed/);
  assert.ok(await signedIn(here), 'this device stays signed in');
  assert.equal(await signedIn(there), false, 'the other device is signed out');
  assert.ok(await verifyPassword((await passwordHashOf(account.id)) ?? '', newPassword));
  assert.deepEqual(await auditActions(account.id, ['password.changed']), ['password.changed']);
});

test('change password: an account without a password (single sign-on only) is not offered it', async () => {
  const { account } = await newAccount(services);
  const session = await new HttpSession(app).signIn(account.email, account.password);
  await services.database.system.update(users).set({ passwordHash: null }).where(eq(users.id, account.id));
  const page = await session.get('/account');
  assert.equal(page.statusCode, 200);
  assert.equal(page.$('a[href="/account/change-password"]').length, 0);
  assert.match(words(page.$('main').text()), /single sign-on/);
  assert.equal((await session.get('/account/change-password')).statusCode, 404);
  const posted = await session.post('/account/change-password', {
    currentPassword: '',
    password: 'copper meadow lantern',
    confirmPassword: 'copper meadow lantern',
  });
  assert.equal(posted.statusCode, 404);
  assert.equal(await passwordHashOf(account.id), null);
});

test('sign out of every device ends this session and every other', async () => {
  const { account } = await newAccount(services);
  const { account: someoneElse } = await newAccount(services);
  const here = await new HttpSession(app).signIn(account.email, account.password);
  const there = await new HttpSession(app).signIn(account.email, account.password);
  const other = await new HttpSession(app).signIn(someoneElse.email, someoneElse.password);
  await here.get('/account');
  const response = await here.post('/account/sign-out-everywhere', {});
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, '/sign-in');
  assert.equal(await signedIn(here), false);
  assert.equal(await signedIn(there), false);
  assert.ok(await signedIn(other), 'another account is untouched');
  assert.deepEqual(await auditActions(account.id, ['signed-out-everywhere']), ['signed-out-everywhere']);
});

test('removing a role or suspending access ends the account’s sessions; adding a role does not', async () => {
  const { organisation, account: admin } = await newAccount(services, ['organisation_admin', 'hr']);
  const person = await createTestAccount(services, organisation.id, ['hr', 'line_manager']);
  const adminSession = await new HttpSession(app).signIn(admin.email, admin.password);
  let personSession = await new HttpSession(app).signIn(person.email, person.password);
  const rolesUrl = `/o/${organisation.slug}/accounts/${person.id}/roles`;

  await adminSession.get(`/o/${organisation.slug}/accounts/${person.id}`);
  const added = await adminSession.post(rolesUrl, { roles: ['hr', 'line_manager', 'employee'] });
  assert.equal(added.statusCode, 302);
  assert.ok(await signedIn(personSession), 'a role added ends nothing');

  await adminSession.get(`/o/${organisation.slug}/accounts/${person.id}`);
  const removed = await adminSession.post(rolesUrl, { roles: ['employee'] });
  assert.equal(removed.statusCode, 302);
  assert.equal(await signedIn(personSession), false, 'a role removed ends the session');

  // Removing one's own role keeps one's own session.
  await adminSession.get(`/o/${organisation.slug}/accounts/${admin.id}`);
  const own = await adminSession.post(`/o/${organisation.slug}/accounts/${admin.id}/roles`, {
    roles: ['organisation_admin'],
  });
  assert.equal(own.statusCode, 302);
  assert.ok(await signedIn(adminSession));

  personSession = await new HttpSession(app).signIn(person.email, person.password);
  await adminSession.get(`/o/${organisation.slug}/accounts/${person.id}`);
  const suspended = await adminSession.post(`/o/${organisation.slug}/accounts/${person.id}`, {
    action: 'disable',
  });
  assert.equal(suspended.statusCode, 302);
  assert.equal(await signedIn(personSession), false, 'suspending access ends the session');
  assert.ok(await signedIn(adminSession));
});
