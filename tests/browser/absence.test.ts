/**
 * Absence as people record it: a manager records sickness for a part-time worker across a bank
 * holiday, the worker says they are back, and HR runs the absence report and downloads it.
 * Every page visited is checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../src/domain/dates.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
  recentBankHolidayMonday,
} from '../../src/testing/factories.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';

/** The latest bank holiday Monday at least three weeks ago; the sickness starts the Thursday before. */
const bankHoliday = recentBankHolidayMonday();
const firstDay = addDays(bankHoliday, -4);
const lastDay = addDays(bankHoliday, 2);

let accounts: Record<'manager' | 'employee' | 'hr', { email: string; password: string }>;

const suite: () => Suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services, { fullTimeHours: 37.5 });

  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo' }),
    personRow({
      employeeNumber: 'P1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      managerEmployeeNumber: 'M1',
      weeklyHours: 22.5,
      pattern: { hours: [7.5, 7.5, 7.5, 0, 0, 0, 0], worksBankHolidays: false },
      annualSalary: 19_500,
    }),
  ]);
  accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'P1' }),
    hr: await createTestAccount(services, organisation.id, ['hr']),
  };
});

test('a manager records sickness across a bank holiday, the employee returns, HR reports it', async () => {
  // The manager finds the part-time worker through their team and records the sickness.
  const manager = await Journey.start(suite());
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.clickLink('My team');
  assert.equal(await manager.heading(), 'My team');
  await manager.clickLink('Pat Kowalski');
  assert.equal(await manager.heading(), 'Pat Kowalski');
  await manager.clickButton('Record an absence');
  await manager.page.getByLabel('Sickness', { exact: true }).check();
  await manager.fillDate('First day of absence', firstDay);
  await manager.page.getByLabel('Reason').selectOption('S13');
  await manager.page.getByLabel('Self-certified').check();
  // A mistake first: the last day before the first.
  await manager.fillDate('Last day of absence (optional)', addDays(firstDay, -2));
  await manager.clickButton('Record absence');
  assert.match(
    await manager.page.locator('.govuk-error-summary').innerText(),
    /The last day of absence must be on or after the first day/,
  );
  await manager.page
    .getByRole('group', { name: 'Last day of absence (optional)' })
    .getByLabel('Day')
    .fill('');
  await manager.page
    .getByRole('group', { name: 'Last day of absence (optional)' })
    .getByLabel('Month')
    .fill('');
  await manager.page
    .getByRole('group', { name: 'Last day of absence (optional)' })
    .getByLabel('Year')
    .fill('');
  await manager.clickButton('Record absence');
  assert.equal(await manager.heading(), 'Pat Kowalski');
  assert.match(await manager.text(), /Absence recorded for Pat Kowalski/);
  assert.match(await manager.text(), /Off sick since/);
  await manager.close();

  // Pat says they are back.
  const employee = await Journey.start(suite());
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.clickLink('My absence');
  assert.match(await employee.text(), /You have been off sick since/);
  await employee.clickButton('Tell us you are back');
  await employee.page.getByLabel('I came back on an earlier day').check();
  await employee.fillDate('Your first day back at work', addDays(lastDay, 1));
  await employee.clickButton('Tell us you are back');
  assert.match(await employee.text(), /Welcome back/);
  // Thursday to Wednesday: Pat works Monday to Wednesday and Monday was a bank holiday, so
  // 15 hours were lost: 2 FTE days of 7.5 hours.
  assert.match(await employee.text(), /FTE days lost in the last 12 months\s+2\.00/);
  await employee.close();

  // HR runs the report for those days and downloads it.
  const hr = await Journey.start(suite());
  await hr.signIn(accounts.hr.email, accounts.hr.password);
  await hr.clickLink('Absence report');
  await hr.page.getByLabel('Another period').check();
  await hr.fillDate('From', firstDay);
  await hr.fillDate('To', lastDay);
  await hr.page.getByLabel('Group by').selectOption('unit');
  await hr.clickButton('Show report');
  await hr.page.getByText('Hours available and lost, and episodes by length').click();
  const hours = hr.page.locator('#report-more-table');
  const total = (await hours.getByRole('row', { name: /^All of / }).innerText()).split('\t');
  assert.ok(
    total.map((t) => t.trim()).includes('15.00'),
    `hours lost in the organisation's row: ${total.join(' | ')}`,
  );
  assert.ok(await hr.page.locator('img[alt], svg[role="img"]').count(), 'a chart beside the table');
  const [download] = await Promise.all([
    hr.page.waitForEvent('download'),
    hr.page.getByRole('link', { name: 'Download as CSV' }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8').trim().split('\n');
  assert.match(csv[0] ?? '', /^group,average_fte,hours_available,hours_lost,/);
  assert.equal(csv.at(-1)?.split(',')[3], '15');
  await hr.close();
});

test('without JavaScript, an employee reports sickness and is told what to fix first', async () => {
  const employee = await Journey.start(suite(), { javaScript: false });
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.clickLink('My absence');
  await employee.clickButton('Report sickness');
  assert.equal(await employee.heading(), 'Report sickness');
  // The first day is the one answer needed: without it, the employee is told; the reason may be left out.
  const firstDay = employee.page.getByRole('group', { name: 'First day you were off sick' });
  const day = await firstDay.getByLabel('Day').inputValue();
  await firstDay.getByLabel('Day').fill('');
  await employee.clickButton('Report sickness');
  const summary = await employee.page.locator('.govuk-error-summary').innerText();
  assert.doesNotMatch(summary, /reason/i);
  await employee.page.getByRole('group', { name: 'First day you were off sick' }).getByLabel('Day').fill(day);
  await employee.clickButton('Report sickness');
  assert.match(await employee.text(), /Your sickness has been reported/);
  assert.match(await employee.text(), /You have been off sick since/);
  await employee.close();
});
