/**
 * Single sign-on in the browser: an organisation admin turns it on for their provider (a real
 * OpenID Connect provider on loopback), then an employee with no Wellwork account signs in
 * through it with their work email and lands on their home page. Every page is checked with
 * axe-core, the provider's sign-in page included.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { redirectUri } from '../../src/modules/auth/single-sign-on-service.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { startTestProvider, type TestProvider } from '../../src/testing/oidc-test-provider.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';

let provider: TestProvider;
let admin: { email: string; password: string };
after(() => provider.close());

const suite: () => Suite = browserSuite(
  async (services) => {
    provider = await startTestProvider(redirectUri(services.config.publicUrl));
    const organisation = await createTestOrganisation(services, { name: 'Riverside NHS Trust' });
    admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
    await createTestPeople(services, organisation.id, [
      personRow({ firstName: 'Pat', lastName: 'Kowalski', email: 'pat.kowalski@riverside.example.nhs.uk' }),
    ]);
    provider.people.set('pat', {
      sub: 'pat',
      email: 'pat.kowalski@riverside.example.nhs.uk',
      email_verified: true,
      name: 'Pat Kowalski',
    });
  },
  { publicUrl: true },
);

test('an admin turns on single sign-on, and an employee signs in with their work account', async () => {
  const adminAtBrowser = await Journey.start(suite());
  await adminAtBrowser.signIn(admin.email, admin.password);
  await adminAtBrowser.clickLink('Single sign-on');
  assert.equal(await adminAtBrowser.heading(), 'Single sign-on');
  assert.match(await adminAtBrowser.text(), /\/sign-in\/single-sign-on\/callback/);
  await adminAtBrowser.fill('Issuer address', provider.issuer);
  await adminAtBrowser.fill('Client ID', provider.clientId);
  await adminAtBrowser.fill('Client secret', provider.clientSecret);
  // A mistake first: no domains.
  await adminAtBrowser.page.getByLabel('Let people sign in with their organisation’s account').check();
  await adminAtBrowser.clickButton('Save single sign-on settings');
  assert.match(
    await adminAtBrowser.page.locator('.govuk-error-summary').innerText(),
    /Enter at least one email domain/,
  );
  await adminAtBrowser.fill('Client secret', provider.clientSecret);
  await adminAtBrowser.fill('Email domains of your people', 'riverside.example.nhs.uk');
  await adminAtBrowser.clickButton('Save single sign-on settings');
  assert.match(await adminAtBrowser.text(), /Single sign-on settings saved/);
  assert.match(await adminAtBrowser.text(), /A client secret is saved/);
  assert.ok(!(await adminAtBrowser.page.content()).includes(provider.clientSecret));
  await adminAtBrowser.close();

  const employee = await Journey.start(suite());
  await employee.goto('/sign-in');
  await employee.clickButton('Sign in with your organisation’s account');
  assert.equal(await employee.heading(), 'Sign in with your organisation’s account');
  await employee.fill('Your work email address', 'pat.kowalski@riverside.example.nhs.uk');
  await employee.clickButton('Continue');
  assert.equal(await employee.heading(), 'Sign in with your Riverside NHS Trust account');
  await employee.clickButton('Continue to Riverside NHS Trust’s sign-in page');
  // At the organisation's own provider.
  assert.equal(new URL(employee.page.url()).origin, provider.issuer);
  await employee.fill('Username', 'pat');
  await employee.clickButton('Sign in at the provider');
  assert.equal(new URL(employee.page.url()).pathname, '/');
  assert.match(await employee.page.locator('body').innerText(), /Pat Kowalski/);
  await employee.close();
});
