/**
 * HR's worklists as HR clicks them, without JavaScript: the welcome-back reviews, attendance
 * triggers and attendance cases are in the navigation; each filters by line manager and unit,
 * sorts by its column headers and pages; and HR records the talk held with someone who reached a
 * trigger, after which they leave the list to talk with. Every page visited is checked with axe.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absences } from '../../src/modules/absences/absences-schema.ts';
import { attendanceCases } from '../../src/modules/attendance-cases/attendance-cases-schema.ts';
import { people } from '../../src/modules/people/people-schema.ts';
import { welcomeBackReviews } from '../../src/modules/welcome-back-reviews/welcome-back-reviews-schema.ts';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/domain/today.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../src/testing/factories.ts';
import { ukDate } from '../../src/web/nunjucks.ts';
import { browserSuite, Journey, type Suite } from './journey.ts';

let hr: { email: string; password: string };
const SCREENSHOTS = process.env.WORKLIST_SCREENSHOTS;

const suite: () => Suite = browserSuite(async (services) => {
  const organisation = await createTestOrganisation(services, { policyModel: 'trigger_based' });
  const north = ['Adult Social Care', 'Home Care', 'North Team'];
  const south = ['Adult Social Care', 'Home Care', 'South Team'];
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', unitPath: north }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', unitPath: south }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      unitPath: north,
      managerEmployeeNumber: 'M1',
    }),
    personRow({
      employeeNumber: 'E2',
      firstName: 'Sam',
      lastName: 'Evans',
      unitPath: south,
      managerEmployeeNumber: 'M2',
    }),
    personRow({
      employeeNumber: 'E3',
      firstName: 'Dana',
      lastName: 'Byrne',
      unitPath: north,
      managerEmployeeNumber: 'M1',
    }),
  ]);
  hr = await createTestAccount(services, organisation.id, ['hr']);
  await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const everyone = await db.select().from(people);
    const id = (n: string) => everyone.find((p) => p.employeeNumber === n)?.id ?? 0;
    const sickness = (n: string, from: number, to: number) => ({
      organisationId: organisation.id,
      personId: id(n),
      type: 'sickness',
      startDate: addDays(today(), from),
      endDate: addDays(today(), to),
      reasonCode: 'S12',
    });
    // Three spells each in the last 52 weeks: every one of the three reaches a trigger.
    await db
      .insert(absences)
      .values(
        ['E1', 'E2', 'E3'].flatMap((n, i) => [
          sickness(n, -300 - i, -299 - i),
          sickness(n, -150 - i, -149 - i),
          sickness(n, -60 - i * 10, -41 - i * 10),
        ]),
      );
    // 105 welcome-back reviews not yet held, after one-day sicknesses long ago: two pages.
    const older = await db
      .insert(absences)
      .values(
        Array.from({ length: 105 }, (_, i) => sickness(i % 2 ? 'E1' : 'E2', -400 - 2 * i, -400 - 2 * i)),
      )
      .returning();
    await db.insert(welcomeBackReviews).values(
      older.map((a, i) => ({
        organisationId: organisation.id,
        personId: a.personId,
        absenceId: a.id,
        absenceEndDate: a.endDate ?? '',
        managerPersonId: a.personId === id('E1') ? id('M1') : id('M2'),
        dueDate: addDays(today(), -390 - i),
      })),
    );
    await db.insert(attendanceCases).values([
      { organisationId: organisation.id, personId: id('E2'), openedOn: addDays(today(), -20) },
      { organisationId: organisation.id, personId: id('E3'), openedOn: addDays(today(), -10) },
    ]);
  });
});

async function shot(journey: Journey, name: string) {
  if (!SCREENSHOTS) return;
  for (const width of [1280, 320]) {
    await journey.page.setViewportSize({ width, height: 900 });
    await journey.page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await journey.page.setViewportSize({ width: 1280, height: 900 });
}

test('HR opens each worklist from the navigation, filters, sorts and pages it, and records a talk', async () => {
  const journey = await Journey.start(suite(), { javaScript: false });
  await journey.signIn(hr.email, hr.password);
  const nav = journey.page.getByRole('navigation', { name: /menu|navigation/i }).first();
  const column = (n: number) => journey.page.locator(`tbody tr td:nth-child(${n})`).allInnerTexts();

  // Reviews: 105 not yet held, on two pages; the unit filter includes the units within it.
  await journey.navigate(() => nav.getByRole('link', { name: 'Reviews' }).click());
  assert.equal(await journey.heading(), 'Welcome-back reviews');
  assert.match(await journey.text(), /Showing 1 to 100 of 105/);
  await shot(journey, 'reviews');
  await journey.page
    .getByLabel('Unit', { exact: true })
    .selectOption({ label: 'Adult Social Care > Home Care > South Team' });
  await journey.clickButton('Show reviews');
  assert.deepEqual([...new Set(await column(1))], ['Sam Evans']);
  await journey.page
    .getByLabel('Unit', { exact: true })
    .selectOption({ label: 'Adult Social Care > Home Care' });
  await journey.clickButton('Show reviews');
  assert.match(await journey.text(), /Showing 1 to 100 of 105/);
  await journey.clickLink(/^Person/);
  assert.equal((await column(1))[0], 'Sam Evans');
  await journey.clickLink(/^Person/);
  assert.equal((await column(1))[0], 'Pat Kowalski', 'descending the second time');
  await journey.clickLink(/^Next/);
  assert.match(await journey.text(), /Showing 101 to 105 of 105/);
  assert.deepEqual([...new Set(await column(1))], ['Sam Evans']);
  assert.match(journey.page.url(), /sort=name&order=desc&page=2/);

  // Triggers: three to talk with; by manager, then sorted by the reading.
  await journey.navigate(() => nav.getByRole('link', { name: 'Triggers' }).click());
  assert.equal(await journey.heading(), 'Attendance triggers');
  assert.match(await journey.text(), /People to talk with \(1\)/);
  await journey.clickLink(/Everyone who has reached a trigger/);
  assert.deepEqual(await column(1), ['Dana Byrne', 'Sam Evans', 'Pat Kowalski']);
  await journey.page.getByLabel('Line manager', { exact: true }).selectOption({ label: 'Grace Adebayo' });
  await journey.clickButton('Show people');
  assert.deepEqual(await column(1), ['Dana Byrne', 'Pat Kowalski']);
  await journey.clickLink(/^Latest sickness from/);
  assert.deepEqual(await column(1), ['Pat Kowalski', 'Dana Byrne']);
  await shot(journey, 'triggers');

  await journey.clickLink('Record the talk with Pat Kowalski');
  assert.equal(await journey.heading(), 'Record the talk after a trigger');
  await shot(journey, 'talk');
  await journey.fillDate('When did the talk happen?', addDays(today(), 1));
  await journey.clickButton('Record the talk');
  assert.match(await journey.text(), /The date of the talk must be today or in the past/);
  await journey.fillDate('When did the talk happen?', addDays(today(), -1));
  await journey.fill(
    'What came of the talk (optional)',
    'No further action; a later start on Mondays agreed',
  );
  await journey.clickButton('Record the talk');
  assert.match(await journey.text(), /Talk with Pat Kowalski recorded/);
  assert.match(
    await journey.text(),
    /People to talk with \(0\)|every person who has reached a trigger has had their talk/,
  );
  await journey.clickLink(/Everyone who has reached a trigger/);
  assert.match(await journey.text(), new RegExp(`Talk held on ${ukDate(addDays(today(), -1))}`));
  await shot(journey, 'triggers-after-talk');

  // Cases: by unit, sorted by name.
  await journey.navigate(() => nav.getByRole('link', { name: 'Cases' }).click());
  assert.equal(await journey.heading(), 'Attendance cases');
  assert.deepEqual(await column(1), ['Dana Byrne', 'Sam Evans']);
  await journey.page
    .getByLabel('Unit', { exact: true })
    .selectOption({ label: 'Adult Social Care > Home Care > South Team' });
  await journey.clickButton('Show cases');
  assert.deepEqual(await column(1), ['Sam Evans']);
  await journey.page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Every unit' });
  await journey.clickButton('Show cases');
  await journey.clickLink(/^Person/);
  assert.deepEqual(await column(1), ['Dana Byrne', 'Sam Evans']);
  await journey.clickLink(/^Person/);
  assert.deepEqual(await column(1), ['Sam Evans', 'Dana Byrne']);
  await shot(journey, 'cases');

  // A bad address is named in words, not as a crash.
  await journey.goto(`${new URL(journey.page.url()).pathname}?sort=salary&page=two`);
  assert.match(await journey.text(), /Sort by one of the columns of the table/);
  assert.match(await journey.text(), /The page number must be a whole number, 1 or more/);
  await journey.close();
});
