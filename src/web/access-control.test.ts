/**
 * A refusal tells a person nothing they may not know: pages of an organisation they hold no
 * role in, and partnership pages to those without partnership permissions, are not found
 * whether or not the organisation exists, and no error page names another organisation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';

const { services, app } = await openTestApp();
const council = await createTestOrganisation(services, { name: 'Merrowby Borough Council' });
const trust = await createTestOrganisation(services, { name: 'Merrowby NHS Foundation Trust' });

/** The page's text, without what changes from one response to the next. */
const textOf = (response: { $: { (selector: string): { text(): string } } }) =>
  response.$('body').text().replace(/\s+/g, ' ');

test('partnership pages are not found by someone without partnership permissions, and name no one', async () => {
  const hr = await createTestAccount(services, council.id, ['hr', 'organisation_admin']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const existing = await session.get(`/partnership/organisations/${trust.slug}`);
  const missing = await session.get('/partnership/organisations/no-such-organisation');
  assert.equal(existing.statusCode, 404);
  assert.equal(missing.statusCode, 404);
  assert.equal(textOf(existing), textOf(missing), 'an organisation that exists looks like one that does not');
  assert.ok(!existing.body.includes(trust.name));
  assert.equal((await session.get(`/partnership/organisations/${council.slug}/edit`)).statusCode, 404);
  assert.equal((await session.get('/partnership/organisations')).statusCode, 404);
});

test('another organisation’s pages are not found, exist or not; one’s own beyond one’s roles are forbidden', async () => {
  const employee = await createTestAccount(services, council.id, ['employee']);
  const session = await new HttpSession(app).signIn(employee.email, employee.password);
  const other = await session.get(`/o/${trust.slug}/people`);
  const missing = await session.get('/o/no-such-organisation/people');
  assert.equal(other.statusCode, 404);
  assert.equal(missing.statusCode, 404);
  assert.equal(textOf(other), textOf(missing));
  assert.ok(!other.body.includes(trust.name));

  const own = await session.get(`/o/${council.slug}/people`);
  assert.equal(own.statusCode, 403, 'their own organisation, which they know exists');
  assert.ok(!own.body.includes(trust.name));
});

test('a partnership admin reaches every organisation’s partnership page', async () => {
  const admin = await createTestAccount(services, council.id, ['partnership_admin']);
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  const page = await session.get(`/partnership/organisations/${trust.slug}`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(trust.name));
});
