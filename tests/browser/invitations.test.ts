import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { browserSuite, Journey } from './journey.ts';

const SLUG = 'merrow-community-nhs';
const people = {
  nia: personRow({
    firstName: 'Nia',
    lastName: 'Roberts',
    email: 'nia.roberts@merrow-nhs.example',
    unitPath: ['Community Nursing', 'District Nurses North'],
  }),
  omar: personRow({
    firstName: 'Omar',
    lastName: 'Farah',
    email: 'omar.farah@merrow-nhs.example',
    unitPath: ['Community Nursing'],
  }),
  pat: personRow({
    firstName: 'Pat',
    lastName: 'Kowalski',
    email: 'pat.kowalski@merrow-nhs.example',
    unitPath: ['Estates'],
  }),
};
let admin = { email: '', password: '' };

const suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services, {
    slug: SLUG,
    name: 'Merrow Community NHS Trust',
  });
  await createTestPeople(services, organisation.id, Object.values(people));
  admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
});

test('an admin invites a unit without JavaScript, and an invited person sets a password from the email link', async () => {
  const journey = await Journey.start(suite(), { javaScript: false });
  await journey.signIn(admin.email, admin.password);
  await journey.clickLink('Invite people to Wellwork');
  assert.equal(await journey.heading(), 'Whom do you want to invite to Wellwork?');
  await journey.page.getByLabel('Everyone in a unit').check();
  await journey.page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Community Nursing' });
  await journey.clickButton('Continue');
  assert.equal(await journey.heading(), 'You are about to invite 2 people');
  assert.match(await journey.text(), /Nia Roberts[\s\S]*Omar Farah|Omar Farah[\s\S]*Nia Roberts/);
  assert.doesNotMatch(await journey.text(), /Pat Kowalski/);
  await journey.clickButton('Send 2 people an invitation');
  assert.equal(await journey.heading(), 'Sending invitations');
  for (let i = 0; i < 50 && !/2 of 2 invitations sent/.test(await journey.text()); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await journey.clickLink('Refresh to see how many have been sent');
  }
  assert.match(await journey.text(), /2 of 2 invitations sent/);
  await journey.clickLink('See every invitation and its status');
  assert.equal(await journey.heading(), 'Invitations');
  assert.match(await journey.text(), /Nia Roberts[\s\S]*Sent on \d{1,2} [A-Z][a-z]+ \d{4}/);
  await journey.close();

  // The invited person follows the link in their email.
  const email = suite().services.mailer.outbox.find((m) => m.to === people.nia.email);
  assert.ok(email, 'Nia was emailed');
  const link = /https?:\/\/[^/\s]+(\/o\/[^\s?]+\/join\?token=[A-Za-z0-9_-]+)/.exec(email.text)?.[1];
  assert.ok(link);
  const invited = await Journey.start(suite());
  await invited.goto(link);
  assert.equal(await invited.heading(), 'Set your password');
  await invited.fill('Password', 'short');
  await invited.fill('Enter the password again', 'other');
  await invited.clickButton('Set password and sign in');
  assert.match(await invited.text(), /There is a problem/);
  await invited.fill('Password', 'heron kettle marmalade window');
  await invited.fill('Enter the password again', 'heron kettle marmalade window');
  await invited.clickButton('Set password and sign in');
  assert.match(await invited.text(), /Welcome to Wellwork/);
  assert.match(await invited.page.locator('body').innerText(), /Sign out/);
  // The link worked once.
  await invited.goto(link);
  assert.equal(await invited.heading(), 'This link cannot be used');
  await invited.close();
});
