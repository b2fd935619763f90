import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { apiKeys, people, roleGrants, users } from '../../db/schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
  unique,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { paths } from '../../web/paths.ts';

const { services, app } = await openTestApp();

const STRONG_PASSWORD = 'heather lantern seventeen';

async function organisationWithAdmin() {
  const organisation = await createTestOrganisation(services);
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  return { organisation, admin, session, org: organisation.slug };
}

async function userByEmail(email: string) {
  const rows = await services.database.system
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return rows[0] ?? null;
}

async function rolesOf(userId: number, organisationId: number) {
  const rows = await services.database.system
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.organisationId, organisationId)));
  return rows.map((r) => r.role).sort();
}

async function addAccount(session: HttpSession, org: string, form: Record<string, string | string[]>) {
  await session.get(paths.organisation.newAccount.build({ org }));
  return session.post(paths.organisation.newAccount.build({ org }), {
    displayName: 'Priya Patel',
    email: `${unique('priya')}@council.example`,
    password: STRONG_PASSWORD,
    roles: ['employee'],
    employeeNumber: '',
    ...form,
  });
}

function errorSummary(page: { $: import('cheerio').CheerioAPI }): string[] {
  return page
    .$('.govuk-error-summary__list li')
    .map((_, li) => page.$(li).text().trim())
    .get();
}

async function signInFails(email: string, password: string) {
  const session = new HttpSession(app);
  await session.get(paths.signIn.build());
  const response = await session.post(paths.signIn.build(), { email, password, returnTo: '/' });
  return response.statusCode !== 302;
}

test('an organisation admin adds an HR account linked to a person, who can then sign in and use HR pages', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const row = personRow({ firstName: 'Siobhan', lastName: 'Byrne' });
  await createTestPeople(services, organisation.id, [row]);
  const email = `${unique('siobhan.byrne')}@council.example`;

  const form = await session.get(paths.organisation.newAccount.build({ org }));
  assert.equal(form.statusCode, 200);
  assert.equal(form.$('h1').text().trim(), 'Add an account');
  assert.equal(form.$('input[name="roles"][value="partnership_admin"]').length, 0);
  assert.equal(form.$('input[name="roles"][value="hr"]').length, 1);

  const created = await addAccount(session, org, {
    displayName: 'Siobhan Byrne',
    email: email.toUpperCase(),
    roles: ['hr', 'employee'],
    employeeNumber: row.employeeNumber,
  });
  assert.equal(created.statusCode, 303);
  const user = await userByEmail(email);
  assert.ok(user);
  assert.equal(user.email, email, 'the email is kept in lower case');
  assert.match(user.passwordHash, /^\$argon2id\$/);
  assert.deepEqual(await rolesOf(user.id, organisation.id), ['employee', 'hr']);
  const [linked] = await services.database.system
    .select({ userId: people.userId })
    .from(people)
    .where(and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, row.employeeNumber)));
  assert.equal(linked?.userId, user.id);

  const accountPage = await session.get(String(created.headers.location));
  assert.equal(accountPage.statusCode, 200);
  assert.equal(accountPage.$('h1').text().trim(), 'Siobhan Byrne');
  assert.match(accountPage.$('.govuk-notification-banner').text(), /Account created/);
  const details = accountPage.$('#account-details').text();
  assert.match(details, /HR/);
  assert.match(details, new RegExp(`Siobhan Byrne \\(employee number ${row.employeeNumber}\\)`));

  const list = await session.get(paths.organisation.accounts.build({ org }));
  const listRow = list.$('#accounts tbody tr').filter((_, tr) => list.$(tr).text().includes(email));
  assert.equal(listRow.length, 1);
  const cells = listRow.find('td');
  assert.equal(cells.eq(0).text().trim(), 'Siobhan Byrne');
  assert.deepEqual(
    cells
      .eq(2)
      .find('.govuk-tag')
      .map((_, t) => list.$(t).text().trim())
      .get(),
    ['Employee', 'HR'],
  );
  assert.match(cells.eq(3).text(), new RegExp(`Siobhan Byrne\\s*${row.employeeNumber}`));
  assert.equal(cells.eq(4).text().trim(), 'Active');

  const hr = await new HttpSession(app).signIn(email, STRONG_PASSWORD);
  const peoplePage = await hr.get(paths.organisation.people.build({ org }));
  assert.equal(peoplePage.statusCode, 200);
  const accounts = await hr.get(paths.organisation.accounts.build({ org }));
  assert.equal(accounts.statusCode, 403, 'HR cannot manage accounts');
});

