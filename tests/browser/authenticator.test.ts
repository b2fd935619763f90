/**
 * An HR user sets up an authenticator app on first signing in, as the issue's journey asks: scans
 * (here, types) the key, confirms a code, keeps the recovery codes, and then signs in with a code
 * from the app, and once with a recovery code. Every page is checked with axe-core, with and
 * without JavaScript.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestAccount, createTestOrganisation } from '../../src/testing/factories.ts';
import { authenticatorCode, currentStep } from '../../src/testing/second-factor.ts';
import { browserSuite, Journey } from './journey.ts';

let organisation: { id: number; slug: string } | null = null;
const suite = browserSuite(async (services) => {
  organisation = await createTestOrganisation(services);
});

for (const javaScript of [true, false]) {
  test(`an HR user sets up an authenticator app, then signs in with its codes (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const { services } = suite();
    assert.ok(organisation);
    const hr = await createTestAccount(services, organisation.id, ['hr']);
    const journey = await Journey.start(suite(), { javaScript });

    await journey.goto(`/sign-in?returnTo=${encodeURIComponent(`/o/${organisation.slug}/people`)}`);
    await journey.fill('Email address', hr.email);
    await journey.fill('Password', hr.password);
    await journey.clickButton('Sign in');
    assert.equal(await journey.heading(), 'Set up an authenticator app');
    assert.ok(await journey.page.locator('.app-qr-code svg[role="img"]').isVisible(), 'the QR code is shown');
    // Nothing else until it is set up.
    await journey.goto(`/o/${organisation.slug}/people`);
    assert.equal(await journey.heading(), 'Set up an authenticator app');

    // Typed in, as someone whose phone cannot scan it would.
    const secret = (await journey.page.locator('#secret').innerText()).replace(/\s/g, '');
    await journey.fill('Code from your authenticator app', '000000');
    await journey.clickButton('Confirm');
    assert.match(await journey.text(), /There is a problem[\s\S]*The code is not right/);
    const step = currentStep();
    await journey.fill('Code from your authenticator app', authenticatorCode(secret, { step }));
    await journey.clickButton('Confirm');
    assert.equal(await journey.heading(), 'Your authenticator app is set up');
    assert.ok(await journey.page.getByRole('heading', { name: 'Your recovery codes' }).isVisible());
    const codes = await journey.page.locator('#recovery-codes code').allInnerTexts();
    assert.equal(codes.length, 10);
    assert.equal(
      await journey.page.getByRole('button', { name: 'Print this page' }).isVisible(),
      javaScript,
      'the print button needs JavaScript',
    );
    await journey.clickLink('Continue');
    assert.equal(await journey.heading(), 'People');

    await journey.clickButton('Sign out');
    await journey.signInWithPassword(hr.email, hr.password);
    assert.equal(new URL(journey.page.url()).pathname, '/sign-in/code');
    // The code that confirmed the app has been used: the next step's is accepted (a step of drift).
    await journey.fill(
      'Enter the code from your authenticator app',
      authenticatorCode(secret, { step: step + 1 }),
    );
    await journey.clickButton('Continue');
    assert.equal(await journey.heading(), `Hello, ${hr.displayName}`);

    await journey.clickButton('Sign out');
    await journey.signInWithPassword(hr.email, hr.password);
    await journey.page.getByText('I cannot use my authenticator app').click();
    await journey.fill('Enter the code from your authenticator app', codes[0] ?? '');
    await journey.clickButton('Continue');
    assert.match(await journey.text(), /You signed in with a recovery code\. You have 9 left\./);

    await journey.clickLink('Your account');
    assert.match(await journey.text(), /Authenticator app\s+Set up: you enter a code from it/);
    await journey.clickLink('Manage your authenticator app');
    assert.equal(await journey.heading(), 'Your authenticator app');
    await journey.clickButton('Get new recovery codes');
    assert.equal(await journey.heading(), 'Your new recovery codes');
    await journey.close();
  });
}
