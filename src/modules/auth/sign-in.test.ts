import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { eq, sql } from 'drizzle-orm';
import { buildApp, type App } from '../../app.ts';
import { queryRows } from '../../db/database.ts';
import { appSettings } from '../../db/schema.ts';
import { signInThrottle } from './auth-schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation, unique } from '../../testing/factories.ts';
import { openTestApp, openTestServices } from '../../testing/test-services.ts';
import { markDemoLoaded } from '../../db/demo-setting.ts';

/** A network address of its own for each test, so that counts left by other tests never matter. */
const anAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function cookiesOf(headers: Record<string, unknown>): string[] {
  return [headers['set-cookie'] ?? []].flat() as string[];
}

/**
 * Someone at a network address signing in through the page: a fresh browser each time, which
 * reads the sign-in page for its form token and then sends the form.
 */
async function signInFrom(
  app: App,
  address: string,
  form: { email: string; password: string; returnTo?: string },
) {
  const page = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address });
  const cookie = cookiesOf(page.headers)
    .map((line) => line.split(';')[0])
    .join('; ');
  const token = String(cheerio.load(page.body)('input[name="_csrf"]').val());
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: address,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, returnTo: '/', ...form }).toString(),
  });
  const $ = cheerio.load(response.body);
  return { response, error: $('.govuk-error-summary').text().replace(/\s+/g, ' ').trim() };
}

const refusedAsWrong = /The email address or password is not right/;

test('sign-in: only a path on this service is kept to return to, from the page and from the form', async () => {
  const { services, app } = await openTestApp({ PUBLIC_URL: 'https://wellwork.example' });
  const organisation = await createTestOrganisation(services);
  // A role that signs in with a password alone (HR would set up an authenticator app first).
  const account = await createTestAccount(services, organisation.id, ['line_manager']);
  const address = anAddress();
  const elsewhere = [
    '/\t/evil.example',
    '/\t\\evil.example',
    '/\\evil.example',
    '//evil.example',
    'https://evil.example/',
    '/\r\nSet-Cookie: x=y',
    '/\nevil',
    '/people\u3000',
    'https://wellwork.example.evil.example/',
  ];
  for (const returnTo of elsewhere) {
    const page = await app.inject({
      method: 'GET',
      url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
      remoteAddress: address,
    });
    assert.equal(page.statusCode, 200, JSON.stringify(returnTo));
    assert.equal(cheerio.load(page.body)('input[name="returnTo"]').val(), '/', JSON.stringify(returnTo));

    const { response } = await signInFrom(app, address, { ...account, returnTo });
    assert.equal(response.statusCode, 302, JSON.stringify(returnTo));
    assert.equal(response.headers.location, '/', JSON.stringify(returnTo));
  }

  const here = `/o/${organisation.slug}/people?q=smith#results`;
  const page = await app.inject({ method: 'GET', url: `/sign-in?returnTo=${encodeURIComponent(here)}` });
  assert.equal(cheerio.load(page.body)('input[name="returnTo"]').val(), here);
  const { response } = await signInFrom(app, address, { ...account, returnTo: here });
  assert.equal(response.headers.location, here);
});

test('sign-in: after 5 failures an account waits a minute, then longer; a success clears its count', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const other = await createTestAccount(services, organisation.id, ['hr']);
  const address = anAddress();
  const wrong = { email: account.email, password: 'not the right password' };
  const db = services.database.system;
  const timePasses = (interval: string) =>
    db.execute(sql`update sign_in_throttle set last_failure_at = last_failure_at - ${interval}::interval`);

  for (let attempt = 1; attempt <= 5; attempt++) {
    const { response, error } = await signInFrom(app, address, wrong);
    assert.equal(response.statusCode, 400);
    assert.match(error, refusedAsWrong);
  }
  // Even the right password now waits, and is not looked at.
  const refused = await signInFrom(app, address, account);
  assert.equal(refused.response.statusCode, 429);
  assert.match(
    refused.error,
    /There have been too many failed attempts to sign in to this account\. Wait 1 minute, then try again\./,
  );
  assert.equal(refused.response.headers['retry-after'], '60');
  // The same email typed in capitals is the same account.
  const shouted = await signInFrom(app, address, { ...account, email: account.email.toUpperCase() });
  assert.equal(shouted.response.statusCode, 429);

  // Another account, from the same address, is not held up.
  assert.equal((await signInFrom(app, address, other)).response.statusCode, 302);

  // A minute later, one more try; a failure then waits twice as long.
  await timePasses('61 seconds');
  assert.match((await signInFrom(app, address, wrong)).error, refusedAsWrong);
  assert.match((await signInFrom(app, address, account)).error, /Wait 2 minutes, then try again/);
  await timePasses('121 seconds');
  assert.equal((await signInFrom(app, address, account)).response.statusCode, 302);

  // The success cleared the account's count: five failures are allowed again.
  for (let attempt = 1; attempt <= 5; attempt++) {
    assert.match((await signInFrom(app, address, wrong)).error, refusedAsWrong);
  }
  assert.equal((await signInFrom(app, address, account)).response.statusCode, 429);
});