test('a weak or missing password, a missing name and a bad email are refused and nothing is written', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const email = `${unique('weak')}@council.example`;

  const short = await addAccount(session, org, { email, password: 'short pass' });
  assert.equal(short.statusCode, 400);
  assert.deepEqual(errorSummary(short), ['Password must be at least 12 characters']);
  assert.match(short.$('#password-error').text(), /Password must be at least 12 characters/);
  assert.equal(short.$('#email').val(), email, 'the answers are shown again');
  assert.equal(short.$('#password').val(), undefined, 'the password is not sent back');

  const common = await addAccount(session, org, { email, password: 'password1234' });
  assert.equal(common.statusCode, 400);
  assert.match(common.$('#password-error').text(), /Password is too common/);

  const bad = await addAccount(session, org, { displayName: ' ', email: 'not-an-email', roles: [] });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorSummary(bad), [
    'Enter the person’s name',
    'Enter an email address in the correct format, like name@example.org',
    'Choose at least one role',
  ]);
  assert.equal(bad.$('.govuk-error-summary a').first().attr('href'), '#displayName');

  assert.equal(await userByEmail(email), null);
  const listed = await services.users.listForOrganisation(organisation.id);
  assert.equal(listed.length, 1, 'only the admin holds a role');
});

test('adding an email that already has an account grants it roles here instead, keeping its password', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const elsewhere = await createTestOrganisation(services);
  const existing = await createTestAccount(services, elsewhere.id, ['line_manager']);

  const response = await addAccount(session, org, {
    displayName: 'Another Name',
    email: existing.email,
    password: 'short',
    roles: ['employee', 'line_manager'],
  });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, paths.organisation.account.build({ org, userId: existing.id }));
  const page = await session.get(String(response.headers.location));
  const banner = page.$('.govuk-notification-banner').text();
  assert.match(banner, new RegExp(`${existing.email.replace(/[.]/g, '\\.')} already had an account`));
  assert.match(banner, /name and password have not changed/);
  assert.equal(page.$('h1').text().trim(), existing.displayName);

  const count = await services.database.system
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`lower(${users.email}) = ${existing.email}`);
  assert.equal(count[0]?.n, 1);
  assert.deepEqual(await rolesOf(existing.id, organisation.id), ['employee', 'line_manager']);
  assert.deepEqual(await rolesOf(existing.id, elsewhere.id), ['line_manager']);
  await new HttpSession(app).signIn(existing.email, existing.password);
});

test('an organisation admin cannot grant the partnership admin role; a partnership admin can', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const email = `${unique('grab')}@council.example`;
  const refused = await addAccount(session, org, { email, roles: ['employee', 'partnership_admin'] });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(errorSummary(refused), ['Only a partnership admin can grant the Partnership admin role']);
  assert.equal(await userByEmail(email), null);

  const colleague = await createTestAccount(services, organisation.id, ['employee']);
  const accountUrl = paths.organisation.account.build({ org, userId: colleague.id });
  await session.get(accountUrl);
  const change = await session.post(paths.organisation.accountRoles.build({ org, userId: colleague.id }), {
    roles: ['employee', 'partnership_admin'],
  });
  assert.equal(change.statusCode, 400);
  assert.deepEqual(errorSummary(change), ['Only a partnership admin can grant the Partnership admin role']);
  assert.deepEqual(await rolesOf(colleague.id, organisation.id), ['employee']);

  const lead = await createTestAccount(services, organisation.id, [
    'organisation_admin',
    'partnership_admin',
  ]);
  const leadSession = await new HttpSession(app).signIn(lead.email, lead.password);
  const granted = await addAccount(leadSession, org, { email, roles: ['partnership_admin'] });
  assert.equal(granted.statusCode, 303);
  const user = await userByEmail(email);
  assert.ok(user);
  assert.deepEqual(await rolesOf(user.id, organisation.id), ['partnership_admin']);

  // An organisation admin changing that account's roles here keeps its partnership admin role.
  await session.get(paths.organisation.account.build({ org, userId: user.id }));
  const kept = await session.post(paths.organisation.accountRoles.build({ org, userId: user.id }), {
    roles: ['hr'],
  });
  assert.equal(kept.statusCode, 303);
  assert.deepEqual(await rolesOf(user.id, organisation.id), ['hr', 'partnership_admin']);
});

