import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES } from '../../domain/roles.ts';
import { apiKeySchema, checkNewAccount, grantableRoles, nextRoles } from './account-forms.ts';
import { accountRow, roleItems, roleTags, scopeItems } from './account-views.ts';
import { generateApiKey } from './api-keys-repository.ts';

const adminGrantable = grantableRoles(['organisation_admin']);

test('only a partnership admin may grant the partnership admin role', () => {
  assert.ok(!adminGrantable.includes('partnership_admin'));
  assert.equal(adminGrantable.length, ROLES.length - 1);
  assert.deepEqual(grantableRoles(['employee', 'partnership_admin']), [...ROLES]);
});

test('a new account needs a name, an email, a good password and a role; answers are tidied', () => {
  const ok = checkNewAccount(
    {
      displayName: '  Rhys   Evans ',
      email: ' Rhys.Evans@Council.Example ',
      password: 'heather lantern seventeen',
      roles: 'hr',
      employeeNumber: ' E123 ',
    },
    { existingAccount: false, grantable: adminGrantable },
  );
  assert.deepEqual(ok, {
    ok: true,
    value: {
      displayName: 'Rhys Evans',
      email: 'rhys.evans@council.example',
      password: 'heather lantern seventeen',
      roles: ['hr'],
      employeeNumber: 'E123',
    },
  });

  const bad = checkNewAccount(
    { email: 'nope', password: 'qwertyuiop', roles: ['employee', 'partnership_admin'] },
    { existingAccount: false, grantable: adminGrantable },
  );
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map((e) => e.href), [
    '#displayName',
    '#email',
    '#password',
    '#roles',
  ]);
  assert.match((!bad.ok && bad.errors[3]?.text) || '', /Only a partnership admin/);

  const rhys = checkNewAccount(
    { displayName: 'Rhys', email: 'rhys.evans@council.example', password: 'rhys.evans lantern', roles: 'hr' },
    { existingAccount: false, grantable: adminGrantable },
  );
  assert.deepEqual(!rhys.ok && rhys.errors, [
    { text: 'Password must not contain your email address', href: '#password' },
  ]);
});

test('an existing account is given roles without a password', () => {
  const result = checkNewAccount(
    { displayName: 'Amara Okafor', email: 'amara@council.example', password: '', roles: ['employee'] },
    { existingAccount: true, grantable: adminGrantable },
  );
  assert.equal(result.ok, true);
  const missing = checkNewAccount(
    { displayName: 'Amara Okafor', email: 'amara@council.example', password: '', roles: ['employee'] },
    { existingAccount: false, grantable: adminGrantable },
  );
  assert.deepEqual(!missing.ok && missing.errors, [{ text: 'Enter a first password', href: '#password' }]);
});

test('changing roles keeps roles the admin may not grant and protects their own admin role', () => {
  assert.deepEqual(
    nextRoles({
      before: ['employee', 'partnership_admin'],
      ticked: ['hr', 'line_manager'],
      grantable: adminGrantable,
      changingOwnAccount: false,
    }),
    { ok: true, roles: ['line_manager', 'hr', 'partnership_admin'] },
  );
  assert.deepEqual(
    nextRoles({
      before: ['employee'],
      ticked: ['partnership_admin'],
      grantable: adminGrantable,
      changingOwnAccount: false,
    }),
    { ok: false, error: 'Only a partnership admin can grant the Partnership admin role' },
  );
  const own = nextRoles({
    before: ['organisation_admin', 'hr'],
    ticked: ['hr'],
    grantable: adminGrantable,
    changingOwnAccount: true,
  });
  assert.equal(own.ok, false);
  assert.deepEqual(
    nextRoles({
      before: ['organisation_admin'],
      ticked: [],
      grantable: adminGrantable,
      changingOwnAccount: false,
    }),
    { ok: true, roles: [] },
  );
});

test('an API key needs a name and known scopes', () => {
  assert.deepEqual(apiKeySchema.parse({ name: ' HR  system ', scopes: ['people:read', 'people:read'] }), {
    name: 'HR system',
    scopes: ['people:read'],
  });
  const result = apiKeySchema.safeParse({ name: 'x', scopes: 'everything' });
  assert.equal(result.success, false);
  assert.equal(apiKeySchema.safeParse({ name: 'x' }).success, false);
});

test('API keys are ww_ and 40 random base64url characters, never the same twice', () => {
  const keys = new Set(Array.from({ length: 200 }, () => generateApiKey()));
  assert.equal(keys.size, 200);
  for (const key of keys) assert.match(key, /^ww_[A-Za-z0-9_-]{40}$/);
});

test('roles are shown as tags in the usual order, and checkbox items are ticked as chosen', () => {
  assert.deepEqual(
    roleTags(['organisation_admin', 'employee']).map((t) => t.text),
    ['Employee', 'Organisation admin'],
  );
  const items = roleItems(adminGrantable, ['hr']);
  assert.equal(items.find((i) => i.value === 'hr')?.checked, true);
  assert.equal(items.find((i) => i.value === 'employee')?.checked, false);
  assert.equal(scopeItems(['reports:read']).filter((i) => i.checked).length, 1);
  const row = accountRow(
    'north-borough',
    { id: 7, email: 'a@b.example', displayName: 'Aisha Rahman', disabled: true, roles: ['hr'] },
    { personId: 3, name: 'Aisha Rahman', employeeNumber: 'E7' },
  );
  assert.equal(row.href, '/o/north-borough/accounts/7');
  assert.equal(row.status.text, 'Disabled');
  assert.deepEqual(row.person, { name: 'Aisha Rahman', employeeNumber: 'E7' });
});
