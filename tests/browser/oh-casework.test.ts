/**
 * The OH service's casework pages in the browser, without JavaScript as well as with it: an OH
 * admin finds a client's referral in the caseload, reads it, triages it (after a mistake), closes
 * another case, records a clinician's profession and the review window. Every page visited is
 * checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/domain/today.ts';
import { ohServiceClients } from '../../src/modules/occupational-health/occupational-health-schema.ts';
import { createTestAccount, createTestOrganisation } from '../../src/testing/factories.ts';
import { insertReferral } from '../../src/testing/oh-referrals.ts';
import { browserSuite, Journey } from './journey.ts';

const people: { admin?: { email: string; password: string }; slug?: string } = {};

const suite = browserSuite(async (services) => {
  const provider = await createTestOrganisation(services, { name: 'Fellshire Police' });
  const client = await createTestOrganisation(services, { name: 'Fellshire Council' });
  await services.database.system.insert(ohServiceClients).values([
    { providerOrganisationId: provider.id, clientOrganisationId: provider.id, servedFrom: '2025-01-01' },
    { providerOrganisationId: provider.id, clientOrganisationId: client.id, servedFrom: '2025-01-01' },
  ]);
  people.admin = await createTestAccount(services, provider.id, ['oh_admin']);
  await createTestAccount(services, provider.id, ['oh_clinician']);
  const hr = await createTestAccount(services, client.id, ['hr']);
  const referral = { providerOrganisationId: provider.id, referredByUserId: hr.id };
  await insertReferral(services, { ...referral, organisationId: client.id, personName: 'Amelia Brown' });
  await insertReferral(services, {
    ...referral,
    organisationId: provider.id,
    personName: 'Dylan Marsh',
    status: 'accepted',
    triagedOn: addDays(today(), -20),
    priority: 'routine',
    service: 'nurse',
  });
  people.slug = provider.slug;
});

for (const javaScript of [true, false]) {
  test(`OH admin works the caseload${javaScript ? '' : ' without JavaScript'}`, async () => {
    const journey = await Journey.start(suite(), { javaScript });
    const { admin, slug } = people;
    assert.ok(admin && slug);
    await journey.signIn(admin.email, admin.password);
    await journey.clickLink('OH cases');
    assert.equal(await journey.heading(), 'OH cases');
    await journey.page.getByLabel('Status').selectOption({ label: 'All cases, open and closed' });
    await journey.page.getByLabel('Organisation').selectOption({ label: 'Fellshire Council' });
    await journey.clickButton('Show cases');
    assert.match(await journey.text(), /Amelia Brown/);
    await journey.clickLink('Amelia Brown');
    assert.match(await journey.text(), /Recurrent back pain affecting lifting/);

    if (javaScript) {
      await journey.clickButton('Triage the referral');
      await journey.clickButton('Save the triage');
      assert.match(await journey.text(), /Choose whether to accept or reject/);
      await journey.page.getByLabel('Accept', { exact: true }).check();
      await journey.page.getByLabel('Urgent').check();
      await journey.page.getByLabel('External provider (referral out)').check();
      await journey.clickButton('Save the triage');
      assert.match(await journey.text(), /Name the external provider/);
      await journey.fill('The external provider, for a referral out', 'Lakeland Physiotherapy Ltd');
      await journey.clickButton('Save the triage');
      assert.match(await journey.text(), /Referred out/);
    }

    await journey.goto(`/o/${slug}/oh/cases?status=all&name=marsh`);
    await journey.clickLink('Dylan Marsh');
    if (javaScript) {
      await journey.clickButton('Close the case');
      await journey.clickButton('Close the case');
      assert.match(await journey.text(), /Say why the case is closing/);
      await journey.fill('Why is the case closing?', 'The employee left the force');
      await journey.clickButton('Close the case');
      assert.match(await journey.text(), /Case closed/);
    }

    await journey.goto(`/o/${slug}/oh/clinicians`);
    await journey.page.getByLabel('Test oh clinician’s profession').selectOption({ label: 'Nurse' });
    await journey.clickButton('Save professions');
    await journey.goto(`/o/${slug}/oh/settings`);
    await journey.fill('How many working days does an employee have to review their report?', '0');
    await journey.clickButton('Save settings');
    assert.match(await journey.text(), /from 1 to 20/);
    await journey.goto('/');
    await journey.close();
  });
}