test('roles are changed with the checkboxes, an admin cannot remove their own admin role, and removing every role removes the account from the list', async () => {
  const { organisation, admin, session, org } = await organisationWithAdmin();
  const colleague = await createTestAccount(services, organisation.id, ['employee']);

  await session.get(paths.organisation.account.build({ org, userId: colleague.id }));
  const saved = await session.post(paths.organisation.accountRoles.build({ org, userId: colleague.id }), {
    roles: ['line_manager', 'hr'],
  });
  assert.equal(saved.statusCode, 303);
  assert.deepEqual(await rolesOf(colleague.id, organisation.id), ['hr', 'line_manager']);
  const page = await session.get(String(saved.headers.location));
  assert.match(page.$('.govuk-notification-banner').text(), /Roles saved/);
  assert.equal(page.$('input[name="roles"][value="hr"]').attr('checked'), 'checked');
  assert.equal(page.$('input[name="roles"][value="employee"]').attr('checked'), undefined);

  await session.get(paths.organisation.account.build({ org, userId: admin.id }));
  const own = await session.post(paths.organisation.accountRoles.build({ org, userId: admin.id }), {
    roles: ['hr'],
  });
  assert.equal(own.statusCode, 400);
  assert.match(errorSummary(own).join(), /You cannot remove your own Organisation admin role/);
  assert.match(own.$('#roles-error').text(), /You cannot remove your own Organisation admin role/);
  assert.deepEqual(await rolesOf(admin.id, organisation.id), ['organisation_admin']);

  const unknown = await session.post(paths.organisation.accountRoles.build({ org, userId: colleague.id }), {
    roles: ['emperor'],
  });
  assert.equal(unknown.statusCode, 400);
  assert.deepEqual(errorSummary(unknown), ['Choose roles from the list']);
  assert.deepEqual(await rolesOf(colleague.id, organisation.id), ['hr', 'line_manager']);

  const removed = await session.post(
    paths.organisation.accountRoles.build({ org, userId: colleague.id }),
    {},
  );
  assert.equal(removed.statusCode, 303);
  assert.equal(removed.headers.location, paths.organisation.accounts.build({ org }));
  assert.deepEqual(await rolesOf(colleague.id, organisation.id), []);
  const gone = await session.get(paths.organisation.account.build({ org, userId: colleague.id }));
  assert.equal(gone.statusCode, 404);
});

test('the employee number must be a person here who has no other account', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const [free, taken] = [personRow(), personRow()];
  await createTestPeople(services, organisation.id, [free, taken]);
  await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: taken.employeeNumber });
  const email = `${unique('link')}@council.example`;

  const unknown = await addAccount(session, org, { email, employeeNumber: 'Z99999' });
  assert.equal(unknown.statusCode, 400);
  assert.deepEqual(errorSummary(unknown), [
    `There is no one in ${organisation.name} with employee number Z99999`,
  ]);

  const linked = await addAccount(session, org, { email, employeeNumber: taken.employeeNumber });
  assert.equal(linked.statusCode, 400);
  assert.match(
    linked.$('#employeeNumber-error').text(),
    new RegExp(`employee number ${taken.employeeNumber}\\) is already linked to another account`),
  );
  assert.equal(await userByEmail(email), null);

  const ok = await addAccount(session, org, { email, employeeNumber: free.employeeNumber });
  assert.equal(ok.statusCode, 303);
});

