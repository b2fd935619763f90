import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { demoPartnership } from '../../src/modules/demo/demo-partnership.ts';
import { browserSuite, Journey } from './journey.ts';

const suite = browserSuite(async (services) => {
  await loadDemo(services);
});

const demo = demoPartnership();
const account = (role: string, slug: string) => {
  const found = demo.organisations
    .find((o) => o.slug === slug)
    ?.accounts.find((a) => a.roles.includes(role as never));
  assert.ok(found, `a demo ${role} at ${slug}`);
  return found;
};

test('an admin invites another organisation’s HR, who accepts after signing in and then works in both', async () => {
  const admin = account('organisation_admin', 'merrowby-council');
  const trustHr = account('hr', 'merrowby-nhs');

  const journey = await Journey.start(suite());
  await journey.signIn(admin.email, admin.password);
  await journey.clickLink('Accounts');
  await journey.clickButton('Add an account');
  await journey.fill('Name', trustHr.displayName);
  await journey.fill('Email address', trustHr.email);
  await journey.fill('First password', 'a kettle of unremarkable herons');
  await journey.page.getByLabel('HR', { exact: true }).check();
  await journey.clickButton('Send invitation');
  // The same words whether or not the email already had an account.
  assert.match(
    await journey.text(),
    new RegExp(`Invitation sent to ${trustHr.email.replace('.', '\\.')}\\. They will be asked to accept it`),
  );
  assert.match(await journey.text(), /Invited on \d{1,2} [A-Z][a-z]+ \d{4}, waiting for an answer/);
  await journey.close();

  const invited = await Journey.start(suite());
  await invited.signIn(trustHr.email, trustHr.password);
  assert.match(
    await invited.text(),
    /Merrowby Metropolitan Borough Council has invited you to Wellwork as HR/,
  );
  await invited.clickButton(/Accept the invitation from Merrowby Metropolitan Borough Council/);
  // Home now has a part for each organisation, each scanned for accessibility.
  await invited.goto('/');
  const home = await invited.text();
  assert.doesNotMatch(home, /Your invitations/);
  assert.match(home, /Merrowby Metropolitan Borough Council[\s\S]*As HR/);
  await invited.goto('/o/merrowby-council/people');
  assert.equal(await invited.heading(), 'People');
  await invited.close();
});
