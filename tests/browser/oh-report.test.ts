/**
 * The fitness-for-work report's pages in a browser, each checked with axe-core: the clinician
 * writes the report (a mistake first) and sends it to the employee, who asked to see it first;
 * the employee asks for a correction, the clinician corrects the facts, and the employee releases
 * the report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertReferral } from '../../src/modules/occupational-health/referrals-repository.ts';
import { ohServiceClients } from '../../src/modules/occupational-health/occupational-health-schema.ts';
import { people } from '../../src/modules/people/people-schema.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';

let accounts: Record<'clinician' | 'employee', { email: string; password: string }>;
let addresses: { report: string; provider: string; client: string };

const suite: () => Suite = browserSuite(async (services) => {
  const provider = await createTestOrganisation(services, { name: 'Northshire Police' });
  const client = await createTestOrganisation(services, { name: 'Northshire Council' });
  await createTestPeople(services, client.id, [
    personRow({ employeeNumber: 'P1', firstName: 'Pat', lastName: 'Kowalski' }),
  ]);
  await services.database.system.insert(ohServiceClients).values({
    providerOrganisationId: provider.id,
    clientOrganisationId: client.id,
    servedFrom: '2025-01-01',
  });
  accounts = {
    clinician: await createTestAccount(services, provider.id, ['oh_clinician']),
    employee: await createTestAccount(services, client.id, ['employee'], { employeeNumber: 'P1' }),
  };
  const referral = await services.database.scoped({ organisationIds: [client.id] }, async (db) => {
    const [person] = await db.select({ id: people.id }).from(people);
    return insertReferral(db, {
      organisationId: client.id,
      providerOrganisationId: provider.id,
      personId: person?.id ?? 0,
      kind: 'management',
      referrerRelation: 'hr',
      personName: 'Pat Kowalski',
      personEmail: accounts.employee.email,
      questions: ['Is the employee fit for their role?'],
      status: 'accepted',
      consentGivenOn: '2026-10-01',
      consentRecordedBy: 'employee',
      referredOn: '2026-10-01',
      triagedOn: '2026-10-02',
      service: 'nurse',
    });
  });
  addresses = {
    report: `/o/${provider.slug}/oh/cases/${referral.id}/report`,
    provider: provider.slug,
    client: client.slug,
  };
});

test('the clinician writes and sends the report; the employee has a fact corrected and releases it', async () => {
  const clinician = await Journey.start(suite());
  await clinician.signIn(accounts.clinician.email, accounts.clinician.password);
  await clinician.goto(addresses.report);
  assert.equal(await clinician.heading(), 'Fitness-for-work report');
  await clinician.page.getByLabel('Temporarily unfit for their role').check();
  await clinician.clickButton('Save the draft');
  assert.match(await clinician.text(), /Enter the date they are likely to be able to return/);
  await clinician.page.getByLabel('Fit for their role with adjustments').check();
  await clinician.fill('Recommended adjustments', 'A phased return over 4 weeks');
  await clinician.fill('Is the employee fit for their role?', 'Yes. They lift boxes daily.');
  await clinician.page.getByLabel('Unlikely to apply').check();
  await clinician.page
    .getByRole('group', { name: /at the appointment/ })
    .getByLabel('Yes')
    .check();
  await clinician.clickButton('Save the draft');
  assert.equal(await clinician.heading(), 'Check and send the report');
  await clinician.clickButton('Send the report to Pat Kowalski');
  assert.match(await clinician.text(), /With the employee to review/);

  const employee = await Journey.start(suite());
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  const reportLink = suite().services.mailer.outbox.findLast((m) => m.to === accounts.employee.email);
  const link = /https?:\/\/[^\s]+\/my-occupational-health\/reports\/\d+/.exec(reportLink?.text ?? '')?.[0];
  assert.ok(link, 'the employee was emailed a link');
  await employee.goto(new URL(link).pathname);
  assert.equal(await employee.heading(), 'Your occupational health report');
  await employee.clickButton('Ask for the correction');
  assert.match(await employee.text(), /Say which facts are wrong/);
  await employee.fill('What is wrong, and what should it say?', 'I lift boxes weekly, not daily.');
  await employee.clickButton('Ask for the correction');

  await clinician.goto(addresses.report);
  await clinician.clickLink(/Answer/);
  assert.equal(await clinician.heading(), 'A correction asked for');
  await clinician.page.getByLabel('Correct the facts').check();
  await clinician.fill('Is the employee fit for their role?', 'Yes. They lift boxes weekly.');
  await clinician.fill('Your answer to the employee', 'Corrected how often you lift.');
  await clinician.clickButton('Send your answer');
  assert.match(await clinician.text(), /Earlier versions/);

  await employee.goto(new URL(link).pathname);
  assert.match(await employee.text(), /Corrected how often you lift/);
  await employee.clickButton('Release your report');
  assert.match(await employee.text(), /The report was released on/);
  await clinician.close();
  await employee.close();
});
