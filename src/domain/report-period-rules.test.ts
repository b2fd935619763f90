import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ABSENCE_REPORT_CONTRACT_PERIOD_RULES,
  ABSENCE_REPORT_PERIOD_RULES,
  defaultReportPeriod,
  lastFinancialYear,
  MANAGEMENT_INFORMATION_PERIOD_RULES,
  periodParameterProblemText,
  periodProblemText,
  reportPeriodProblems,
  usualPeriods,
} from './report-period-rules.ts';

const today = '2026-12-07';
const check = (from: string | null, to: string | null, rules = MANAGEMENT_INFORMATION_PERIOD_RULES) =>
  reportPeriodProblems({ from, to }, rules, today);

test('the usual periods, and the last 12 whole months when none is asked for', () => {
  assert.deepEqual(usualPeriods(today), {
    'last-12-months': { from: '2025-12-01', to: '2026-11-30' },
    'this-month': { from: '2026-12-01', to: '2026-12-07' },
    'last-financial-year': { from: '2025-04-01', to: '2026-03-31' },
  });
  assert.deepEqual(defaultReportPeriod(today), { from: '2025-12-01', to: '2026-11-30' });
  assert.deepEqual(defaultReportPeriod('2026-01-01'), { from: '2025-01-01', to: '2025-12-31' });
  assert.deepEqual(lastFinancialYear('2026-03-31'), { from: '2024-04-01', to: '2025-03-31' });
  assert.deepEqual(lastFinancialYear('2026-04-01'), { from: '2025-04-01', to: '2026-03-31' });
});

test('a period in order, within the years and ending by today has no problems', () => {
  assert.deepEqual(check('2025-12-01', '2026-11-30'), []);
  assert.deepEqual(check(today, today), []);
  assert.deepEqual(check('1900-01-01', '2026-12-07', ABSENCE_REPORT_PERIOD_RULES), []);
});

test('each end’s year is checked, even when the other end is missing', () => {
  assert.deepEqual(check('1999-12-31', null), [
    { kind: 'year-out-of-range', end: 'from', earliestYear: 2000, latestYear: 2100 },
  ]);
  // The whole is judged too: each reader decides whether to tell it alongside the years.
  assert.deepEqual(
    check('1999-12-31', '1999-01-01').map((p) => [p.kind, p.end]),
    [
      ['year-out-of-range', 'from'],
      ['year-out-of-range', 'to'],
      ['ends-before-start', 'to'],
    ],
  );
  assert.deepEqual(
    check('1999-12-31', '2101-01-01', ABSENCE_REPORT_CONTRACT_PERIOD_RULES).map((p) => p.kind),
    ['year-out-of-range'],
  );
  assert.deepEqual(check('1999-12-31', '2025-01-01', ABSENCE_REPORT_PERIOD_RULES), []);
  assert.deepEqual(check(null, null), []);
});

test('the end must not be before the start', () => {
  assert.deepEqual(check('2025-06-01', '2025-05-31'), [{ kind: 'ends-before-start', end: 'to' }]);
  assert.deepEqual(check('2025-06-01', '2025-05-31', ABSENCE_REPORT_CONTRACT_PERIOD_RULES), [
    { kind: 'ends-before-start', end: 'to' },
  ]);
});

test('the management information’s periods are at most 10 years of 366 days; the absence report’s any length', () => {
  // 3,660 days, counting both ends, is the longest allowed.
  assert.deepEqual(check('2015-12-01', '2025-12-01'), []);
  assert.deepEqual(check('2015-11-25', '2025-12-01'), []);
  assert.deepEqual(check('2015-11-24', '2025-12-01'), [{ kind: 'too-long', end: 'from', longestYears: 10 }]);
  assert.deepEqual(check('1950-01-01', '2025-12-01', ABSENCE_REPORT_PERIOD_RULES), []);
});

test('a period ends by today, except on the command line and the API’s absence report', () => {
  assert.deepEqual(check('2026-12-01', '2026-12-08'), [{ kind: 'ends-after-today', end: 'to', today }]);
  assert.deepEqual(
    check('2026-12-01', '2026-12-08', ABSENCE_REPORT_PERIOD_RULES).map((p) => p.kind),
    ['ends-after-today'],
  );
  assert.deepEqual(check('2026-12-01', '2027-12-31', ABSENCE_REPORT_CONTRACT_PERIOD_RULES), []);
  // Both problems of a period that ends after today and before its start.
  assert.deepEqual(
    check('2027-02-01', '2027-01-01').map((p) => p.kind),
    ['ends-after-today', 'ends-before-start'],
  );
});

test('each problem in the words of the pages and of the API and command line', () => {
  const problems = [
    ...check('1999-12-31', null),
    ...check('2026-12-01', '2026-12-31'),
    ...check('2025-06-01', '2025-05-31'),
    ...check('2010-01-01', '2025-05-01'),
  ];
  assert.deepEqual(problems.map(periodProblemText), [
    'The start of the period must be between the years 2000 and 2100',
    'The end of the period must be today (7 December 2026) or earlier: sickness after today is not yet known',
    'The end of the period must not be before its start',
    'The period must be no longer than 10 years',
  ]);
  assert.deepEqual(problems.map(periodParameterProblemText), [
    'from and to must be between the years 2000 and 2100',
    'to must be today (2026-12-07) or earlier: sickness after today is not yet known',
    'to must not be before from',
    'the period from from to to must be no longer than 10 years',
  ]);
});
