/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`) run on loopback by the
 * test: the admin's settings, first and later sign-ins, the answers an attacker or a broken
 * provider might send (an ID token for another client, an expired one, a replayed state), the
 * people who may not sign in this way, and an organisation that requires it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { auditEvents, users } from '../../db/schema.ts';
import {
  allowsPlainHttp,
  checkIssuer,
  parseDomains,
  passwordRefusedBy,
} from '../../domain/single-sign-on.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
  unique,
} from '../../testing/factories.ts';
import { startTestProvider, type TestProvider } from '../../testing/oidc-test-provider.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { singleSignOn } from './auth-schema.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';
import { singleSignOnRepository } from './single-sign-on-repository.ts';
import { redirectUri } from './single-sign-on-service.ts';

const DOMAIN = 'trust.example.nhs.uk';
const { services, app } = await openTestApp();
const provider: TestProvider = await startTestProvider(redirectUri(services.config.publicUrl));
after(() => provider.close());
const organisation = await createTestOrganisation(services, { name: 'Riverside NHS Trust' });
const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);

before(async () => {
  // The organisation admin turns single sign-on on through the settings page.
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  await session.get(settingsPath());
  const saved = await session.post(settingsPath(), {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    allowedDomains: `${DOMAIN}, nhs.net`,
    enabled: 'yes',
    breakGlassUserId: '',
  });
  assert.equal(saved.statusCode, 302, saved.$('.govuk-error-summary').text());
});

const settingsPath = () => singleSignOnPaths.settings.build({ org: organisation.slug });
const startPath = () => singleSignOnPaths.start.build({ org: organisation.slug });

/** An employee on record with a work email, and their identity at the provider. */
async function employee(overrides: { email?: string; verified?: boolean } = {}) {
  const email = overrides.email ?? `${unique('pat')}@${DOMAIN}`;
  const row = personRow({ email, firstName: 'Pat', lastName: 'Kowalski' });
  await createTestPeople(services, organisation.id, [row]);
  const sub = unique('subject');
  provider.people.set(sub, { sub, email, email_verified: overrides.verified ?? true, name: 'Pat Kowalski' });
  return { sub, email, employeeNumber: row.employeeNumber };
}

/** Goes through the provider as `login` in a fresh browser: the session and Wellwork's answer. */
async function signInAs(login: string, session = new HttpSession(app)) {
  const start = await session.get(startPath());
  assert.equal(start.statusCode, 302);
  const authorization = new URL(String(start.headers.location));
  assert.equal(authorization.origin, provider.issuer);
  const back = await provider.signIn(authorization.href, login);
  const callbackPath = `${back.pathname}${back.search}`;
  const response = await session.get(callbackPath);
  return { session, response, callbackPath, authorization };
}

async function signedInAs(session: HttpSession): Promise<boolean> {
  const home = await session.get('/');
  return home.statusCode === 200;
}

const problem = (response: { $: (s: string) => { text(): string } }) =>
  response.$('#problem').text().replace(/\s+/g, ' ').trim();

/** The last refusal recorded for the organisation: its reason and the ID token claim that failed. */
async function lastRefusal() {
  const [row] = await services.database.system
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'single-sign-on.refused'))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row?.detail as { reason: string; claim?: string } | undefined;
}

async function accountCount() {
  const [row] = await services.database.system.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n);
}

test('the authorisation request carries PKCE (S256), a state and a nonce, and asks for the email', async () => {
  const { authorization } = await signInAs((await employee()).sub);
  const query = authorization.searchParams;
  assert.equal(query.get('code_challenge_method'), 'S256');
  assert.match(query.get('code_challenge') ?? '', /^[\w-]{43}$/);
  assert.ok((query.get('state') ?? '').length >= 20);
  assert.ok((query.get('nonce') ?? '').length >= 20);
  assert.equal(query.get('client_id'), provider.clientId);
  assert.equal(query.get('redirect_uri'), redirectUri(services.config.publicUrl));
  assert.deepEqual(query.get('scope')?.split(' ').sort(), ['email', 'openid', 'profile']);
});

test('a first sign-in makes the account, links it to the employee record, grants the employee role and records the identity', async () => {
  const person = await employee();
  const before = await accountCount();
  const { session, response } = await signInAs(person.sub);
  assert.equal(response.statusCode, 302, problem(response));
  assert.equal(response.headers.location, '/');
  assert.ok(await signedInAs(session));
  assert.equal(await accountCount(), before + 1);

  const user = await services.users.findByEmail(person.email);
  assert.ok(user);
  assert.equal(user.passwordHash, null, 'an account made by single sign-on has no password');
  assert.equal(user.displayName, 'Pat Kowalski');
  assert.deepEqual(await services.users.rolesIn(user.id, organisation.id), ['employee']);
  const identities = await singleSignOnRepository(services.database.system).identitiesOf(user.id);
  assert.deepEqual(identities, [{ issuer: provider.issuer, subject: person.sub }]);
  const { principal } = await services.users.loadPrincipal(user.id);
  assert.ok(principal?.personIds.has(organisation.id), 'linked to their employee record');
  // Their own absence page works: the employee role and the link to the record.
  const own = await session.get(`/o/${organisation.slug}/my/absence`);
  assert.equal(own.statusCode, 200);

  const events = await services.database.system
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.userId, user.id));
  assert.ok(events.some((e) => e.action === 'single-sign-on.account-created'));
  assert.ok(events.some((e) => e.action === 'signed-in'));
});

test('a later sign-in finds the same account by its identity at the provider', async () => {
  const person = await employee();
  const first = await signInAs(person.sub);
  assert.equal(first.response.statusCode, 302);
  const before = await accountCount();
  // Even if the email at the provider has changed since: the identity is what counts.
  provider.people.set(person.sub, { ...provider.people.get(person.sub)!, email: `moved@${DOMAIN}` });
  const second = await signInAs(person.sub);
  assert.equal(second.response.statusCode, 302, problem(second.response));
  assert.ok(await signedInAs(second.session));
  assert.equal(await accountCount(), before);
  const user = await services.users.findByEmail(person.email);
  assert.ok(user);
  const identities = await singleSignOnRepository(services.database.system).identitiesOf(user.id);
  assert.equal(identities.length, 1);
});

test('a provider that gives the email only from its userinfo endpoint is read there', async () => {
  const other = await startTestProvider(redirectUri(services.config.publicUrl), { emailInIdToken: false });
  after(() => other.close());
  const lakeside = await createTestOrganisation(services, { name: 'Lakeside Council' });
  await services.database.scoped({ organisationIds: [lakeside.id] }, (db) =>
    singleSignOnRepository(db).save(lakeside.id, {
      issuer: other.issuer,
      clientId: other.clientId,
      clientSecretSealed: services.sealer.seal(other.clientSecret, `single-sign-on:${lakeside.id}`),
      allowedDomains: ['lakeside.example.gov.uk'],
      enabled: true,
      required: false,
      breakGlassUserId: null,
      updatedBy: admin.id,
    }),
  );
  const email = `${unique('jo')}@lakeside.example.gov.uk`;
  await createTestPeople(services, lakeside.id, [personRow({ email })]);
  other.people.set('jo', { sub: 'jo', email, email_verified: true, name: 'Jo' });
  const session = new HttpSession(app);
  const start = await session.get(singleSignOnPaths.start.build({ org: lakeside.slug }));
  const back = await other.signIn(String(start.headers.location), 'jo');
  const response = await session.get(`${back.pathname}${back.search}`);
  assert.equal(response.statusCode, 302, problem(response));
  const user = await services.users.findByEmail(email);
  assert.ok(user);
  assert.deepEqual(await services.users.rolesIn(user.id, lakeside.id), ['employee']);
});

test('an ID token for another client (the wrong audience) is refused', async () => {
  const person = await employee();
  const before = await accountCount();
  provider.misbehave('wrong-audience');
  try {
    const { session, response } = await signInAs(person.sub);
    assert.equal(response.statusCode, 400);
    assert.match(problem(response), /sent an answer that Wellwork cannot trust/);
    assert.deepEqual(await lastRefusal(), { reason: 'untrusted-answer', claim: 'aud' });
    assert.equal(await signedInAs(session), false);
  } finally {
    provider.misbehave(null);
  }
  assert.equal(await accountCount(), before);
});

test('an expired ID token is refused', async () => {
  const person = await employee();
  provider.misbehave('expired-id-token');
  try {
    const { session, response } = await signInAs(person.sub);
    assert.equal(response.statusCode, 400);
    assert.match(problem(response), /cannot trust/);
    assert.deepEqual(await lastRefusal(), { reason: 'untrusted-answer', claim: 'exp' });
    assert.equal(await signedInAs(session), false);
  } finally {
    provider.misbehave(null);
  }
  // The same person signs in once the provider behaves.
  assert.equal((await signInAs(person.sub)).response.statusCode, 302);
});

test('a replayed answer is refused: the state is used once, and only in the session that started it', async () => {
  const person = await employee();
  const { session, response, callbackPath } = await signInAs(person.sub);
  assert.equal(response.statusCode, 302);
  const again = await session.get(callbackPath);
  assert.equal(again.statusCode, 400);
  assert.match(problem(again), /already been used or has timed out/);
  assert.ok(await signedInAs(session), 'the replay does not end the session it was used in');

  // Someone else's browser, given the address, gets nothing either.
  const other = await signInAs(person.sub);
  const attacker = new HttpSession(app);
  await attacker.get(startPath());
  const replayed = await attacker.get(other.callbackPath);
  assert.equal(replayed.statusCode, 400);
  assert.equal(await signedInAs(attacker), false);

  // A state that does not match the one the session keeps.
  const victim = new HttpSession(app);
  const start = await victim.get(startPath());
  const back = await provider.signIn(String(start.headers.location), person.sub);
  back.searchParams.set('state', 'not-the-state-that-was-sent');
  const forged = await victim.get(`${back.pathname}${back.search}`);
  assert.equal(forged.statusCode, 400);
  assert.equal((await lastRefusal())?.reason, 'untrusted-answer');
  assert.equal(await signedInAs(victim), false);
});

test('an email the provider has not verified, or in a domain not allowed, signs nobody in and makes no account', async () => {
  const unverified = await employee({ verified: false });
  const elsewhere = await employee({ email: `${unique('sam')}@gmail.example` });
  const before = await accountCount();

  const first = await signInAs(unverified.sub);
  assert.equal(first.response.statusCode, 403);
  assert.match(problem(first.response), /did not confirm your email address/);
  assert.equal(await signedInAs(first.session), false);

  const second = await signInAs(elsewhere.sub);
  assert.equal(second.response.statusCode, 403);
  assert.match(problem(second.response), /not one that Riverside NHS Trust lets sign in/);
  assert.equal(await signedInAs(second.session), false);

  // Nobody on record with the email: nothing is made either.
  const sub = unique('stranger');
  provider.people.set(sub, { sub, email: `${sub}@${DOMAIN}`, email_verified: true, name: 'A Stranger' });
  const third = await signInAs(sub);
  assert.equal(third.response.statusCode, 403);
  assert.match(problem(third.response), /could not find your email address/);

  assert.equal(await accountCount(), before);
  const refused = await services.database.system
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'single-sign-on.refused'));
  assert.ok(refused.length >= 3);
});

test('an account with roles in another organisation is not taken over by this organisation’s provider', async () => {
  const person = await employee();
  const other = await createTestOrganisation(services);
  await createTestAccount(services, other.id, ['hr'], { email: person.email });
  const { session, response } = await signInAs(person.sub);
  assert.equal(response.statusCode, 403);
  assert.match(problem(response), /roles in another organisation/);
  assert.equal(await signedInAs(session), false);
});

test('an organisation that requires single sign-on refuses passwords, except the break-glass admin’s', async () => {
  const required = await createTestOrganisation(services, { name: 'Hillside Council' });
  const breakGlass = await createTestAccount(services, required.id, ['organisation_admin']);
  const otherAdmin = await createTestAccount(services, required.id, ['organisation_admin']);
  const staff = await createTestAccount(services, required.id, ['employee', 'line_manager']);
  // A partnership-wide account with roles elsewhere keeps its password.
  const elsewhere = await createTestAccount(services, required.id, ['hr']);
  await services.users.grant(elsewhere.id, organisation.id, ['hr']);

  const session = await new HttpSession(app).signIn(breakGlass.email, breakGlass.password);
  const path = singleSignOnPaths.settings.build({ org: required.slug });
  await session.get(path);
  const values = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    allowedDomains: 'hillside.example.gov.uk',
    enabled: 'yes',
    required: 'yes',
  };
  // Requiring it needs a break-glass account.
  const missing = await session.post(path, { ...values, breakGlassUserId: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.$('.govuk-error-summary').text(), /Choose the break-glass account/);
  assert.equal(
    (await singleSignOnRepository(services.database.system).find(required.id))?.required ?? false,
    false,
  );
  const saved = await session.post(path, { ...values, breakGlassUserId: String(breakGlass.id) });
  assert.equal(saved.statusCode, 302);

  for (const refused of [staff, otherAdmin]) {
    await assert.rejects(new HttpSession(app).signIn(refused.email, refused.password), /403/);
    const page = new HttpSession(app);
    await page.get('/sign-in');
    const answer = await page.post('/sign-in', { email: refused.email, password: refused.password });
    assert.match(
      answer.$('.govuk-error-summary').text(),
      /Hillside Council asks everyone to sign in with their organisation’s account/,
    );
    assert.equal(
      answer.$('#single-sign-on a').attr('href'),
      `${singleSignOnPaths.start.build({ org: required.slug })}?returnTo=%2F`,
    );
  }
  await new HttpSession(app).signIn(breakGlass.email, breakGlass.password);
  await new HttpSession(app).signIn(elsewhere.email, elsewhere.password);
});

test('the client secret is never shown again, and is kept sealed', async () => {
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  const page = await session.get(settingsPath());
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes(provider.clientSecret));
  assert.equal(page.$('#clientSecret').val() ?? '', '');
  assert.match(page.$('#secret-saved').text(), /A client secret is saved/);
  assert.equal(page.$('#redirect-uri').text().trim(), redirectUri(services.config.publicUrl));
  const [row] = await services.database.system
    .select()
    .from(singleSignOn)
    .where(eq(singleSignOn.organisationId, organisation.id));
  assert.ok(row);
  assert.ok(!row.clientSecretSealed.includes(provider.clientSecret));
  assert.equal(
    services.sealer.open(row.clientSecretSealed, `single-sign-on:${organisation.id}`),
    provider.clientSecret,
  );

  // Saving other changes with the secret left empty keeps it; an error page does not echo one typed.
  const kept = await session.post(settingsPath(), {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: '',
    allowedDomains: `${DOMAIN}, nhs.net`,
    enabled: 'yes',
  });
  assert.equal(kept.statusCode, 302);
  const [after] = await services.database.system
    .select()
    .from(singleSignOn)
    .where(eq(singleSignOn.organisationId, organisation.id));
  assert.equal(after?.clientSecretSealed, row.clientSecretSealed);
  const typed = 'a-new-secret-typed-on-a-form-with-a-mistake';
  const wrong = await session.post(settingsPath(), {
    issuer: 'http://sso.example.test',
    clientId: provider.clientId,
    clientSecret: typed,
    allowedDomains: 'not a domain!',
    enabled: 'yes',
  });
  assert.equal(wrong.statusCode, 400);
  assert.ok(!wrong.body.includes(typed));
  const summary = wrong.$('.govuk-error-summary').text();
  assert.match(summary, /Enter an issuer address that starts with https:\/\//);
  assert.match(summary, /is not an email domain/);
  const [unchanged] = await services.database.system
    .select()
    .from(singleSignOn)
    .where(eq(singleSignOn.organisationId, organisation.id));
  assert.deepEqual(unchanged, after);
});

test('a provider at a plain http address other than this machine is refused, by the form and at sign-in', async () => {
  assert.equal(checkIssuer('http://sso.example.test').ok, false);
  assert.equal(checkIssuer('https://login.microsoftonline.com/tenant/v2.0').ok, true);
  assert.equal(checkIssuer('http://127.0.0.1:4000').ok, true);
  assert.equal(allowsPlainHttp(new URL('http://sso.example.test')), false);
  assert.equal(allowsPlainHttp(new URL('http://localhost:4000')), true);
  assert.equal(allowsPlainHttp(new URL('https://login.example')), false);

  // Put on record behind the form's back, it is still not used.
  const insecure = await createTestOrganisation(services);
  await services.database.scoped({ organisationIds: [insecure.id] }, (db) =>
    singleSignOnRepository(db).save(insecure.id, {
      issuer: 'http://sso.example.test',
      clientId: 'wellwork',
      clientSecretSealed: services.sealer.seal('secret', `single-sign-on:${insecure.id}`),
      allowedDomains: ['example.test'],
      enabled: true,
      required: false,
      breakGlassUserId: null,
      updatedBy: admin.id,
    }),
  );
  const response = await new HttpSession(app).get(singleSignOnPaths.start.build({ org: insecure.slug }));
  assert.equal(response.statusCode, 502);
  assert.match(problem(response), /could not reach/);

  // openid-client itself refuses plain http unless told otherwise, which Wellwork does only for loopback.
  await assert.rejects(oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret));
});

test('the sign-in page leads to the organisation’s provider from a work email address', async () => {
  const session = new HttpSession(app);
  const signIn = await session.get('/sign-in');
  const href = signIn.$('#single-sign-on a').attr('href');
  assert.equal(href, `${singleSignOnPaths.findOrganisation.build()}?returnTo=%2F`);
  await session.get(href);
  const found = await session.post(singleSignOnPaths.findOrganisation.build(), {
    email: `someone@${DOMAIN.toUpperCase()}`,
    returnTo: '/',
  });
  assert.equal(found.statusCode, 200);
  assert.equal(found.$('h1').text().trim(), 'Sign in with your Riverside NHS Trust account');
  assert.equal(found.$('main a.govuk-button').attr('href'), `${startPath()}?returnTo=%2F`);
  const unknown = await session.post(singleSignOnPaths.findOrganisation.build(), {
    email: 'someone@unknown.example',
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.$('.govuk-error-summary').text(), /No organisation in Wellwork/);
  const empty = await session.post(singleSignOnPaths.findOrganisation.build(), { email: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.$('.govuk-error-summary').text(), /Enter your work email address/);
});

test('the rules: domains as typed, and who keeps a password', () => {
  assert.deepEqual(parseDomains('Trust.NHS.uk, @nhs.net\nnhs.net'), {
    domains: ['trust.nhs.uk', 'nhs.net'],
    invalid: [],
  });
  assert.deepEqual(parseDomains('nhs.net, not a domain').invalid, ['not', 'a', 'domain']);
  const rules = [
    { organisationId: 1, enabled: true, required: true, breakGlassUserId: 10 },
    { organisationId: 2, enabled: true, required: false, breakGlassUserId: null },
    { organisationId: 3, enabled: false, required: true, breakGlassUserId: null },
  ];
  assert.equal(passwordRefusedBy(11, [1], rules), 1);
  assert.equal(passwordRefusedBy(10, [1], rules), null, 'the break-glass account');
  assert.equal(passwordRefusedBy(11, [1, 2], rules), null, 'roles in an organisation without the rule');
  assert.equal(passwordRefusedBy(11, [3], rules), null, 'required but turned off');
  assert.equal(passwordRefusedBy(11, [], rules), null);
});