test('sign-in: successful sign-ins are not counted', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const address = anAddress();
  for (let attempt = 1; attempt <= 25; attempt++) {
    const { response } = await signInFrom(app, address, account);
    assert.equal(response.statusCode, 302, `sign-in ${attempt}`);
  }
});

test('sign-in: after 20 failures from one address, guesses at any account from it wait', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const address = anAddress();
  for (let attempt = 1; attempt <= 20; attempt++) {
    const email = `${unique('guess')}@example.org`;
    const { response, error } = await signInFrom(app, address, { email, password: 'password1234' });
    assert.equal(response.statusCode, 400, `guess ${attempt}`);
    assert.match(error, refusedAsWrong);
  }
  const refused = await signInFrom(app, address, account);
  assert.equal(refused.response.statusCode, 429);
  assert.match(
    refused.error,
    /There have been too many failed attempts to sign in from your network\. Wait 1 minute, then try again\./,
  );
  // The account itself is not held up from another address.
  assert.equal((await signInFrom(app, anAddress(), account)).response.statusCode, 302);
  // Neither the address nor the email is kept as such: only hashes of them.
  const keys = await services.database.system.select({ key: signInThrottle.key }).from(signInThrottle);
  assert.ok(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key)));
});

test('sign-in: attempts sent all at once are counted one after another', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const address = anAddress();
  const attempts = await Promise.all(
    Array.from({ length: 12 }, () =>
      signInFrom(app, address, { email: account.email, password: 'not the right password' }),
    ),
  );
  const statuses = attempts.map((a) => a.response.statusCode).sort();
  assert.deepEqual(statuses, [...Array<number>(5).fill(400), ...Array<number>(7).fill(429)]);
});

test('sign-in: two servers on one database share the counts', async () => {
  const { services, app } = await openTestApp();
  // On PostgreSQL the second server has connections of its own, as another process would.
  const secondServices = process.env.TEST_DATABASE_URL ? await openTestServices() : services;
  const second = await buildApp(secondServices, { logger: false });
  await second.ready();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const address = anAddress();
  const wrong = { email: account.email, password: 'not the right password' };
  for (let attempt = 1; attempt <= 5; attempt++) {
    const server = attempt % 2 === 0 ? app : second;
    assert.match((await signInFrom(server, address, wrong)).error, refusedAsWrong);
  }
  assert.equal((await signInFrom(app, address, account)).response.statusCode, 429);
  assert.equal((await signInFrom(second, address, account)).response.statusCode, 429);
  await second.close();
});

test('sign-in: with an https:// PUBLIC_URL behind a proxy, cookies are Secure and signing in works', async () => {
  const { services, app } = await openTestApp({ PUBLIC_URL: 'https://wellwork.example' });
  const organisation = await createTestOrganisation(services);
  // A role that signs in with a password alone (HR would set up an authenticator app first).
  const account = await createTestAccount(services, organisation.id, ['line_manager']);
  // The proxy ends TLS and speaks plain HTTP to the service; TRUST_PROXY is off.
  const { response } = await signInFrom(app, anAddress(), account);
  assert.equal(response.statusCode, 302);
  assert.match(String(response.headers['strict-transport-security']), /max-age=/);
  const session = cookiesOf(response.headers).find((c) => c.startsWith('wellwork.sid='));
  assert.ok(session, 'the session cookie is set');
  assert.match(session, /; Secure/i);
  assert.match(session, /; HttpOnly/i);
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie: session.split(';')[0] } });
  assert.equal(home.statusCode, 200, 'the session holds');

  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const form = cookiesOf(page.headers).find((c) => c.startsWith('wellwork.csrf='));
  assert.match(form ?? '', /; Secure/i);

  // Served over plain http, as in development, the cookies are not marked Secure.
  const { app: plain } = await openTestApp();
  const plainPage = await plain.inject({ method: 'GET', url: '/sign-in' });
  assert.ok(cookiesOf(plainPage.headers).every((c) => !/; Secure/i.test(c)));
});

