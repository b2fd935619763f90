/**
 * Occupational health from referral to adjustments, as the people involved click through it, with
 * axe-core on every page: a line manager refers someone and they consent in self-service; OH
 * admin triages the referral and books it into a clinician's session; the clinician writes a note
 * and the report, which the employee asked to see first; the employee has a fact corrected and
 * releases it; the manager reads it and adds its adjustments to the passport; and the manager,
 * trying the note's address, finds nothing there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/domain/today.ts';
import {
  ohClinicians,
  ohServiceClients,
} from '../../src/modules/occupational-health/occupational-health-schema.ts';
import { people as peopleTable } from '../../src/modules/people/people-schema.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { browserSuite, Journey } from './journey.ts';

type Account = { id: number; email: string; password: string };
let accounts: Record<'manager' | 'employee' | 'admin' | 'clinician', Account>;
let places: { provider: string; client: string; personId: number };

const suite = browserSuite(async (services) => {
  const provider = await createTestOrganisation(services, { name: 'Fellshire Constabulary' });
  const client = await createTestOrganisation(services, { name: 'Merrowby Council' });
  const manager = personRow({ employeeNumber: 'M1', firstName: 'Fatima', lastName: 'Griffiths' });
  await createTestPeople(services, client.id, [
    manager,
    personRow({
      employeeNumber: 'E1',
      firstName: 'Megan',
      lastName: 'Iqbal',
      jobTitle: 'Refuse Loader',
      managerEmployeeNumber: 'M1',
    }),
  ]);
  await services.database.system.insert(ohServiceClients).values([
    { providerOrganisationId: provider.id, clientOrganisationId: provider.id, servedFrom: '2025-01-01' },
    { providerOrganisationId: provider.id, clientOrganisationId: client.id, servedFrom: '2025-01-01' },
  ]);
  accounts = {
    manager: await createTestAccount(services, client.id, ['employee', 'line_manager'], {
      employeeNumber: 'M1',
    }),
    employee: await createTestAccount(services, client.id, ['employee'], { employeeNumber: 'E1' }),
    admin: await createTestAccount(services, provider.id, ['oh_admin']),
    clinician: await createTestAccount(services, provider.id, ['oh_clinician']),
  };
  await services.database.scoped({ organisationIds: [provider.id] }, (db) =>
    db.insert(ohClinicians).values({
      organisationId: provider.id,
      userId: accounts.clinician.id,
      profession: 'nurse',
    }),
  );
  const staff = await services.database.scoped({ organisationIds: [client.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const employee = staff.find((p) => p.employeeNumber === 'E1');
  assert.ok(employee);
  places = { provider: provider.slug, client: client.slug, personId: employee.id };
});

test('a referral goes from manager to OH and back, with the employee’s consent at every step', async () => {
  const { provider, client, personId } = places;
  const manager = await Journey.start(suite());
  const employee = await Journey.start(suite());
  const admin = await Journey.start(suite());
  const clinician = await Journey.start(suite());

  // 1. The manager refers Megan, and Megan consents in self-service.
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.goto(`/o/${client}/people/${personId}`);
  await manager.clickLink('Refer to occupational health');
  await manager.clickButton('Save the referral');
  assert.match(await manager.text(), /There is a problem/);
  await manager.fill('Why are you referring them?', 'Back pain after lifting, three absences this year');
  await manager.page.getByLabel('What adjustments would help?').check();
  await manager.fill('What does their job demand?', 'Lifting bins, walking 10 miles a day');
  await manager.page
    .getByRole('group', { name: /Include this absence history/ })
    .getByLabel('No')
    .check();
  await manager.clickButton('Save the referral');
  assert.match(await manager.text(), /Waiting for the employee’s consent|Waiting for consent/);
  const referralAddress = new URL(manager.page.url()).pathname;

  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.goto(`/o/${client}/my-occupational-health`);
  await employee.clickLink(/Read it and give your consent/);
  assert.match(await employee.text(), /Back pain after lifting/);
  await employee.page.getByLabel(/I have read the whole referral and agree/).check();
  await employee.clickButton('Give my consent');
  assert.match(await employee.text(), /With occupational health|Waiting to be triaged/);

  // 2. OH admin triages it and books it into the nurse's session.
  await admin.signIn(accounts.admin.email, accounts.admin.password);
  await admin.clickLink('OH cases');
  await admin.clickLink('Megan Iqbal');
  await admin.clickButton('Triage the referral');
  await admin.page.getByLabel('Accept', { exact: true }).check();
  await admin.page.getByLabel('Routine').check();
  await admin.page.getByLabel('OH nurse').check();
  await admin.clickButton('Save the triage');
  assert.match(await admin.text(), /Accepted|To book/);
  const caseAddress = new URL(admin.page.url()).pathname;
  const sessionDay = nextWeekday(addDays(today(), 7));
  await admin.goto(`/o/${provider}/oh/sessions/new`);
  await bookSession(admin, sessionDay);
  await admin.goto(caseAddress);
  await bookFirstFreeSlot(admin);
  assert.match(await admin.text(), /Booked/);

  // 3. The clinician writes a note and the report; Megan asked to see the report first.
  await clinician.signIn(accounts.clinician.email, accounts.clinician.password);
  await clinician.goto(caseAddress);
  await clinician.clickButton('Write a note');
  await clinician.fill('Note', 'Lumbar strain; no red flags. Advised graded activity.');
  await clinician.clickButton('Save the note');
  // Saved, the note is shown to the clinician who wrote it, its reading audited.
  const noteAddress = new URL(clinician.page.url()).pathname;
  assert.match(noteAddress, /\/notes\/\d+$/);
  assert.match(await clinician.text(), /Lumbar strain/);
  await clinician.goto(caseAddress);
  await clinician.clickLink('Write the report');
  await clinician.page.getByLabel('Fit for their role with adjustments').check();
  await clinician.fill('Recommended adjustments', 'No lifting over 15 kg for 6 weeks');
  await clinician.fill('What adjustments would help?', 'Lighter bins for six weeks, then review.');
  await clinician.page.getByLabel('Unlikely to apply').check();
  await clinician.page
    .getByRole('group', { name: /at the appointment/ })
    .getByLabel('Yes')
    .check();
  await clinician.clickButton('Save the draft');
  await clinician.clickButton('Send the report to Megan Iqbal');
  assert.match(await clinician.text(), /With the employee to review/);

  // 4. Megan asks for a correction of fact, the clinician makes it, and Megan releases the report.
  await employee.goto(`/o/${client}/my-occupational-health`);
  await employee.clickLink(/^Read your report/);
  assert.equal(await employee.heading(), 'Your occupational health report');
  await employee.fill(
    'What is wrong, and what should it say?',
    'My bins are emptied twice a week, not daily.',
  );
  await employee.clickButton('Ask for the correction');
  await clinician.goto(caseAddress);
  await clinician.clickLink(/Answer the correction/);
  await clinician.page.getByLabel('Correct the facts').check();
  await clinician.fill('What adjustments would help?', 'Lighter bins, twice a week, for six weeks.');
  await clinician.fill('Your answer to the employee', 'Corrected how often you empty bins.');
  await clinician.clickButton('Send your answer');
  await employee.goto(`/o/${client}/my-occupational-health`);
  await employee.clickLink(/^Read your report/);
  assert.match(await employee.text(), /Corrected how often you empty bins/);
  await employee.clickButton('Release your report');
  assert.match(await employee.text(), /The report was released on/);

  // 5. The manager reads the report and adds its adjustments to Megan's passport.
  await manager.goto(referralAddress);
  assert.match(await manager.text(), /No lifting over 15 kg for 6 weeks/);
  assert.doesNotMatch(await manager.text(), /Lumbar strain/);
  await manager.clickButton('Add these adjustments to their passport and action plan');
  assert.match(await manager.text(), /added/i);
  await employee.goto(`/o/${client}/my/adjustments-passport`);
  assert.match(await employee.text(), /No lifting over 15 kg for 6 weeks/);

  // 6. The manager, trying the note's address, finds nothing there.
  const response = await manager.page.goto(`${suite().baseUrl}${noteAddress}`);
  assert.equal(response?.status(), 404);
  assert.doesNotMatch(await manager.text(), /Lumbar strain/);

  for (const journey of [manager, employee, admin, clinician]) await journey.close();
});

/** The weekday on or after the date. */
function nextWeekday(date: string): string {
  let day = date;
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

/** On the page to add a session: the nurse's clinic on the day, at the police headquarters. */
async function bookSession(admin: Journey, day: string) {
  assert.equal(await admin.heading(), 'Add a session');
  await admin.page.getByLabel('Clinician').selectOption({ value: String(accounts.clinician.id) });
  await admin.fillDate('Date', day);
  await admin.fill('Time the first slot starts', '09:30');
  await admin.fill('Length of each slot', '45');
  await admin.fill('Number of slots', '4');
  await admin.page.getByLabel('At a site').check();
  await admin.fill('The site’s name and address', 'Headquarters, 1 Castle Street, Fellshire');
  await admin.clickButton('Add the session');
}

/** On the case page: books the case into the first free slot. */
async function bookFirstFreeSlot(admin: Journey) {
  await admin.clickLink('Book an appointment');
  await admin.page.getByRole('group', { name: 'Choose a free slot' }).getByRole('radio').first().check();
  await admin.clickButton('Book the appointment');
}
