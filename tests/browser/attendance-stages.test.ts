/**
 * The attendance stages as people click them: a manager records sickness, holds the
 * welcome-back review and agrees an action plan; when support has not been enough they open a
 * case and hold an informal stage meeting with written notice, accompaniment, an outcome and its
 * rationale, and letters; HR finds the case by its stage, reads its timeline and holds the first
 * formal meeting; the employee reads their meetings and letters. Then the Dying to Work charter
 * stops a formal stage the person has not chosen. Every page visited is checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attendanceCases,
  stageMeetings,
} from '../../src/modules/attendance-cases/attendance-cases-schema.ts';
import { supportServices } from '../../src/modules/attendance-settings/attendance-settings-schema.ts';
import { ukDate } from '../../src/domain/date-words.ts';
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

let accounts: Record<'manager' | 'employee' | 'hr', { email: string; password: string }>;

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
    personRow({
      employeeNumber: 'P2',
      firstName: 'Sam',
      lastName: 'Okoro',
      managerEmployeeNumber: 'M1',
      startDate: '2020-01-06',
    }),
  ]);
  accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'P1' }),
    hr: await createTestAccount(services, organisation.id, ['hr']),
  };
  // Only what nobody clicks here: the support directory, and Sam's case, whose informal stage
  // meeting was held a fortnight ago.
  await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    await db.insert(supportServices).values({
      organisationId: organisation.id,
      kind: 'mhfa',
      name: 'Mental health first aiders',
      contact: 'mhfa@merrowby.example',
    });
    const sam = (await db.select().from(peopleTable).where(eq(peopleTable.employeeNumber, 'P2')))[0];
    const [samCase] = await db
      .insert(attendanceCases)
      .values({ organisationId: organisation.id, personId: sam?.id ?? 0, openedOn: addDays(today(), -28) })
      .returning({ id: attendanceCases.id });
    await db.insert(stageMeetings).values({
      organisationId: organisation.id,
      caseId: samCase?.id ?? 0,
      stage: 'informal',
      noticeGivenOn: addDays(today(), -21),
      meetingDate: addDays(today(), -14),
      location: 'Meeting room 2',
      heldOn: addDays(today(), -14),
      accompaniment: 'declined',
      companionName: '',
      attendees: 'Grace Adebayo, Sam Okoro',
      discussion: 'The support so far and what more would help',
      outcome: 'review_period',
      reviewDate: addDays(today(), 28),
      rationale: 'Sam asked for time to try the adjustments agreed',
    });
  });
});

test('sickness leads, through a review and an action plan, to an informal stage and a first formal meeting', async () => {
  // The manager records Pat's sickness, which ended two days ago.
  const manager = await Journey.start(suite());
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.clickLink('My team');
  await manager.clickLink('Pat Kowalski');
  await manager.clickButton('Record an absence');
  await manager.page.getByLabel('Sickness', { exact: true }).check();
  await manager.fillDate('First day of absence', addDays(today(), -6));
  await manager.fillDate('Last day of absence (optional)', addDays(today(), -2));
  await manager.page.getByLabel('Reason').selectOption('S13');
  await manager.page.getByLabel('Self-certified').check();
  await manager.clickButton('Record absence');
  assert.match(await manager.text(), /Absence recorded for Pat Kowalski/);

  // The welcome-back review falls due on the manager's task list; they hold it.
  await manager.goto('/');
  await manager.clickLink('Hold Pat Kowalski’s welcome-back review');
  assert.equal(await manager.heading(), 'Welcome-back health review');
  await manager.fillDate('When did you hold the review?', today());
  await manager.fill('How are they?', 'Tired, and worried about being off again');
  await manager.page.getByLabel('Mental health first aiders').check();
  await manager.page.getByRole('group', { name: 'Does an action plan follow?' }).getByLabel('Yes').check();
  await manager.page
    .getByRole('group', { name: 'Does a referral to occupational health follow?' })
    .getByLabel('No')
    .check();
  await manager.fill('Notes you agreed together', 'An action plan to build up stamina');
  await manager.clickButton('Save the review');
  assert.match(await manager.text(), /Welcome-back review recorded for Pat Kowalski/);

  // Pat reads and confirms it.
  const employee = await Journey.start(suite());
  await employee.signIn(accounts.employee.email, accounts.employee.password);
  await employee.clickLink('Read and confirm your welcome-back review');
  await employee.clickButton('Confirm the review');
  assert.match(await employee.text(), /You have confirmed your welcome-back review/);

  // The manager agrees an action plan, and reviews it: support has not been enough.
  await manager.goto('/');
  await manager.clickLink('My team');
  await manager.clickLink('Pat Kowalski');
  await manager.clickLink('Agree an action plan');
  await manager.page.locator('#goal1What').fill('Walk for twenty minutes each day');
  await manager.page.locator('#goal1Measure').fill('Five days a week');
  await manager.page.locator('#goal1Owner').fill('Pat');
  await manager.fillDate('By when', addDays(today(), 42));
  await manager.fill('Support the organisation commits to', 'Later starts for four weeks');
  await manager.fillDate('When will you first review the plan together?', addDays(today(), 14));
  await manager.clickButton('Save the action plan');
  assert.equal(await manager.heading(), 'Personalised improvement action plan');
  await manager.clickButton('Record a review of the plan');
  assert.equal(await manager.heading(), 'Review the action plan');
  await manager.fillDate('When did you review the plan?', today());
  await manager.fill('Progress against the goals', 'Two further short absences despite the plan');
  await manager.page
    .getByLabel('Support has not been enough: close the plan and move to an informal stage meeting')
    .check();
  await manager.clickButton('Save the review');
  assert.equal(await manager.heading(), 'Pat Kowalski');
  assert.match(await manager.text(), /Action plan review recorded/);

  // The manager opens a case and arranges the informal stage meeting, first with too little notice.
  await manager.clickLink('Open an attendance case');
  assert.equal(await manager.heading(), 'Open an attendance case');
  await manager.clickButton('Open the case');
  assert.equal(await manager.heading(), 'Attendance case');
  assert.match(await manager.text(), /Attendance case opened/);
  await manager.clickButton('Arrange a meeting');
  assert.equal(await manager.heading(), 'Arrange a meeting');
  await manager.page.getByLabel('Informal stage meeting', { exact: true }).check();
  await manager.fillDate('When is written notice given?', today());
  await manager.fillDate('Date of the meeting', addDays(today(), 3));
  await manager.fill('Where', 'Meeting room 2, North Team office');
  await manager.clickButton('Arrange the meeting');
  assert.match(
    await manager.page.locator('.govuk-error-summary').innerText(),
    new RegExp(
      `at least 7 days after written notice is given: the earliest date is ${ukDate(addDays(today(), 7))}`,
    ),
  );
  await manager.fillDate('Date of the meeting', addDays(today(), 7));
  await manager.clickButton('Arrange the meeting');
  assert.equal(await manager.heading(), 'Informal stage meeting');
  assert.match(await manager.text(), /Meeting arranged/);
  const informalMeeting = new URL(manager.page.url()).pathname;

  // The invitation asks for the time and place, shows the letter, and is issued once checked.
  await manager.clickButton('Issue the invitation letter');
  assert.equal(await manager.heading(), 'When and where is the informal stage meeting?');
  assert.equal(
    await manager.page.getByLabel('Place', { exact: true }).inputValue(),
    'Meeting room 2, North Team office',
  );
  await manager.fill('Time the meeting starts', '25:00');
  await manager.fill('Place', '');
  await manager.clickButton('Preview the letter');
  assert.deepEqual(await manager.page.locator('.govuk-error-summary__list li').allInnerTexts(), [
    'The time the meeting starts must be a real time, like 10:30am, 2pm or 14:30',
    'Enter where the meeting will be held',
  ]);
  await manager.fill('Time the meeting starts', '10:30am');
  await manager.fill('Place', 'Meeting room 2, North Team office');
  await manager.clickButton('Preview the letter');
  assert.equal(await manager.heading(), 'Check the letter before you issue it');
  assert.match(await manager.text(), /I am writing to invite you to an informal stage meeting\./);
  assert.match(await manager.text(), /Time: 10:30am/);
  await manager.clickButton('Change the date, time or place');
  assert.equal(await manager.page.getByLabel('Time the meeting starts').inputValue(), '10:30');
  await manager.fill('Time the meeting starts', '2pm');
  await manager.clickButton('Preview the letter');
  const previewed = await manager.page.locator('.app-letter').innerText();
  assert.match(previewed, /Time: 2pm\nPlace: Meeting room 2, North Team office/);
  await manager.clickButton('Issue letter');
  assert.match(await manager.heading(), /^Invitation: Informal stage meeting on /);
  assert.match(await manager.text(), /Invitation to a meeting: letter issued/);
  assert.equal(await manager.page.locator('.app-letter').innerText(), previewed);
  const downloadHref = await manager.page
    .getByRole('button', { name: 'Download the letter (PDF)' })
    .getAttribute('href');
  const pdf = await manager.page.request.get(new URL(downloadHref ?? '', manager.page.url()).toString());
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await manager.clickLink('Back');
  assert.equal(new URL(manager.page.url()).pathname, informalMeeting);

  // The manager records the meeting, forgetting the rationale at first.
  await manager.fillDate('When was the meeting held?', today());
  await manager.page.getByLabel('A trade union representative').check();
  await manager.fill('Name of the person who accompanied them', 'Jo Whitfield, UNISON');
  await manager.fill('Who attended', 'Grace Adebayo (chair), Pat Kowalski, Jo Whitfield');
  await manager.fill('What was discussed', 'The support so far, and a review period with later starts');
  await manager.page.getByLabel('A review period, with a review date').check();
  await manager.fillDate('If there is a review period, the review date', addDays(today(), 56));
  await manager.clickButton('Save the record of the meeting');
  assert.match(
    await manager.page.locator('.govuk-error-summary').innerText(),
    /Document the rationale for the outcome: it cannot be left empty/,
  );
  await manager.fill('Rationale for the outcome', 'Pat wants to try the later starts before anything formal');
  await manager.clickButton('Save the record of the meeting');
  assert.match(await manager.text(), /Meeting recorded/);
  assert.match(
    await manager.text(),
    new RegExp(`A review period, to be reviewed on ${ukDate(addDays(today(), 56))}`),
  );
  await manager.clickButton('Issue the outcome letter');
  assert.equal(await manager.heading(), 'Check the letter before you issue it');
  assert.match(await manager.text(), /Thank you for attending the informal stage meeting on /);
  await manager.clickButton('Issue letter');
  assert.match(await manager.heading(), /^Outcome: Informal stage meeting held on /);
  await manager.close();

  // HR finds the case by its stage, reads the timeline and holds the first formal meeting, with
  // JavaScript off: every form, the letter's preview and its issue work without it.
  const hr = await Journey.start(suite(), { javaScript: false });
  await hr.signIn(accounts.hr.email, accounts.hr.password);
  await hr.clickLink('Attendance cases');
  assert.equal(await hr.heading(), 'Attendance cases');
  await hr.page.getByLabel('Stage reached').selectOption({ label: 'Informal stage meeting' });
  await hr.clickButton('Show cases');
  const rows = await hr.page.locator('tbody .govuk-table__row').allInnerTexts();
  assert.ok(
    rows.some((r) => r.startsWith('Pat Kowalski')),
    `Pat's case is listed: ${rows.join(' | ')}`,
  );
  assert.ok(
    rows.every((r) => r.includes('Informal stage meeting')),
    `only cases at the informal stage: ${rows.join(' | ')}`,
  );
  await hr.clickLink('Pat Kowalski');
  assert.equal(await hr.heading(), 'Attendance case');
  const timeline = await hr.page.locator('.moj-timeline__title').allInnerTexts();
  for (const title of [
    'Welcome-back review held',
    'Action plan agreed',
    'Case opened',
    'Informal stage meeting arranged',
    'Informal stage meeting held',
    'Invitation to a meeting: letter issued',
    'Outcome of a meeting: letter issued',
  ]) {
    assert.ok(timeline.includes(title), `“${title}” in the timeline: ${timeline.join(' | ')}`);
  }
  await hr.clickButton('Arrange a meeting');
  await hr.page.getByLabel('First formal attendance management meeting').check();
  await hr.fillDate('When is written notice given?', today());
  await hr.fillDate('Date of the meeting', addDays(today(), 7));
  await hr.fill('Where', 'HR meeting room, Town Hall');
  await hr.clickButton('Arrange the meeting');
  assert.equal(await hr.heading(), 'First formal attendance management meeting');
  const formalMeeting = new URL(hr.page.url()).pathname;
  await hr.clickButton('Issue the invitation letter');
  await hr.fill('Time the meeting starts', '14:00');
  await hr.clickButton('Preview the letter');
  assert.match(await hr.text(), /invite you to a first formal attendance management meeting\./);
  await hr.clickButton('Issue letter');
  assert.match(await hr.heading(), /^Invitation: First formal attendance management meeting on /);
  await hr.clickLink('Back');
  assert.equal(new URL(hr.page.url()).pathname, formalMeeting);
  await hr.fillDate('When was the meeting held?', today());
  await hr.page.getByLabel('Offered, and the person chose to attend alone').check();
  await hr.fill('Who attended', 'Grace Adebayo, Pat Kowalski, an HR adviser');
  await hr.fill('What was discussed', 'What would make attendance sustainable');
  await hr.page.getByLabel('Workplace adjustments').check();
  await hr.fill('Rationale for the outcome', 'A fixed early shift pattern should remove the pressure');
  await hr.clickButton('Save the record of the meeting');
  assert.match(await hr.text(), /Meeting recorded/);
  await hr.clickButton('Issue the outcome letter');
  await hr.clickButton('Issue letter');
  assert.match(await hr.heading(), /^Outcome: First formal attendance management meeting held on /);
  await hr.close();

  // Pat reads their meetings and letters.
  await employee.goto('/');
  await employee.clickLink('My wellbeing and attendance');
  const mine = await employee.text();
  assert.match(mine, /My meetings/);
  assert.match(mine, /Informal stage meeting/);
  assert.match(mine, /First formal attendance management meeting/);
  assert.match(mine, /My letters/);
  assert.equal(await employee.page.locator('a', { hasText: /^(Invitation|Outcome): / }).count(), 4);
  await employee.clickLink(/^Outcome: First formal attendance management meeting/);
  assert.match(await employee.text(), /Dear Pat Kowalski/);
  assert.match(await employee.text(), /Outcome: Workplace adjustments/);
  await employee.close();
});

test('under the Dying to Work charter, a formal stage the person has not chosen cannot start', async () => {
  const manager = await Journey.start(suite());
  await manager.signIn(accounts.manager.email, accounts.manager.password);
  await manager.clickLink('My team');
  await manager.clickLink('Sam Okoro');
  await manager.clickLink('Dying to Work');
  assert.equal(await manager.heading(), 'Dying to Work');
  await manager.fillDate('When did the person share their diagnosis?', addDays(today(), -1));
  await manager.page.getByLabel('Carry on working, for as long as they wish and are able').check();
  await manager.page.getByLabel('Time off for treatment and appointments').check();
  await manager.page
    .getByRole('group', { name: 'Has the person chosen to go ahead with formal attendance management?' })
    .getByLabel('No')
    .check();
  await manager.clickButton('Save');
  assert.equal(await manager.heading(), 'Sam Okoro');
  assert.match(await manager.text(), /Dying to Work record saved/);
  assert.match(await manager.text(), /Dying to Work: the charter applies/);
  await manager.close();

  const hr = await Journey.start(suite());
  await hr.signIn(accounts.hr.email, accounts.hr.password);
  await hr.clickLink('Attendance cases');
  await hr.clickLink('Sam Okoro');
  assert.match(await hr.text(), /They have not chosen to go ahead/);
  await hr.clickButton('Arrange a meeting');
  const warning = 'under the Dying to Work charter no formal stage can start';
  assert.match(await hr.page.locator('.govuk-warning-text').innerText(), new RegExp(warning));
  // No formal stage is offered, and the page says why.
  assert.equal(await hr.page.getByLabel('First formal attendance management meeting').count(), 0);
  assert.match(
    await hr.page.locator('#not-offered').innerText(),
    new RegExp(`First formal attendance management meeting: A terminal diagnosis is recorded .*${warning}`),
  );
  await hr.close();
});
