import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absenceReport, type ReportInput, type ReportSpell } from './absence-report.ts';
import { headcountsWithin, headcountWithin } from './headcount.ts';
import {
  isLongTermEpisode,
  isWithin,
  lastFullMonth,
  monthsOf,
  rollingTwelveMonths,
  pathsAbove,
  rollUp,
  rollUpEvery,
  targetStatus,
  topReasons,
  twelveMonthsTo,
} from './scorecard.ts';

test('the rolling 12 months are the full calendar months ending with last month', () => {
  assert.deepEqual(rollingTwelveMonths('2026-05-15'), { from: '2025-05-01', to: '2026-04-30' });
  assert.deepEqual(rollingTwelveMonths('2026-05-01'), { from: '2025-05-01', to: '2026-04-30' });
  assert.deepEqual(rollingTwelveMonths('2026-01-31'), { from: '2025-01-01', to: '2025-12-31' });
  assert.deepEqual(twelveMonthsTo('2024-02'), { from: '2023-03-01', to: '2024-02-29' });
  assert.equal(lastFullMonth('2026-03-31'), '2026-02');
  assert.throws(() => twelveMonthsTo('2024-13'), RangeError);
  const months = monthsOf({ from: '2025-05-01', to: '2026-04-30' });
  assert.equal(months.length, 12);
  assert.equal(months[0], '2025-05');
  assert.equal(months.at(-1), '2026-04');
});

test('status against the target: on target, within 10% of it, or above it', () => {
  assert.equal(targetStatus(0, 10), 'on-target');
  assert.equal(targetStatus(9.99, 10), 'on-target');
  assert.equal(targetStatus(10, 10), 'on-target');
  assert.equal(targetStatus(10.01, 10), 'within-10-percent');
  assert.equal(targetStatus(11, 10), 'within-10-percent'); // 10 × 1.1 is 11.000000000000002
  assert.equal(targetStatus(11.01, 10), 'above-target');
  assert.equal(targetStatus(8.25, 7.5), 'within-10-percent');
  assert.equal(targetStatus(8.26, 7.5), 'above-target');
});

test('a unit path is within itself and its ancestors, not within a sibling with a longer name', () => {
  assert.ok(isWithin('Adult Social Care > Home Care', 'Adult Social Care'));
  assert.ok(isWithin('Adult Social Care', 'Adult Social Care'));
  assert.ok(!isWithin('Adult Social Care Commissioning', 'Adult Social Care'));
  assert.ok(!isWithin('Adult Social Care', 'Adult Social Care > Home Care'));
});

test('an episode is long term from 28 calendar days, an open one counted to the end of the period', () => {
  assert.equal(isLongTermEpisode({ startDate: '2025-01-02', endDate: '2025-01-28' }, '2025-01-31'), false);
  assert.equal(isLongTermEpisode({ startDate: '2025-01-02', endDate: '2025-01-29' }, '2025-01-31'), true);
  assert.equal(isLongTermEpisode({ startDate: '2025-01-02', endDate: null }, '2025-01-28'), false);
  assert.equal(isLongTermEpisode({ startDate: '2025-01-02', endDate: null }, '2025-01-29'), true);
  // Its own last day decides, even beyond the period.
  assert.equal(isLongTermEpisode({ startDate: '2025-01-20', endDate: '2025-03-01' }, '2025-01-31'), true);
});

const spell = (unitPath: string, hours = 7.4, salary: number | null = 26_000): ReportSpell => ({
  from: '2020-01-01',
  unitPath,
  staffGroup: null,
  weeklyHours: hours * 5,
  hours: [hours, hours, hours, hours, hours, 0, 0],
  worksBankHolidays: false,
  annualSalary: salary,
});

function council(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    organisationSlug: 'merrowby',
    fullTimeHours: 37,
    onCostRate: 0.28,
    bankHolidays: ['2025-05-05', '2025-05-26'],
    employees: [
      { personId: 1, startDate: '2020-01-01', endDate: null, spells: [spell('Adult Social Care')] },
      {
        personId: 2,
        startDate: '2020-01-01',
        endDate: null,
        spells: [spell('Adult Social Care > Home Care')],
      },
      {
        personId: 3,
        startDate: '2025-05-12',
        endDate: null,
        spells: [spell('Adult Social Care > Home Care > North Team', 3.7, null)],
      },
      {
        personId: 4,
        startDate: '2020-01-01',
        endDate: '2025-06-13',
        spells: [
          spell('Adult Social Care > Reablement'),
          { ...spell('Place > Waste and Recycling'), from: '2025-05-19' },
        ],
      },
      {
        personId: 5,
        startDate: '2020-01-01',
        endDate: null,
        spells: [spell('Adult Social Care Commissioning')],
      },
    ],
    sicknesses: [
      { personId: 2, startDate: '2025-05-06', endDate: '2025-05-09', reasonCode: 'S11', firstDayHours: 3 },
      { personId: 3, startDate: '2025-06-02', endDate: null, reasonCode: 'S10', firstDayHours: null },
      { personId: 4, startDate: '2025-05-14', endDate: '2025-05-21', reasonCode: 'S13', firstDayHours: null },
      { personId: 5, startDate: '2025-05-01', endDate: '2025-05-02', reasonCode: 'S13', firstDayHours: null },
    ],
    from: '2025-05-01',
    to: '2025-06-30',
    groupBy: 'unit',
    method: 'hours',
    ...overrides,
  };
}

