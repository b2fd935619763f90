import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRealDate } from '../../domain/dates.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { demoPartnership } from './demo-partnership.ts';

const demo = demoPartnership();

test('the demo partnership is the same every time', () => {
  assert.deepEqual(demoPartnership(), demo);
  assert.notDeepEqual(demoPartnership(1).organisations[0]?.people[5], demo.organisations[0]?.people[5]);
});

test('five organisations and about 2,000 people, the police force providing occupational health', () => {
  assert.equal(demo.organisations.length, 5);
  const total = demo.organisations.reduce((n, o) => n + o.people.length, 0);
  assert.ok(total >= 1800 && total <= 2300, `${total} people`);
  assert.equal(
    demo.organisations
      .filter((o) => o.providesOccupationalHealth)
      .map((o) => o.sector)
      .join(),
    'police',
  );
  assert.equal(
    demo.organisations
      .filter((o) => o.isLead)
      .map((o) => o.sector)
      .join(),
    'local_government',
  );
});

test('every person is valid: numbers unique, dates real, hours adding up, managers in the organisation with no cycles', () => {
  for (const organisation of demo.organisations) {
    const byNumber = new Map(organisation.people.map((p) => [p.employeeNumber, p]));
    assert.equal(
      byNumber.size,
      organisation.people.length,
      `${organisation.slug} employee numbers are unique`,
    );
    for (const p of organisation.people) {
      assert.ok(
        isRealDate(p.startDate) &&
          (p.endDate === null || (isRealDate(p.endDate) && p.endDate >= p.startDate)),
      );
      assert.ok(
        Math.abs(p.hours.reduce((a, b) => a + b, 0) - p.weeklyHours) < 0.001,
        `${p.employeeNumber} hours`,
      );
      assert.ok(p.unitPath.length >= 1);
      const seen = new Set<string>();
      for (let m = p.managerEmployeeNumber; m !== null; m = byNumber.get(m)?.managerEmployeeNumber ?? null) {
        assert.ok(byNumber.has(m), `${p.employeeNumber}'s manager ${m} is in ${organisation.slug}`);
        assert.ok(!seen.has(m), 'no management cycles');
        seen.add(m);
      }
    }
    assert.ok(
      organisation.people.some((p) => p.weeklyHours < organisation.fullTimeHours),
      `${organisation.slug} has part-timers`,
    );
  }
});

test('shift workers who work bank holidays are among the demo people', () => {
  assert.ok(demo.organisations.filter((o) => o.people.some((p) => p.worksBankHolidays)).length >= 3);
});

test('demo sign-ins cover every role in at least two organisations where the issue asks, with good passwords', () => {
  const holders = (role: string) =>
    demo.organisations.filter((o) => o.accounts.some((a) => a.roles.includes(role as never))).length;
  for (const role of ['employee', 'line_manager', 'hr', 'organisation_admin'])
    assert.ok(holders(role) >= 2, role);
  for (const role of ['oh_clinician', 'oh_admin', 'programme_team', 'facilitator', 'partnership_admin'])
    assert.ok(holders(role) >= 1, role);
  for (const organisation of demo.organisations) {
    const numbers = new Set(organisation.people.map((p) => p.employeeNumber));
    for (const account of organisation.accounts) {
      assert.equal(
        passwordProblem(account.password),
        null,
        `${account.email}: ${passwordProblem(account.password)}`,
      );
      assert.ok(account.employeeNumber && numbers.has(account.employeeNumber));
    }
    const manager = organisation.accounts.find((a) => a.roles.includes('line_manager'));
    if (manager) {
      const reports = organisation.people.filter((p) => p.managerEmployeeNumber === manager.employeeNumber);
      assert.ok(reports.length >= 5, `${organisation.slug}'s demo line manager has a team`);
      const employee = organisation.accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'employee');
      assert.ok(
        reports.some((p) => p.employeeNumber === employee?.employeeNumber),
        'the demo employee reports to the demo manager',
      );
    }
  }
});