test('a disabled account cannot sign in and its open session is refused; enabling lets it back in', async () => {
  const { organisation, session, org } = await organisationWithAdmin();
  const colleague = await createTestAccount(services, organisation.id, ['hr']);
  const theirs = await new HttpSession(app).signIn(colleague.email, colleague.password);
  assert.equal((await theirs.get(paths.organisation.people.build({ org }))).statusCode, 200);

  const accountUrl = paths.organisation.account.build({ org, userId: colleague.id });
  const before = await session.get(accountUrl);
  assert.equal(before.$('#status').text().trim(), 'Disable account');
  const disabled = await session.post(accountUrl, { action: 'disable' });
  assert.equal(disabled.statusCode, 303);
  const after = await session.get(accountUrl);
  assert.match(after.$('#account-details').text(), /Disabled/);
  assert.equal(after.$('#status').text().trim(), 'Enable account');

  const refused = await theirs.get(paths.organisation.people.build({ org }));
  assert.equal(refused.statusCode, 302);
  assert.match(String(refused.headers.location), /^\/sign-in/);
  assert.ok(await signInFails(colleague.email, colleague.password));

  const list = await session.get(paths.organisation.accounts.build({ org }));
  const row = list.$('#accounts tbody tr').filter((_, tr) => list.$(tr).text().includes(colleague.email));
  assert.equal(row.find('td').eq(4).text().trim(), 'Disabled');

  await session.get(accountUrl);
  assert.equal((await session.post(accountUrl, { action: 'enable' })).statusCode, 303);
  await new HttpSession(app).signIn(colleague.email, colleague.password);
});

test('an organisation admin cannot disable their own account, nor one with roles in another organisation', async () => {
  const { organisation, admin, session, org } = await organisationWithAdmin();
  const ownUrl = paths.organisation.account.build({ org, userId: admin.id });
  await session.get(ownUrl);
  const own = await session.post(ownUrl, { action: 'disable' });
  assert.equal(own.statusCode, 400);
  assert.deepEqual(errorSummary(own), ['You cannot disable your own account']);

  const elsewhere = await createTestOrganisation(services);
  const shared = await createTestAccount(services, organisation.id, ['employee']);
  await services.users.grant(shared.id, elsewhere.id, ['hr']);
  const sharedUrl = paths.organisation.account.build({ org, userId: shared.id });
  await session.get(sharedUrl);
  const refused = await session.post(sharedUrl, { action: 'disable' });
  assert.equal(refused.statusCode, 400);
  assert.match(errorSummary(refused).join(), new RegExp(`also has roles in ${elsewhere.name}`));
  assert.equal((await userByEmail(shared.email))?.disabled, false);
  assert.equal((await userByEmail(admin.email))?.disabled, false);
});

