/**
 * The welcome-back health review as people click it: the employee says they are back, the
 * review falls due on the manager's task list, the manager holds it and signposts support, and
 * the employee reads, comments and confirms it; then the manager agrees an action plan. Every
 * page visited is checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absences } from '../../src/modules/absences/absences-schema.ts';
import { supportServices } from '../../src/modules/attendance-settings/attendance-settings-schema.ts';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/domain/today.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';
import { people as peopleTable } from '../../src/modules/people/people-schema.ts';
import { eq } from 'drizzle-orm';

let accounts: Record<'manager' | 'employee', { email: string; password: string }>;

const suite: () => Suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', startDate: '2020-01-06' }),
    personRow({
      employeeNumber: 'P1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      managerEmployeeNumber: 'M1',
      startDate: '2020-01-06',
    }),
  ]);
  accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'P1' }),
  };
  await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const pat = (await db.select().from(peopleTable).where(eq(peopleTable.employeeNumber, 'P1')))[0];
    await db.insert(supportServices).values({
      organisationId: organisation.id,
      kind: 'mhfa',
      name: 'Mental health first aiders',
      contact: 'mhfa@merrowby.example',
    });
    await db.insert(absences).values({
      organisationId: organisation.id,
      personId: pat?.id ?? 0,
      type: 'sickness',
      startDate: addDays(today(), -9),
      endDate: null,
      reasonCode: 'S10',
      certification: 'fit_note',
    });
  });
});

test('the employee returns, the manager holds the welcome-back review, the employee confirms it', async () => {
  const employee = await Journey.start(suite());
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.clickLink('My absence');
  await employee.clickButton('Tell us you are back');
  await employee.page.getByLabel('Today,').check();
  await employee.clickButton('Tell us you are back');
  assert.match(await employee.text(), /Welcome back/);

  const manager = await Journey.start(suite());
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.clickLink('Hold Pat Kowalski’s welcome-back review');
  assert.equal(await manager.heading(), 'Welcome-back health review');
  await manager.clickButton('Save the review');
  assert.match(await manager.page.locator('.govuk-error-summary').innerText(), /Enter how the person is/);
  await manager.fillDate('When did you hold the review?', today());
  await manager.fill('How are they?', 'Feeling steadier; sleeping better');
  await manager.page.getByLabel('Mental health first aiders').check();
  await manager.page.getByRole('group', { name: 'Does an action plan follow?' }).getByLabel('Yes').check();
  await manager.page
    .getByRole('group', { name: 'Does a referral to occupational health follow?' })
    .getByLabel('No')
    .check();
  await manager.fill('Notes you agreed together', 'A phased return over two weeks');
  await manager.clickButton('Save the review');
  assert.match(await manager.text(), /Welcome-back review recorded for Pat Kowalski/);

  await employee.goto('/');
  await employee.clickLink('Read and confirm your welcome-back review');
  assert.match(await employee.text(), /A phased return over two weeks/);
  await employee.fill('Your comments', 'Thank you');
  await employee.clickButton('Confirm the review');
  assert.match(await employee.text(), /You have confirmed your welcome-back review/);

  await manager.goto('/');
  await manager.clickLink('My team');
  await manager.clickLink('Pat Kowalski');
  await manager.clickLink('Agree an action plan');
  await manager.page.locator('#goal1What').fill('Short walk at lunchtime');
  await manager.page.locator('#goal1Measure').fill('Three times a week');
  await manager.page.locator('#goal1Owner').fill('Pat');
  await manager.fillDate('By when', addDays(today(), 42));
  await manager.fill('Support the organisation commits to', 'A protected lunch break');
  await manager.fillDate('When will you first review the plan together?', addDays(today(), 14));
  await manager.clickButton('Save the action plan');
  assert.equal(await manager.heading(), 'Personalised improvement action plan');
  await manager.close();
  await employee.close();
});
