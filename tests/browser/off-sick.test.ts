/**
 * An employee reports their own sickness with a fit note, finds their home page saying they are
 * off sick and since when, and tells us they are back, making a mistake first. The same form
 * without JavaScript shows the fit note's questions. Every page visited is checked with axe-core.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { test } from 'node:test';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/domain/today.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { ukDateWithDay } from '../../src/web/nunjucks.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';

let accounts: Record<'manager' | 'employee', { email: string; password: string }>;

const suite: () => Suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo' }),
    personRow({ employeeNumber: 'P1', firstName: 'Amelia', lastName: 'Brown', managerEmployeeNumber: 'M1' }),
  ]);
  accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'P1' }),
  };
});

/** Where a run leaves its screenshots, at 1280 and 320 pixels wide, when asked to (SCREENSHOTS=dir). */
async function screenshot(journey: Journey, name: string) {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const page = journey.page;
  const size = page.viewportSize();
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.screenshot({ path: `${dir}/${name}-320.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('an employee reports sickness, sees they are off on their home page, and tells us they are back', async () => {
  const firstDay = addDays(today(), -8);
  const employee = await Journey.start(suite());
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.clickLink('Report sickness');
  assert.equal(await employee.heading(), 'Report sickness');

  // The questions are put to the employee; the fit note's questions wait for "Fit note".
  const form = employee.page.locator('main form');
  assert.match(await form.innerText(), /Did you go home part-way through your first shift\?/);
  assert.doesNotMatch(await form.innerText(), /\b(they|their)\b/);
  const fitNoteFrom = employee.page.getByRole('group', { name: 'The date the fit note starts' });
  assert.equal(await fitNoteFrom.isVisible(), false, 'hidden until “Fit note” is chosen');
  await employee.page.getByLabel('Yes', { exact: true }).nth(1).check();
  assert.equal(await employee.page.getByLabel('How many hours of the shift did you miss?').isVisible(), true);
  await employee.page.getByLabel('No', { exact: true }).nth(1).check();

  await employee.fillDate('First day you were off sick', firstDay);
  await employee.page.getByLabel('Reason').selectOption('S13');
  await employee.page.getByLabel('I have a fit note from a doctor').check();
  assert.equal(await fitNoteFrom.isVisible(), true);
  await screenshot(employee, 'report-sickness-fit-note');
  // A mistake: the fit note's details missing.
  await employee.clickButton('Report sickness');
  assert.match(
    await employee.page.locator('.govuk-error-summary').innerText(),
    /Enter the date the fit note starts/,
  );
  assert.equal(await fitNoteFrom.isVisible(), true, 'the chosen answer’s questions stay open');
  await employee.fillDate('The date the fit note starts', firstDay);
  await employee.page.getByLabel('No, not fit for work').check();
  await employee.clickButton('Report sickness');

  // Home: off sick since the first day, with the way back; no "Report sickness".
  assert.equal(await employee.heading(), `Hello, Test employee`);
  const home = await employee.text();
  assert.match(home, /Your sickness has been reported/);
  assert.ok(home.includes(`You have been off sick since ${ukDateWithDay(firstDay)}.`), home);
  assert.equal(await employee.page.getByRole('link', { name: 'Report sickness' }).count(), 0);
  await screenshot(employee, 'home-off-sick');

  await employee.clickLink('My wellbeing and attendance');
  assert.ok((await employee.text()).includes(`You have been off sick since ${ukDateWithDay(firstDay)}.`));

  // Back: first a day too far ahead, then today.
  await employee.clickButton('Tell us you are back');
  assert.match(await employee.heading(), /When are you back at work\?/);
  await employee.page.getByLabel('I came back on an earlier day').check();
  await employee.fillDate('Your first day back at work', addDays(today(), 5));
  await employee.clickButton('Tell us you are back');
  assert.match(
    await employee.page.locator('.govuk-error-summary').innerText(),
    /cannot be later than tomorrow/,
  );
  await screenshot(employee, 'im-back-error');
  await employee.page.getByLabel(`Today, ${ukDateWithDay(today())}`).check();
  await employee.clickButton('Tell us you are back');
  const back = await employee.text();
  assert.match(back, /Welcome back/);
  assert.ok(back.includes(`last day off sick as ${ukDateWithDay(addDays(today(), -1))}`), back);
  await screenshot(employee, 'welcome-back');

  await employee.clickLink('Home');
  assert.doesNotMatch(await employee.text(), /off sick since/);
  assert.equal(await employee.page.getByRole('link', { name: 'Report sickness' }).count(), 1);
  await employee.close();
});

test('without JavaScript the fit note’s questions show, and are read only when “Fit note” is chosen', async () => {
  const employee = await Journey.start(suite(), { javaScript: false });
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.goto('/');
  // Earlier test's sickness has ended; report a short one, self-certified, with a stray fit-note date.
  await employee.clickLink('Report sickness');
  const fitNoteFrom = employee.page.getByRole('group', { name: 'The date the fit note starts' });
  assert.equal(await fitNoteFrom.isVisible(), true);
  await screenshot(employee, 'report-sickness-no-js');
  await employee.fillDate('First day you were off sick', today());
  // The reason left out: the employee need not say.
  assert.equal(await employee.page.getByLabel('Reason (optional)').inputValue(), '');
  await employee.page.getByLabel(/I am self-certifying/).check();
  await employee.fillDate('The date the fit note starts', '2026-02-31');
  await employee.clickButton('Report sickness');
  assert.ok((await employee.text()).includes(`You have been off sick since ${ukDateWithDay(today())}.`));
  await employee.close();

  // The manager sees Amelia is off sick.
  const manager = await Journey.start(suite());
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.clickLink(/^Amelia Brown$/);
  assert.match(await manager.text(), new RegExp(`Off sick since ${ukDateWithDay(today())}`));
  await screenshot(manager, 'manager-person-off-sick');
  await manager.close();
});