test('an API key is shown once, stored only as its hash, works against the API and stops working when revoked', async () => {
  const { organisation, admin, session, org } = await organisationWithAdmin();
  const form = await session.get(paths.organisation.newApiKey.build({ org }));
  assert.equal(form.$('h1').text().trim(), 'Create an API key');

  const empty = await session.post(paths.organisation.newApiKey.build({ org }), { name: '' });
  assert.equal(empty.statusCode, 400);
  assert.deepEqual(errorSummary(empty), [
    'Enter a name for the key, like “HR system”',
    'Choose what the key may do',
  ]);
  const badScope = await session.post(paths.organisation.newApiKey.build({ org }), {
    name: 'HR system',
    scopes: ['everything'],
  });
  assert.equal(badScope.statusCode, 400);
  assert.equal(
    (await services.database.system.select().from(apiKeys).where(eq(apiKeys.organisationId, organisation.id)))
      .length,
    0,
  );

  const created = await session.post(paths.organisation.newApiKey.build({ org }), {
    name: 'HR system',
    scopes: ['organisation:read', 'people:read'],
  });
  assert.equal(created.statusCode, 200);
  assert.equal(created.headers['cache-control'], 'no-store');
  assert.match(created.$('.govuk-warning-text').text(), /will not be shown again/);
  const key = created.$('#api-key').text().trim();
  assert.match(key, /^ww_[A-Za-z0-9_-]{40}$/);

  const stored = await services.database.system
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.organisationId, organisation.id));
  assert.equal(stored.length, 1);
  const row = stored[0];
  assert.ok(row);
  assert.equal(row.keyHash, createHash('sha256').update(key).digest('hex'));
  assert.equal(row.createdByUserId, admin.id);
  assert.deepEqual(row.scopes, ['organisation:read', 'people:read']);
  assert.ok(key.startsWith(row.prefix) && row.prefix.length < key.length);
  assert.ok(!Object.values(row).some((value) => String(value).includes(key)), 'the key is never stored');

  const list = await session.get(paths.organisation.apiKeys.build({ org }));
  assert.ok(!list.body.includes(key), 'the key is not shown again');
  const cells = list.$('#api-keys tbody tr').first().find('td');
  assert.equal(cells.eq(0).text().trim(), 'HR system');
  assert.equal(cells.eq(1).text().trim(), row.prefix);
  assert.match(cells.eq(2).text(), /organisation:read\s*people:read/);
  assert.equal(cells.eq(4).text().trim(), 'Never');

  const api = await app.inject({
    method: 'GET',
    url: paths.api.organisation.build(),
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(api.statusCode, 200);
  assert.equal(api.json<{ slug: string }>().slug, org);
  const noScope = await app.inject({
    method: 'GET',
    url: paths.api.absenceReport.build(),
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(noScope.statusCode, 403);
  const used = await session.get(paths.organisation.apiKeys.build({ org }));
  assert.notEqual(used.$('#api-keys tbody tr').first().find('td').eq(4).text().trim(), 'Never');

  const revoked = await session.post(paths.organisation.revokeApiKey.build({ org, keyId: row.id }), {});
  assert.equal(revoked.statusCode, 303);
  const afterRevoke = await session.get(paths.organisation.apiKeys.build({ org }));
  assert.match(afterRevoke.$('.govuk-notification-banner').text(), /API key revoked/);
  assert.match(afterRevoke.$('#api-keys tbody tr').first().find('td').eq(5).text(), /Revoked/);
  const refused = await app.inject({
    method: 'GET',
    url: paths.api.organisation.build(),
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(refused.statusCode, 401);
});

test('another organisation’s admin gets 404 for this organisation’s accounts and keys; HR gets 403', async () => {
  const { organisation, session: ownSession, org } = await organisationWithAdmin();
  const colleague = await createTestAccount(services, organisation.id, ['employee']);
  await ownSession.get(paths.organisation.newApiKey.build({ org }));
  await ownSession.post(paths.organisation.newApiKey.build({ org }), {
    name: 'Payroll',
    scopes: 'people:read',
  });
  const keyRows = await services.database.system
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.organisationId, organisation.id));
  const keyId = keyRows[0]?.id;
  assert.ok(keyId);

  const other = await organisationWithAdmin();
  for (const url of [
    paths.organisation.accounts.build({ org }),
    paths.organisation.newAccount.build({ org }),
    paths.organisation.account.build({ org, userId: colleague.id }),
    paths.organisation.apiKeys.build({ org }),
  ]) {
    assert.equal((await other.session.get(url)).statusCode, 404, url);
  }
  // Through their own organisation's paths, this organisation's account and key are not there.
  assert.equal(
    (await other.session.get(paths.organisation.account.build({ org: other.org, userId: colleague.id })))
      .statusCode,
    404,
  );
  await other.session.get(paths.organisation.apiKeys.build({ org: other.org }));
  const revoke = await other.session.post(
    paths.organisation.revokeApiKey.build({ org: other.org, keyId }),
    {},
  );
  assert.equal(revoke.statusCode, 404);
  const disable = await other.session.post(
    paths.organisation.account.build({ org: other.org, userId: colleague.id }),
    { action: 'disable' },
  );
  assert.equal(disable.statusCode, 404);
  assert.equal((await userByEmail(colleague.email))?.disabled, false);
  const [key] = await services.database.system.select().from(apiKeys).where(eq(apiKeys.id, keyId));
  assert.equal(key?.revokedAt, null);

  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const hrSession = await new HttpSession(app).signIn(hr.email, hr.password);
  for (const url of [
    paths.organisation.accounts.build({ org }),
    paths.organisation.newAccount.build({ org }),
    paths.organisation.account.build({ org, userId: colleague.id }),
    paths.organisation.apiKeys.build({ org }),
    paths.organisation.newApiKey.build({ org }),
  ]) {
    assert.equal((await hrSession.get(url)).statusCode, 403, url);
  }
  await hrSession.get(paths.organisation.people.build({ org }));
  const post = await hrSession.post(paths.organisation.newAccount.build({ org }), {
    displayName: 'Sneaky',
    email: `${unique('sneaky')}@council.example`,
    password: STRONG_PASSWORD,
    roles: 'organisation_admin',
  });
  assert.equal(post.statusCode, 403);
});
