/**
 * The second factor, through the pages: accounts whose roles require it set up an authenticator
 * app before anything else; signing in then asks for its code, which works once, within a step
 * of now; recovery codes work once each; wrong codes are throttled like wrong passwords; the
 * secret is kept sealed; and an organisation admin's reset is audited and signs the account out.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.ts';
import { secondFactorRequired, SINGLE_SIGN_ON } from '../../domain/second-factor.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../../testing/factories.ts';
import {
  authenticatorCode,
  currentStep,
  keptAuthenticator,
  rememberAuthenticator,
} from '../../testing/second-factor.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { App } from '../../app.ts';
import type { Services } from '../../services.ts';
import { authenticatorApps, recoveryCodes } from './auth-schema.ts';

const errorOf = (page: Awaited<ReturnType<HttpSession['get']>>) =>
  page.$('.govuk-error-summary').text().replace(/\s+/g, ' ').trim();

/** Signs in with the password only: the answer says where the service sends the person next. */
async function passwordStep(app: App, email: string, password: string) {
  const session = new HttpSession(app);
  await session.get('/sign-in');
  const response = await session.post('/sign-in', { email, password, returnTo: '/' });
  return { session, response };
}

async function codeStep(session: HttpSession, code: string) {
  await session.get('/sign-in/code');
  return session.post('/sign-in/code', { code });
}

async function signedIn(session: HttpSession): Promise<boolean> {
  const home = await session.get('/');
  return home.statusCode === 200;
}

async function auditOf(services: Services, action: string, userId: number) {
  return services.database.system
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, String(userId))));
}

/** An HR account that has set up its app through the pages, and the app's key. */
async function enrolledHr(services: Services, app: App, organisationId: number) {
  const account = await createTestAccount(services, organisationId, ['hr']);
  const session = await new HttpSession(app).signIn(account.email, account.password);
  const kept = keptAuthenticator(account.email);
  assert.ok(kept, 'the app was set up on first sign-in');
  return { account, session, kept };
}

test('second factor: HR is taken to set up an app on signing in, and can do nothing else until it is done', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);

  const { session, response } = await passwordStep(app, account.email, account.password);
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, '/account/authenticator?returnTo=%2F');
  for (const url of ['/', `/o/${organisation.slug}/people`, '/invitations']) {
    const page = await session.get(url);
    assert.equal(page.statusCode, 303, url);
    assert.equal(page.headers.location, `/account/authenticator?returnTo=${encodeURIComponent(url)}`);
  }
  const people = await session.get('/account/authenticator');
  assert.equal(people.statusCode, 200);
  // Nothing is changed by a form sent elsewhere either.
  const refused = await session.post(`/o/${organisation.slug}/people/new`, { firstName: 'Sam' });
  assert.equal(refused.statusCode, 303);

  const setUp = await session.get(
    '/account/authenticator?returnTo=%2Fo%2F' + organisation.slug + '%2Fpeople',
  );
  assert.equal(setUp.$('h1').text(), 'Set up an authenticator app');
  assert.match(setUp.body, /Your roles let you see other people’s records/);
  const secret = setUp.$('#secret').text().replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the key is shown to type in');
  const svg = setUp.$('.app-qr-code svg');
  assert.equal(svg.attr('role'), 'img');
  assert.ok(svg.find('path').length > 0, 'the QR code is drawn on the page');
  const link = setUp.$('a[href^="otpauth://"]').attr('href') ?? '';
  assert.match(link, /^otpauth:\/\/totp\/Wellwork:/);
  assert.match(link, new RegExp(`secret=${secret}`));
  // Shown again, the same key: the app being set up is kept until confirmed.
  assert.equal((await session.get('/account/authenticator')).$('#secret').text().replace(/\s/g, ''), secret);

  const empty = await session.post('/account/authenticator', { code: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(errorOf(empty), /Enter the 6-digit code your authenticator app shows/);
  const wrongCode = String((Number(authenticatorCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
  const wrong = await session.post('/account/authenticator', { code: wrongCode });
  assert.equal(wrong.statusCode, 400);
  assert.match(errorOf(wrong), /The code is not right/);
  assert.equal((await session.get('/')).statusCode, 303, 'still not set up');

  const step = currentStep();
  const done = await session.post('/account/authenticator', {
    code: authenticatorCode(secret, { step }),
    returnTo: `/o/${organisation.slug}/people`,
  });
  assert.equal(done.statusCode, 200);
  const codes = done
    .$('#recovery-codes code')
    .map((_, c) => done.$(c).text())
    .get();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  assert.equal(done.$('a.govuk-button').attr('href'), `/o/${organisation.slug}/people`);
  assert.ok(await signedIn(session), 'set up, HR uses the service');
  assert.equal((await auditOf(services, 'authenticator.set-up', account.id)).length, 1);
  rememberAuthenticator(account.email, secret, codes, step);

  // Only hashes of the recovery codes are kept.
  const kept = await services.database.system
    .select()
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, account.id));
  assert.equal(kept.length, 10);
  for (const row of kept) {
    assert.match(row.codeHash, /^[0-9a-f]{64}$/);
    assert.ok(!codes.some((c) => row.codeHash.includes(c.replaceAll('-', ''))));
  }

  // The page shows the app as set up, and new recovery codes replace the old ones.
  const status = await session.get('/account/authenticator');
  assert.equal(status.$('h1').text(), 'Your authenticator app');
  const renewed = await session.post('/account/authenticator/recovery-codes', {});
  assert.equal(renewed.statusCode, 200);
  const newCodes = renewed
    .$('#recovery-codes code')
    .map((_, c) => renewed.$(c).text())
    .get();
  assert.equal(newCodes.length, 10);
  const { session: later } = await passwordStep(app, account.email, account.password);
  const old = await codeStep(later, codes[0] ?? '');
  assert.equal(old.statusCode, 400, 'an old recovery code no longer works');
  assert.equal((await codeStep(later, newCodes[0] ?? '')).statusCode, 303, 'a new one does');
});

test('second factor: the key is sealed in the database, bound to its account', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const { account, kept } = await enrolledHr(services, app, organisation.id);
  const [row] = await services.database.system
    .select()
    .from(authenticatorApps)
    .where(eq(authenticatorApps.userId, account.id));
  assert.ok(row?.confirmedAt);
  assert.ok(!row.secretSealed.includes(kept.secret), 'the key is not readable in the database');
  assert.match(row.secretSealed, /^v1\./);
  assert.equal(services.sealer.open(row.secretSealed, `authenticator:${account.id}`), kept.secret);
  assert.throws(() => services.sealer.open(row.secretSealed, `authenticator:${account.id + 1}`));
});