test('rolling unit rows up gives what the report gives filtered by that unit', () => {
  const byUnit = absenceReport(council());
  for (const path of [
    'Adult Social Care',
    'Adult Social Care > Home Care',
    'Adult Social Care > Reablement',
    'Place',
  ]) {
    const filtered = absenceReport(council({ groupBy: 'organisation', unitPath: path })).at(-1);
    assert.ok(filtered);
    const rolled = rollUp(byUnit, path);
    for (const field of [
      'averageFte',
      'hoursAvailable',
      'hoursLost',
      'fteDaysLost',
      'fteDaysAvailable',
      'daysLostPerFte',
      'absenceRatePct',
      'episodes',
      'shortTermEpisodes',
      'longTermEpisodes',
      'costGbp',
    ] as const) {
      assert.ok(
        Math.abs(rolled[field] - filtered[field]) < 1e-9,
        `${path} ${field}: ${rolled[field]} ≠ ${filtered[field]}`,
      );
    }
  }
  // "Adult Social Care Commissioning" is not within "Adult Social Care".
  assert.equal(
    rollUp(byUnit, 'Adult Social Care').hoursLost,
    absenceReport(council({ unitPath: 'Adult Social Care' })).at(-1)?.hoursLost,
  );
  assert.equal(rollUp(byUnit, 'Nowhere').hoursAvailable, 0);
  assert.equal(rollUp(byUnit, 'Nowhere').daysLostPerFte, 0);
});

test('rolling every unit up at once gives what rolling each up gives', () => {
  assert.deepEqual(pathsAbove('Place > Parks > North'), ['Place', 'Place > Parks', 'Place > Parks > North']);
  const byUnit = absenceReport(council());
  const rollUpOf = rollUpEvery(byUnit);
  const paths = [
    ...new Set(byUnit.filter((r) => r.group !== 'TOTAL').flatMap((r) => pathsAbove(r.group))),
    'Nowhere',
  ];
  assert.ok(paths.length > 4);
  for (const path of paths) assert.deepEqual(rollUpOf(path), rollUp(byUnit, path), path);
});

test('counting the people within every unit at once gives what counting each gives', () => {
  const byUnit = new Map<string, Set<number>>([
    ['Adult Social Care', new Set([1])],
    ['Adult Social Care > Home Care', new Set([2, 3])],
    ['Adult Social Care > Reablement', new Set([3, 4])],
    ['Adult Social Care Commissioning', new Set([5])],
    ['Place > Parks', new Set([6])],
  ]);
  const headcountOf = headcountsWithin(byUnit);
  for (const path of [...byUnit.keys(), 'Place', 'Nowhere'])
    assert.equal(headcountOf(path), headcountWithin(byUnit, path), path);
  // Person 3 moved between two teams of a directorate: counted once in it.
  assert.equal(headcountOf('Adult Social Care'), 4);
});

test('the top reasons are those with most FTE days lost, ties by code', () => {
  const rows = absenceReport(council({ groupBy: 'reason' }));
  const top = topReasons(rows, 2);
  assert.deepEqual(
    top.map((r) => r.group),
    ['S10', 'S13'],
  );
  assert.ok(!topReasons(rows).some((r) => r.group === 'TOTAL'));
});

test('cost of absence, hand-worked: hours × salary / (365/7) / weekly hours, plus on-costs', () => {
  // £26,000 a year at 37 hours a week is 26,000 / 52.142857 / 37 = £13.47649 an hour; on-costs 28%.
  // Salaried hours lost: 25.2 (3 + 3 × 7.4), 44.4 (6 days) and 14.8 (2 days); the part-timer has
  // no salary recorded and costs nothing.
  const total = absenceReport(council()).at(-1);
  assert.ok(total);
  assert.ok(Math.abs(total.costGbp - 84.4 * 13.476490188818955 * 1.28) < 1e-6);
  assert.ok(Math.abs(total.costGbp - 1455.89) < 0.005);
  // Adult Social Care: Home Care's 25.2 hours and Reablement's 22.2 (14–16 May, before the move).
  const adultSocialCare = rollUp(absenceReport(council()), 'Adult Social Care');
  assert.ok(Math.abs(adultSocialCare.costGbp - 817.65) < 0.005);
});
