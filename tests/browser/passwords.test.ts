import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createTestAccount, createTestOrganisation } from '../../src/testing/factories.ts';
import { browserSuite, Journey } from './journey.ts';

let person = { email: '', password: '' };
const suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services, { name: 'Merrowby Council' });
  person = await createTestAccount(services, organisation.id, ['hr'], {
    email: 'sam.okafor@merrowby.example',
  });
});

test('someone who forgot their password chooses a new one from the emailed link, changes it, and signs out everywhere', async () => {
  const { services } = suite();
  // Without JavaScript: every form here is a plain form.
  const journey = await Journey.start(suite(), { javaScript: false });
  await journey.goto('/sign-in');
  await journey.clickLink('Forgot your password?');
  assert.equal(await journey.heading(), 'Forgot your password?');
  await journey.clickButton('Send me a link');
  assert.match(await journey.text(), /Enter your email address/);
  await journey.fill('Email address', person.email);
  await journey.clickButton('Send me a link');
  assert.equal(await journey.heading(), 'Check your email');

  let message;
  for (let waited = 0; !message && waited < 5_000; waited += 50) {
    message = services.mailer.outbox.find((m) => m.to === person.email);
    if (!message) await sleep(50);
  }
  assert.ok(message, 'the link was emailed');
  const link = new URL(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(message.text)?.[0] ?? '');
  await journey.goto(`${link.pathname}${link.search}`);
  assert.equal(await journey.heading(), 'Choose a new password');
  await journey.fill('New password', 'Merrowby2026!');
  await journey.fill('New password again', 'Merrowby2026!');
  await journey.clickButton('Save new password');
  assert.match(await journey.text(), /Password must not be built on the name Merrowby/);
  const chosen = 'heron kettle saltmarsh';
  await journey.fill('New password', chosen);
  await journey.fill('New password again', chosen);
  await journey.clickButton('Save new password');
  assert.match(await journey.text(), /Your password has been changed/);

  // The link works once.
  await journey.goto(`${link.pathname}${link.search}`);
  assert.equal(await journey.heading(), 'This link has already been used');

  await journey.signIn(person.email, chosen);
  await journey.clickLink('Your account');
  assert.equal(await journey.heading(), 'Your account');
  await journey.clickLink(/Change your password/);
  await journey.fill('Current password', chosen);
  await journey.fill('New password', 'lantern orchard drizzle');
  await journey.fill('New password again', 'lantern orchard drizzle');
  await journey.clickButton('Change password');
  assert.match(await journey.text(), /Your password has been changed/);
  await journey.clickButton('Sign out of every device');
  assert.equal(await journey.heading(), 'Sign in to Wellwork');
  await journey.close();
});
