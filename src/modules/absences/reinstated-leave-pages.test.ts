/**
 * Sickness during annual leave, through the pages: a manager records a fortnight's leave and a
 * sickness within it, and the leave given back shows in working days on the person page (for
 * HR and the manager) and on the employee's own absence page; not to an organisation admin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { people as peopleTable } from '../people/people-schema.ts';
import { eq } from 'drizzle-orm';

const { services, app } = await openTestApp();

test('leave given back for sickness during it shows in working days to those who see the absence', async () => {
  const organisation = await createTestOrganisation(services);
  const o = organisation.slug;
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M001', firstName: 'Grace', lastName: 'Manager' }),
    // Monday to Friday, 7.4 hours a day; not bank holidays.
    personRow({ employeeNumber: 'P001', firstName: 'Lee', lastName: 'Leave', managerEmployeeNumber: 'M001' }),
  ]);
  const sign = async (roles: Parameters<typeof createTestAccount>[2], employeeNumber?: string) => {
    const account = await createTestAccount(
      services,
      organisation.id,
      roles,
      employeeNumber ? { employeeNumber } : {},
    );
    return new HttpSession(app).signIn(account.email, account.password);
  };
  const manager = await sign(['line_manager'], 'M001');
  const employee = await sign(['employee'], 'P001');
  const hr = await sign(['hr']);
  const admin = await sign(['organisation_admin']);
  const [person] = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id }).from(peopleTable).where(eq(peopleTable.employeeNumber, 'P001')),
  );
  assert.ok(person);

  const url = `/o/${o}/people/${person.id}/absences/new`;
  await manager.get(url);
  const leave = await manager.post(url, {
    type: 'annual_leave',
    ...dateFields('startDate', '2025-08-18'),
    ...dateFields('endDate', '2025-08-29'),
  });
  assert.equal(leave.statusCode, 302, leave.$('.govuk-error-summary').text());
  // Thursday 21 to Monday 25 August: the weekend and the bank holiday were no leave to give back.
  const sick = await manager.post(url, {
    type: 'sickness',
    ...dateFields('startDate', '2025-08-21'),
    ...dateFields('endDate', '2025-08-25'),
    reasonCode: 'S11',
    wentHome: 'no',
  });
  assert.equal(sick.statusCode, 302, sick.$('.govuk-error-summary').text());

  const words = 'Annual leave reinstated: 2 working days (21 and 22 August 2025)';
  for (const [who, session] of [
    ['HR', hr],
    ['the line manager', manager],
  ] as const) {
    const page = await session.get(`/o/${o}/people/${person.id}`);
    assert.equal(page.statusCode, 200, who);
    assert.equal(page.$('#leave-reinstated').text().trim(), words, who);
  }
  const own = await employee.get(`/o/${o}/my/absence`);
  assert.equal(own.statusCode, 200);
  assert.equal(own.$('#leave-reinstated').text().trim(), words);

  const adminPage = await admin.get(`/o/${o}/people/${person.id}`);
  assert.equal(adminPage.statusCode, 200);
  assert.doesNotMatch(adminPage.body, /reinstated/i, 'absence is not for an organisation admin');
});