test('second factor: signing in asks for the code; a wrong code, a used code and an old code are refused', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const { account, kept } = await enrolledHr(services, app, organisation.id);

  const { session, response } = await passwordStep(app, account.email, account.password);
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, '/sign-in/code');
  assert.equal(await signedIn(session), false, 'the password alone signs nobody in');
  const page = await session.get('/sign-in/code');
  assert.equal(page.$('h1 label').text().trim(), 'Enter the code from your authenticator app');

  const now = currentStep();
  const wrong = await session.post('/sign-in/code', {
    code: authenticatorCode(kept.secret, { step: now + 3 }),
  });
  assert.equal(wrong.statusCode, 400);
  assert.match(errorOf(wrong), /The code is not right/);
  const tooOld = await session.post('/sign-in/code', {
    code: authenticatorCode(kept.secret, { step: now - 2 }),
  });
  assert.equal(tooOld.statusCode, 400, 'a code two steps old is refused');
  // The code that confirmed the app was used: a later step's (the next, allowed for drift) works.
  const step = Math.max(now, kept.lastStep + 1);
  const right = await session.post('/sign-in/code', { code: authenticatorCode(kept.secret, { step }) });
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, '/');
  assert.ok(await signedIn(session));
  const audit = await auditOf(services, 'signed-in', account.id);
  assert.deepEqual(audit.at(-1)?.detail, { secondFactor: 'authenticator-app' });

  // The same code again, from another browser a moment later: refused.
  const { session: replay } = await passwordStep(app, account.email, account.password);
  const again = await codeStep(replay, authenticatorCode(kept.secret, { step }));
  assert.equal(again.statusCode, 400);
  assert.match(errorOf(again), /already been used/);
  assert.equal(await signedIn(replay), false);
  // An earlier step's code, though within the drift, is refused once a later one was used.
  const earlier = await codeStep(replay, authenticatorCode(kept.secret, { step: step - 1 }));
  assert.equal(earlier.statusCode, 400);
});

test('second factor: a recovery code signs in once', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const { account, kept } = await enrolledHr(services, app, organisation.id);
  const [code] = kept.recoveryCodes;
  assert.ok(code);

  const { session } = await passwordStep(app, account.email, account.password);
  // Typed in lower case with spaces, as people do.
  const used = await codeStep(session, code.toLowerCase().replaceAll('-', ' '));
  assert.equal(used.statusCode, 303);
  const home = await session.get('/');
  assert.equal(home.statusCode, 200);
  assert.match(
    home.$('.govuk-notification-banner').text(),
    /You signed in with a recovery code\. You have 9 left\./,
  );
  const audit = await auditOf(services, 'signed-in', account.id);
  assert.deepEqual(audit.at(-1)?.detail, { secondFactor: 'recovery-code' });

  const { session: again } = await passwordStep(app, account.email, account.password);
  const refused = await codeStep(again, code);
  assert.equal(refused.statusCode, 400);
  assert.equal(await signedIn(again), false);
  assert.equal((await codeStep(again, 'ABCD-EFGH-JKLM-NPQR')).statusCode, 400, 'a made-up code');
});

