/**
 * Accounts across organisations, through the pages: an organisation controls only its own
 * grants. Adding an account invites it, and an existing account joins only when its holder
 * accepts; the reply never tells whether the email had an account; disabling and enabling touch
 * only the organisation's own access; nobody gives themselves a role; and every organisation a
 * change touches audits it. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.ts';
import { people } from '../people/people-schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { paths } from '../../web/paths.ts';
import { rolesInWords } from './accounts-service.ts';

const { services, app } = await openTestApp();

const NEW_PASSWORD = 'violet lantern meadow';

const unique = (name: string) => `${name}.${randomBytes(4).toString('hex')}@test.example`;

/** A council and an NHS trust, each with an admin; the trust's HR adviser is linked to a person. */
async function setUp() {
  const council = await createTestOrganisation(services, { name: 'Merrowby Council' });
  const trust = await createTestOrganisation(services, { name: 'Merrowby NHS Trust', sector: 'nhs' });
  const councilPerson = personRow({ firstName: 'Aisha', lastName: 'Begum' });
  const trustPerson = personRow({ firstName: 'Tom', lastName: 'Hughes' });
  await createTestPeople(services, council.id, [councilPerson]);
  await createTestPeople(services, trust.id, [trustPerson]);
  const accounts = {
    councilAdmin: await createTestAccount(services, council.id, ['organisation_admin', 'employee']),
    secondCouncilAdmin: await createTestAccount(services, council.id, ['organisation_admin']),
    trustAdmin: await createTestAccount(services, trust.id, ['organisation_admin']),
    trustHr: await createTestAccount(services, trust.id, ['hr', 'employee'], {
      employeeNumber: trustPerson.employeeNumber,
    }),
  };
  return { council, trust, councilPerson, trustPerson, accounts };
}

async function signIn(account: { email: string; password: string }) {
  return new HttpSession(app).signIn(account.email, account.password);
}

/** Adds an account through the page, as the admin's session. */
async function addAccount(
  session: HttpSession,
  org: string,
  form: { email: string; password?: string; roles?: string[]; employeeNumber?: string; displayName?: string },
) {
  await session.get(paths.organisation.newAccount.build({ org }));
  return session.post(paths.organisation.newAccount.build({ org }), {
    displayName: form.displayName ?? 'Sam Jones',
    email: form.email,
    password: form.password ?? NEW_PASSWORD,
    roles: form.roles ?? ['employee'],
    employeeNumber: form.employeeNumber ?? '',
  });
}

async function auditOf(organisationId: number, action: string) {
  return services.database.system
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, action)));
}

function flashOf(page: Awaited<ReturnType<HttpSession['get']>>) {
  return page.$('.govuk-notification-banner__heading').text().trim();
}

/** The invitation waiting on the holder's home page, by the organisation's name. */
async function invitationOn(session: HttpSession, organisationName: string) {
  const home = await session.get('/');
  const block = home
    .$('.app-invitation')
    .filter((_, el) => home.$(el).text().includes(`${organisationName} has invited you`));
  const accept = block.find('form[action$="/accept"]').attr('action');
  const decline = block.find('form[action$="/decline"]').attr('action');
  return { home, text: block.find('p').first().text().trim(), accept, decline };
}

async function accessTo(session: HttpSession, url: string) {
  return (await session.get(url)).statusCode;
}

