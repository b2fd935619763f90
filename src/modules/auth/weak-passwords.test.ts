import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation, unique } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

test('a new account’s password may not be built on its organisation’s name or the product’s', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services, { name: 'Merrowby Council' });
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  const form = `/o/${organisation.slug}/accounts/new`;
  const tryPassword = async (password: string) => {
    await session.get(form);
    const email = `${unique('new')}@example.org`;
    const response = await session.post(form, {
      displayName: 'Jo Bloggs',
      email,
      password,
      roles: 'employee',
    });
    return { response, problem: response.$('.govuk-error-summary').text().replace(/\s+/g, ' ').trim() };
  };

  for (const [password, name] of [
    ['Merrowby2026!', 'Merrowby'],
    ['Wellwork2026', 'Wellwork'],
  ] as const) {
    const { response, problem } = await tryPassword(password);
    assert.equal(response.statusCode, 400, password);
    assert.match(problem, new RegExp(`Password must not be built on the name ${name}`), password);
  }
  const { problem } = await tryPassword('abcabcabcabc');
  assert.match(problem, /Password is too easy to guess/);

  const { response } = await tryPassword('merrowby marshes at midnight');
  assert.equal(response.statusCode, 302);
});