test('second factor: wrong codes are counted with wrong passwords, and the account waits', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const { account, kept } = await enrolledHr(services, app, organisation.id);
  const wrong = authenticatorCode(kept.secret, { step: currentStep() + 5 });

  // The right password is counted until its code comes: 1 + 4 wrong codes reach the 5 allowed.
  const { session } = await passwordStep(app, account.email, account.password);
  for (let attempt = 1; attempt <= 4; attempt++) {
    assert.equal((await codeStep(session, wrong)).statusCode, 400, `attempt ${attempt}`);
  }
  const refused = await codeStep(session, authenticatorCode(kept.secret));
  assert.equal(refused.statusCode, 429, 'even the right code waits now');
  assert.match(errorOf(refused), /too many failed attempts to sign in to this account\. Wait 1 minute/);
  // Starting again with the password does not clear the count.
  const { response } = await passwordStep(app, account.email, account.password);
  assert.equal(response.statusCode, 429);
});

test('second factor: roles that do not require it sign in with a password, and may set up an app', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['line_manager', 'employee']);
  const { session, response } = await passwordStep(app, account.email, account.password);
  assert.equal(response.headers.location, '/');
  assert.ok(await signedIn(session));

  const setUp = await session.get('/account/authenticator');
  assert.match(setUp.body, /Someone who learns your password cannot then sign in as you/);
  await session.setUpAuthenticator(account.email);
  const { response: next } = await passwordStep(app, account.email, account.password);
  assert.equal(next.headers.location, '/sign-in/code', 'once set up, its code is asked for');
});

test('second factor: required for HR, OH and admins unless signed in through single sign-on', () => {
  for (const role of ['hr', 'oh_clinician', 'oh_admin', 'organisation_admin', 'partnership_admin'] as const) {
    assert.equal(secondFactorRequired([{ organisationId: 1, role }], undefined), true, role);
    assert.equal(secondFactorRequired([{ organisationId: 1, role }], SINGLE_SIGN_ON), false, role);
  }
  for (const role of ['employee', 'line_manager', 'programme_team', 'facilitator'] as const) {
    assert.equal(secondFactorRequired([{ organisationId: 1, role }], undefined), false, role);
  }
  assert.equal(
    secondFactorRequired(
      [
        { organisationId: 1, role: 'employee' },
        { organisationId: 2, role: 'hr' },
      ],
      undefined,
    ),
    true,
    'a required role in any organisation',
  );
});

test('second factor: an organisation admin resets an app: audited, the holder signed out and asked to set one up again', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const other = await createTestOrganisation(services);
  const { account, session: hrSession } = await enrolledHr(services, app, organisation.id);
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const adminSession = await new HttpSession(app).signIn(admin.email, admin.password);
  const otherAdmin = await createTestAccount(services, other.id, ['organisation_admin']);
  const otherSession = await new HttpSession(app).signIn(otherAdmin.email, otherAdmin.password);

  const resetUrl = `/o/${organisation.slug}/accounts/${account.id}/authenticator/reset`;
  // Another organisation's admin cannot reach the account.
  await otherSession.get('/');
  const foreign = await otherSession.post(`/o/${other.slug}/accounts/${account.id}/authenticator/reset`, {});
  assert.equal(foreign.statusCode, 404);
  // Nor can an admin reset their own.
  await adminSession.get('/');
  const own = await adminSession.post(`/o/${organisation.slug}/accounts/${admin.id}/authenticator/reset`, {});
  assert.equal(own.statusCode, 400);

  const accountPage = await adminSession.get(`/o/${organisation.slug}/accounts/${account.id}`);
  assert.match(
    accountPage.$('.govuk-summary-list').text(),
    /Authenticator app\s+Set up on \d{1,2} \w+ \d{4}/,
  );
  const reset = await adminSession.post(resetUrl, {});
  assert.equal(reset.statusCode, 302);
  const after = await adminSession.get(`/o/${organisation.slug}/accounts/${account.id}`);
  assert.match(after.$('.govuk-notification-banner').text(), /Authenticator app reset/);
  assert.match(after.$('.govuk-summary-list').text(), /Authenticator app\s+Not set up/);

  const audit = await auditOf(services, 'authenticator.reset', account.id);
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.userId, admin.id);
  assert.equal(audit[0]?.organisationId, organisation.id);
  assert.equal(await signedIn(hrSession), false, 'their sessions have ended');
  const codes = await services.database.system
    .select()
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, account.id));
  assert.equal(codes.length, 0, 'their recovery codes went with the app');

  const { response } = await passwordStep(app, account.email, account.password);
  assert.equal(response.headers.location, '/account/authenticator?returnTo=%2F', 'asked to set one up again');
});