test('adding an account of another organisation only invites it, and its holder must accept', async () => {
  const { council, trust, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  const trustHr = await signIn(accounts.trustHr);
  const councilPeople = paths.organisation.people.build({ org: council.slug });

  const reply = await addAccount(admin, council.slug, {
    email: accounts.trustHr.email,
    roles: ['employee', 'hr'],
    password: 'some other password',
  });
  assert.equal(reply.statusCode, 302);
  // Not attached: no roles in the council, and the council's pages stay closed to them.
  assert.deepEqual(await services.users.rolesIn(accounts.trustHr.id, council.id), []);
  assert.equal(await accessTo(trustHr, councilPeople), 404);
  // Their password is their own.
  await signIn(accounts.trustHr);
  await assert.rejects(signIn({ email: accounts.trustHr.email, password: 'some other password' }));

  // The holder is asked, in plain words, and accepts.
  const invitation = await invitationOn(trustHr, 'Merrowby Council');
  assert.equal(invitation.text, 'Merrowby Council has invited you to Wellwork as HR and Employee');
  assert.ok(invitation.accept);
  const accepted = await trustHr.post(invitation.accept, {});
  assert.equal(accepted.statusCode, 302);
  assert.equal(flashOf(await trustHr.get('/')), 'You have joined Merrowby Council as HR and Employee');
  assert.deepEqual((await services.users.rolesIn(accounts.trustHr.id, council.id)).sort(), [
    'employee',
    'hr',
  ]);
  assert.equal(await accessTo(trustHr, councilPeople), 200);
  assert.equal((await invitationOn(trustHr, 'Merrowby Council')).accept, undefined, 'answered once');

  // Audited in the council (invited and accepted) and in the trust, where they already held roles.
  const invited = await auditOf(council.id, 'account.invited');
  assert.equal(invited.length, 1);
  assert.deepEqual(invited[0]?.detail, {
    invitationId: (invited[0]?.detail as { invitationId: number }).invitationId,
    roles: ['employee', 'hr'],
    linksPerson: false,
  });
  assert.equal((await auditOf(trust.id, 'account.invited')).length, 0);
  for (const organisationId of [council.id, trust.id]) {
    const events = await auditOf(organisationId, 'account.invitation-accepted');
    assert.equal(events.length, 1, `accepted, audited in organisation ${organisationId}`);
    assert.equal(events[0]?.userId, accounts.trustHr.id);
    assert.deepEqual((events[0]?.detail as { roles: string[] }).roles, ['employee', 'hr']);
  }
});

test('the reply is the same whether or not the email has an account', async () => {
  const { council, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  const existing = accounts.trustHr.email;
  const fresh = unique('new.starter');

  const replies = [];
  for (const email of [existing, fresh]) {
    const reply = await addAccount(admin, council.slug, { email });
    const next = await admin.get(String(reply.headers.location));
    replies.push({
      status: reply.statusCode,
      location: reply.headers.location,
      flash: flashOf(next).replace(email, 'EMAIL'),
    });
  }
  assert.deepEqual(replies[0], {
    status: 302,
    location: paths.organisation.accounts.build({ org: council.slug }),
    flash: 'Invitation sent to EMAIL. They will be asked to accept it when they sign in.',
  });
  assert.deepEqual(replies[1], replies[0]);
  // Both addresses are emailed the same invitation.
  const mails = [existing, fresh].map((to) => {
    const mail = services.mailer.outbox.findLast((m) => m.to === to);
    const expiry = /expires on [^.<]*/g;
    return {
      subject: mail?.subject,
      text: mail?.text.replace(expiry, ''),
      html: mail?.html?.replace(expiry, ''),
    };
  });
  assert.deepEqual(mails[1], mails[0]);
  // Both parts name the person invited, say by whom and as what, and link to the service.
  const link = `${services.config.publicUrl}${paths.invitations.build()}`;
  const invited = assertEmail(
    services.mailer.outbox.findLast((m) => m.to === fresh),
    { names: 'Sam Jones', links: [link] },
  );
  assert.equal(invited.subject, 'Sam Jones, Merrowby Council has invited you to Wellwork as Employee');
  assert.match(invited.text, /^Hello Sam Jones,/);
  assert.ok(invited.text.includes('Merrowby Council has invited you to Wellwork as Employee.'));
  assert.ok(invited.text.includes(`Sign in to accept or decline the invitation: ${link}`));
  const sent = services.mailer.outbox.findLast((m) => m.to === fresh)!;
  const expires = /The invitation expires on (\d{1,2} [A-Z][a-z]+ \d{4})\./;
  assert.match(sent.text, expires);
  assert.equal(sent.html?.match(expires)?.[1], sent.text.match(expires)?.[1]);

  // Validation runs the same way: a weak password is refused for both, with the same words.
  const errors = [];
  for (const email of [existing, unique('another.starter')]) {
    const reply = await addAccount(admin, council.slug, { email, password: 'short' });
    errors.push({
      status: reply.statusCode,
      summary: reply.$('.govuk-error-summary__list').text().replace(/\s+/g, ' ').trim(),
    });
  }
  assert.equal(errors[0]?.status, 400);
  assert.deepEqual(errors[1], errors[0]);

  // The new account exists with the password given, but holds no roles until it accepts.
  const newcomer = await signIn({ email: fresh, password: NEW_PASSWORD });
  const user = await services.users.findByEmail(fresh);
  assert.ok(user);
  assert.deepEqual(await services.users.grantsOf(user.id), []);
  assert.equal(await accessTo(newcomer, paths.organisation.myAbsence.build({ org: council.slug })), 404);
  const invitation = await invitationOn(newcomer, 'Merrowby Council');
  assert.equal(invitation.text, 'Merrowby Council has invited you to Wellwork as Employee');
  const page = await newcomer.get(paths.invitations.build());
  assert.match(page.$('h1').text(), /Your invitations/);
  assert.equal(page.$('.app-invitation').length, 1);
});

test('employee numbers are checked in the organisation alone', async () => {
  const { council, councilPerson, trustPerson, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  // A number used only in the trust reads exactly like one used nowhere.
  const trustNumber = await addAccount(admin, council.slug, {
    email: unique('a'),
    employeeNumber: trustPerson.employeeNumber,
  });
  assert.equal(trustNumber.statusCode, 400);
  assert.match(trustNumber.body, new RegExp(`No one here has employee number ${trustPerson.employeeNumber}`));
  assert.doesNotMatch(trustNumber.body, /Hughes/);

  // A council person is linked when the invitation is accepted.
  const email = unique('aisha.begum');
  await addAccount(admin, council.slug, { email, employeeNumber: councilPerson.employeeNumber });
  const aisha = await signIn({ email, password: NEW_PASSWORD });
  const { accept } = await invitationOn(aisha, 'Merrowby Council');
  assert.ok(accept);
  await aisha.post(accept, {});
  const user = await services.users.findByEmail(email);
  const [person] = await services.database.scoped({ organisationIds: [council.id] }, (db) =>
    db
      .select()
      .from(people)
      .where(
        and(eq(people.organisationId, council.id), eq(people.employeeNumber, councilPerson.employeeNumber)),
      ),
  );
  assert.equal(person?.userId, user?.id);
  assert.equal(await accessTo(aisha, paths.organisation.myAbsence.build({ org: council.slug })), 200);
});

test('declining and withdrawing an invitation; nobody answers another’s', async () => {
  const { council, trust, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  const trustHr = await signIn(accounts.trustHr);
  const trustAdmin = await signIn(accounts.trustAdmin);

  await addAccount(admin, council.slug, { email: accounts.trustHr.email });
  const first = await invitationOn(trustHr, 'Merrowby Council');
  assert.ok(first.accept && first.decline);
  // Someone else cannot answer it.
  await trustAdmin.get('/');
  assert.equal((await trustAdmin.post(first.accept, {})).statusCode, 404);
  assert.equal((await trustAdmin.post(first.decline, {})).statusCode, 404);

  await trustHr.get('/');
  assert.equal((await trustHr.post(first.decline, {})).statusCode, 302);
  assert.equal(flashOf(await trustHr.get('/')), 'You declined the invitation from Merrowby Council');
  assert.deepEqual(await services.users.rolesIn(accounts.trustHr.id, council.id), []);
  assert.equal((await services.users.invitationsFor(accounts.trustHr.id)).length, 0);
  for (const organisationId of [council.id, trust.id]) {
    assert.equal((await auditOf(organisationId, 'account.invitation-declined')).length, 1);
  }

  // Invited again, and the admin sees it waiting, then withdraws it.
  await addAccount(admin, council.slug, { email: accounts.trustHr.email });
  const list = await admin.get(paths.organisation.accounts.build({ org: council.slug }));
  const row = list.$('tr').filter((_, el) => list.$(el).text().includes(accounts.trustHr.email));
  assert.match(row.text(), /Invited on \d{1,2} [A-Z][a-z]+ \d{4}, waiting for an answer/);
  const withdraw = row.find('form').attr('action');
  assert.ok(withdraw);
  // Another organisation's admin cannot withdraw it, even through their own address.
  await trustAdmin.get('/');
  const invitationId = withdraw.split('/').at(-2) ?? '';
  assert.equal(
    (
      await trustAdmin.post(
        paths.organisation.withdrawInvitation.build({ org: trust.slug, invitationId }),
        {},
      )
    ).statusCode,
    404,
  );
  assert.equal((await admin.post(withdraw, {})).statusCode, 302);
  assert.equal((await invitationOn(trustHr, 'Merrowby Council')).accept, undefined);
  const second = await services.users.invitationsFor(accounts.trustHr.id);
  assert.equal(second.length, 0);
  assert.equal((await auditOf(council.id, 'account.invitation-withdrawn')).length, 1);
  // A withdrawn invitation can no longer be accepted.
  await trustHr.get('/');
  assert.equal((await trustHr.post(paths.acceptInvitation.build({ invitationId }), {})).statusCode, 404);
  assert.deepEqual(await services.users.rolesIn(accounts.trustHr.id, council.id), []);
});

test('an organisation disables and enables only its own access', async () => {
  const { council, trust, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  const trustAdmin = await signIn(accounts.trustAdmin);
  let trustHr = await signIn(accounts.trustHr);
  const councilAccount = paths.organisation.account.build({ org: council.slug, userId: accounts.trustHr.id });
  const trustAccount = paths.organisation.account.build({ org: trust.slug, userId: accounts.trustHr.id });
  const councilPeople = paths.organisation.people.build({ org: council.slug });
  const trustPeople = paths.organisation.people.build({ org: trust.slug });

  // The council cannot touch an account that holds no roles there.
  await admin.get('/');
  assert.equal((await admin.post(councilAccount, { action: 'disable' })).statusCode, 404);
  assert.equal((await services.users.findById(accounts.trustHr.id))?.disabled, false);

  // Once they have joined, the council disables their access to the council alone.
  await addAccount(admin, council.slug, { email: accounts.trustHr.email, roles: ['hr'] });
  const { accept } = await invitationOn(trustHr, 'Merrowby Council');
  assert.ok(accept);
  await trustHr.post(accept, {});
  assert.equal(await accessTo(trustHr, councilPeople), 200);
  await admin.get(councilAccount);
  assert.equal((await admin.post(councilAccount, { action: 'disable' })).statusCode, 302);
  // Suspending ends the account's sessions: signed in afresh, it has the trust alone.
  assert.equal(await accessTo(trustHr, trustPeople), 302, 'signed out');
  trustHr = await signIn(accounts.trustHr);
  assert.equal(await accessTo(trustHr, councilPeople), 404);
  assert.equal(await accessTo(trustHr, trustPeople), 200, 'the trust is not affected');
  assert.equal((await services.users.findById(accounts.trustHr.id))?.disabled, false);
  const page = await admin.get(councilAccount);
  assert.match(page.body, /Disabled: cannot use Wellwork for Merrowby Council/);
  const list = await admin.get(paths.organisation.accounts.build({ org: council.slug }));
  assert.match(
    list
      .$('tr')
      .filter((_, el) => list.$(el).text().includes(accounts.trustHr.email))
      .text(),
    /No access here/,
  );
  const suspended = await auditOf(council.id, 'account.access-suspended');
  assert.equal(suspended.length, 1);
  assert.deepEqual(suspended[0]?.detail, { action: 'disable', changed: true });
  assert.equal((await auditOf(trust.id, 'account.access-suspended')).length, 0);

  // The trust disables its own; the council's enable lifts only the council's.
  await trustAdmin.get(trustAccount);
  assert.equal((await trustAdmin.post(trustAccount, { action: 'disable' })).statusCode, 302);
  trustHr = await signIn(accounts.trustHr);
  assert.equal(await accessTo(trustHr, trustPeople), 404);
  await admin.get(councilAccount);
  assert.equal((await admin.post(councilAccount, { action: 'enable' })).statusCode, 302);
  assert.equal(await accessTo(trustHr, councilPeople), 200);
  assert.equal(await accessTo(trustHr, trustPeople), 404, 'the trust’s own suspension stands');
  assert.equal((await auditOf(council.id, 'account.access-restored')).length, 1);
  assert.equal((await auditOf(trust.id, 'account.access-restored')).length, 0);
});

test('enabling access cannot lift the disabling of the account itself', async () => {
  const { council, accounts } = await setUp();
  const employee = await createTestAccount(services, council.id, ['employee']);
  const admin = await signIn(accounts.councilAdmin);
  const account = paths.organisation.account.build({ org: council.slug, userId: employee.id });
  await services.users.setDisabled(employee.id, true);
  await admin.get(account);
  const reply = await admin.post(account, { action: 'enable' });
  assert.equal(reply.statusCode, 302);
  const page = await admin.get(account);
  assert.match(flashOf(page), /the account itself is disabled: it still cannot sign in/);
  assert.match(page.body, /Disabled: cannot sign in anywhere/);
  assert.equal((await services.users.findById(employee.id))?.disabled, true);
  await assert.rejects(signIn(employee));
});

test('nobody gives themselves a role; another admin may, and it is audited', async () => {
  const { council, trust, accounts } = await setUp();
  const admin = await signIn(accounts.councilAdmin);
  const own = paths.organisation.account.build({ org: council.slug, userId: accounts.councilAdmin.id });
  const ownRoles = paths.organisation.accountRoles.build({
    org: council.slug,
    userId: accounts.councilAdmin.id,
  });

  // The review's request: an admin making themselves HR.
  const page = await admin.get(own);
  assert.deepEqual(
    page
      .$('input[name="roles"]')
      .map((_, el) => page.$(el).attr('value'))
      .get()
      .sort(),
    ['employee', 'organisation_admin'],
    'only the roles held are offered on one’s own account',
  );
  const selfGrant = await admin.post(ownRoles, { roles: ['organisation_admin', 'employee', 'hr'] });
  assert.equal(selfGrant.statusCode, 400);
  assert.match(selfGrant.body, /You cannot give yourself a role: ask another organisation admin/);
  assert.deepEqual((await services.users.rolesIn(accounts.councilAdmin.id, council.id)).sort(), [
    'employee',
    'organisation_admin',
  ]);
  assert.equal(await accessTo(admin, paths.organisation.absenceReport.build({ org: council.slug })), 403);

  // Nor by inviting themselves.
  const selfInvite = await addAccount(admin, council.slug, {
    email: accounts.councilAdmin.email.toUpperCase(),
    roles: ['hr'],
  });
  assert.equal(selfInvite.statusCode, 400);
  assert.match(selfInvite.body, /You cannot invite yourself/);
  assert.equal((await services.users.invitationsFor(accounts.councilAdmin.id)).length, 0);

  // Their own organisation admin role stays; other roles of their own they may give up.
  await admin.get(own);
  assert.equal((await admin.post(ownRoles, { roles: ['employee'] })).statusCode, 400);
  await admin.get(own);
  assert.equal((await admin.post(ownRoles, { roles: ['organisation_admin'] })).statusCode, 302);
  assert.deepEqual(await services.users.rolesIn(accounts.councilAdmin.id, council.id), [
    'organisation_admin',
  ]);
  // And they cannot disable their own access.
  await admin.get(own);
  assert.equal((await admin.post(own, { action: 'disable' })).statusCode, 400);

  // Another admin grants HR, and the change is audited with the roles added and removed.
  const second = await signIn(accounts.secondCouncilAdmin);
  await second.get(own);
  assert.equal((await second.post(ownRoles, { roles: ['organisation_admin', 'hr'] })).statusCode, 302);
  assert.equal(await accessTo(admin, paths.organisation.absenceReport.build({ org: council.slug })), 200);
  const changes = await auditOf(council.id, 'account.roles-changed');
  assert.deepEqual(
    changes.map((e) => ({ by: e.userId, subject: e.subjectId, detail: e.detail })),
    [
      {
        by: accounts.councilAdmin.id,
        subject: String(accounts.councilAdmin.id),
        detail: { added: [], removed: ['employee'] },
      },
      {
        by: accounts.secondCouncilAdmin.id,
        subject: String(accounts.councilAdmin.id),
        detail: { added: ['hr'], removed: [] },
      },
    ],
  );
  assert.equal((await auditOf(trust.id, 'account.roles-changed')).length, 0);
  // No audit detail holds free text: only role names, ids and flags.
  const details = await services.database.system
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(inArray(auditEvents.organisationId, [council.id, trust.id]));
  for (const { detail } of details) assert.doesNotMatch(JSON.stringify(detail), /Sam Jones|@/);
});

test('roles in words', () => {
  assert.equal(rolesInWords(['employee', 'hr']), 'HR and Employee');
  assert.equal(rolesInWords(['employee']), 'Employee');
  assert.equal(rolesInWords(['employee', 'line_manager', 'hr']), 'HR, Line manager and Employee');
});
