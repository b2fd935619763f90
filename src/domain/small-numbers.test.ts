import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportEmployee, ReportSpell } from './absence-report.ts';
import { headcountByMonth, headcountWithin, peopleByUnit, presences } from './headcount.ts';
import { audienceFor, FEWER_THAN_5, groupWithheld, shownCount } from './small-numbers.ts';

test('outside HR, counts below 5 are shown as "fewer than 5"; HR see them', () => {
  assert.equal(shownCount(0, 'suppressed'), FEWER_THAN_5);
  assert.equal(shownCount(4, 'suppressed'), FEWER_THAN_5);
  assert.equal(shownCount(5, 'suppressed'), 5);
  assert.equal(shownCount(120, 'suppressed'), 120);
  assert.equal(shownCount(3, 'full'), 3);
  assert.equal(FEWER_THAN_5, 'fewer than 5');
});

test('outside HR, a group of fewer than 5 people shows no figures at all', () => {
  assert.equal(groupWithheld(4, 'suppressed'), true);
  assert.equal(groupWithheld(5, 'suppressed'), false);
  assert.equal(groupWithheld(1, 'full'), false);
});

test('HR (who may run the absence report) see everything; line managers and others do not', () => {
  assert.equal(audienceFor([{ organisationId: 1, role: 'hr' }], 1), 'full');
  assert.equal(audienceFor([{ organisationId: 1, role: 'line_manager' }], 1), 'suppressed');
  assert.equal(
    audienceFor(
      [
        { organisationId: 2, role: 'hr' },
        { organisationId: 1, role: 'line_manager' },
      ],
      1,
    ),
    'suppressed',
    'HR in another organisation is not HR here',
  );
});

const spell = (unitPath: string, from = '2020-01-01'): ReportSpell => ({
  from,
  unitPath,
  staffGroup: null,
  weeklyHours: 37,
  hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0],
  worksBankHolidays: false,
  annualSalary: null,
});

const employees: ReportEmployee[] = [
  { personId: 1, startDate: '2020-01-01', endDate: null, spells: [spell('Place > Parks')] },
  // Moves from Parks to Waste on 1 March.
  {
    personId: 2,
    startDate: '2020-01-01',
    endDate: null,
    spells: [spell('Place > Waste', '2025-03-01'), spell('Place > Parks')],
  },
  // Leaves before the period.
  { personId: 3, startDate: '2020-01-01', endDate: '2024-12-31', spells: [spell('Place > Parks')] },
  // Joins in February.
  { personId: 4, startDate: '2025-02-10', endDate: null, spells: [spell('Resources', '2025-02-10')] },
  // Moves into Place after the period.
  {
    personId: 5,
    startDate: '2020-01-01',
    endDate: null,
    spells: [spell('Resources'), spell('Place > Parks', '2025-04-01')],
  },
];

test('headcount counts each person once in each group they were in during the period', () => {
  const period = { from: '2025-01-01', to: '2025-03-31' };
  const found = presences(employees, period);
  const byUnit = peopleByUnit(found);
  assert.equal(headcountWithin(byUnit, 'Place > Parks'), 2); // 1 and 2 (until February)
  assert.equal(headcountWithin(byUnit, 'Place > Waste'), 1); // 2
  assert.equal(headcountWithin(byUnit, 'Place'), 2); // 2 counted once
  assert.equal(headcountWithin(byUnit, 'Resources'), 2); // 4 and 5
  assert.equal(headcountWithin(byUnit, null), 4);
  const months = headcountByMonth(found, 'Place > Parks');
  assert.deepEqual([...months].sort(), [
    ['2025-01', 2],
    ['2025-02', 2],
    ['2025-03', 1],
  ]);
  assert.equal(headcountByMonth(found, null).get('2025-01'), 3); // 4 has not joined yet
});