test('sign-in: showing the sign-in page keeps nothing on the server; its form is still checked', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const db = services.database.system;
  const sessionCount = async () =>
    (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sessions`))[0]?.n;
  const before = await sessionCount();
  for (let visit = 1; visit <= 50; visit++) {
    const page = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress: anAddress() });
    assert.equal(page.statusCode, 200);
    assert.ok(cookiesOf(page.headers).every((c) => !c.startsWith('wellwork.sid=')));
  }
  assert.equal(await sessionCount(), before, 'no session was written');

  // Signing in still works, and writes the one session.
  const person = await new HttpSession(app).signIn(account.email, account.password);
  assert.equal((await person.get('/')).statusCode, 200);
  assert.equal(await sessionCount(), (before ?? 0) + 1);

  // A form without its token, with a made-up one, or with another browser's is refused.
  const browser = new HttpSession(app);
  await browser.get('/sign-in');
  const form = { email: account.email, password: account.password, returnTo: '/' };
  assert.equal((await browser.post('/sign-in', form, { csrf: false })).statusCode, 403);
  assert.equal((await browser.post('/sign-in', { ...form, _csrf: 'made-up' })).statusCode, 403);
  const another = new HttpSession(app);
  const othersPage = await another.get('/sign-in');
  const othersToken = String(othersPage.$('input[name="_csrf"]').val());
  assert.equal((await browser.post('/sign-in', { ...form, _csrf: othersToken })).statusCode, 403);
  // Without any cookie at all.
  const bare = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, _csrf: othersToken }).toString(),
  });
  assert.equal(bare.statusCode, 403);
  assert.equal(await sessionCount(), (before ?? 0) + 1);
});

test('sign-in: the page says plainly when the service is a demonstration', async () => {
  const { services, app } = await openTestApp();
  const db = services.database.system;
  const warning = async () =>
    cheerio
      .load((await app.inject({ method: 'GET', url: '/sign-in' })).body)('#demo-warning')
      .text()
      .replace(/\s+/g, ' ')
      .trim();
  assert.equal(await warning(), '');
  await markDemoLoaded(db, '2026-11-23');
  try {
    assert.match(
      await warning(),
      /This is a demonstration: its accounts and their passwords are published, so anyone can sign in\. Do not enter real data\./,
    );
  } finally {
    await db.delete(appSettings).where(eq(appSettings.key, 'demo_loaded_on'));
  }
});

test('sign-in: a success takes back its own count from its address, and leaves others’ failures', async () => {
  const services = await openTestServices();
  const throttle = services.signInThrottle;
  const address = anAddress();
  const failedAt = new Date('2026-11-23T10:00:00.123Z');
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await throttle.take({ email: `${unique('guess')}@example.org`, address }, failedAt);
    assert.equal(taken.refused, null);
  }
  const attempt = { email: `${unique('person')}@example.org`, address };
  const taken = await throttle.take(attempt, new Date('2026-11-23T10:05:00Z'));
  if (taken.refused) throw new Error('refused');
  await throttle.succeeded(attempt, taken);
  const rows = await services.database.system.select().from(signInThrottle);
  const at = (instant: Date) => rows.filter((r) => r.lastFailureAt.getTime() === instant.getTime());
  assert.deepEqual(
    at(failedAt)
      .map((r) => r.failures)
      .sort(),
    [1, 1, 1, 3],
    'the three guessed accounts, and the address as it was',
  );
  assert.deepEqual(at(taken.at), [], 'the account that signed in has no count left');
});

test('sign-in: each field shows only its own problem', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const person = await createTestAccount(services, organisation.id, ['employee']);
  const fieldError = (body: string, field: string) =>
    cheerio.load(body)(`#${field}-error`).text().replace(/\s+/g, ' ').trim();

  const wrong = await signInFrom(app, anAddress(), { email: person.email, password: 'not the right one' });
  assert.match(fieldError(wrong.response.body, 'email'), refusedAsWrong);
  assert.equal(fieldError(wrong.response.body, 'password'), '', 'a password was entered');

  const blank = await signInFrom(app, anAddress(), { email: '', password: '' });
  assert.match(fieldError(blank.response.body, 'email'), /Enter your email address/);
  assert.match(fieldError(blank.response.body, 'password'), /Enter your password/);
});
