import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow } from './absence-report.ts';
import {
  change,
  headcountsByGroup,
  intervalsOf,
  monthHasFigures,
  monthlyHeadcounts,
  monthsEnding,
  periodOfMonths,
  sameMonthLastYear,
  sharePct,
  shiftMonth,
  sumOverMonths,
  yearOnYear,
} from './trends.ts';

function row(group: string, absenceRatePct: number, daysLostPerFte: number, fteDaysLost = 0): ReportRow {
  return {
    group,
    averageFte: 10,
    hoursAvailable: 1000,
    hoursLost: absenceRatePct * 10,
    fteDaysLost,
    fteDaysAvailable: 300,
    daysLostPerFte,
    absenceRatePct,
    episodes: 1,
    shortTermEpisodes: 1,
    longTermEpisodes: 0,
    costGbp: 0,
  };
}

const near = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9,
    `${actual} ≠ ${expected}`,
  );

test('months move across years, and a month a year before is 12 months back', () => {
  assert.equal(shiftMonth('2025-01', -1), '2024-12');
  assert.equal(shiftMonth('2024-11', 3), '2025-02');
  assert.equal(shiftMonth('2025-06', -60), '2020-06');
  assert.equal(sameMonthLastYear('2024-02'), '2023-02');
  assert.deepEqual(monthsEnding('2025-02', 3), ['2024-12', '2025-01', '2025-02']);
  assert.equal(monthsEnding('2026-10', 60)[0], '2021-11');
  assert.deepEqual(periodOfMonths('2023-03', '2024-02'), { from: '2023-03-01', to: '2024-02-29' });
  assert.throws(() => shiftMonth('March', 1), RangeError);
});

test('each month sits beside the same month a year before, with the change', () => {
  const rows = [
    row('2024-03', 4, 0.8),
    row('2025-03', 3.25, 0.7),
    row('2025-04', 5, 1),
    row('TOTAL', 4.1, 2.5),
  ];
  const [march, april, may] = yearOnYear(['2025-03', '2025-04', '2025-05'], rows, '2024-01');
  assert.equal(march?.current?.absenceRatePct, 3.25);
  assert.equal(march?.lastYear?.absenceRatePct, 4);
  // 3.25% against 4%: down three quarters of a point; 0.7 days against 0.8: down a tenth of a day.
  near(march?.change?.absenceRatePct, -0.75);
  near(march?.change?.daysLostPerFte, -0.1);
  // April 2024 had no one employed: nothing to compare with.
  assert.equal(april?.lastYear, null);
  assert.equal(april?.change, null);
  // May 2025 itself had no one employed.
  assert.deepEqual(may, { month: '2025-05', current: null, lastYear: null, change: null });
  assert.equal(change(3, null), null);
  assert.equal(change(3, 1.5), 1.5);
});

test('a month with no one employed has no figures, not an absence rate of 0%', () => {
  // The report has a row for every month; a month before anyone was employed has no hours.
  const empty = { ...row('2024-06', 0, 0), hoursAvailable: 0, averageFte: 0, hoursLost: 0, episodes: 0 };
  const rows = [empty, row('2025-06', 2.51, 0.5)];
  const [june] = yearOnYear(['2025-06'], rows, '2024-01');
  assert.equal(june?.current?.absenceRatePct, 2.51);
  assert.equal(june?.lastYear, null, 'no one employed a year before: nothing to compare with');
  assert.equal(june?.change, null, 'no change of +2.51 percentage points from an empty month');
  assert.equal(monthHasFigures(empty, '2024-01'), false);
});

test('months before the sickness records begin have no figures, and are not compared', () => {
  // People were employed (hours available) but no sickness had yet been recorded: a month of
  // which nothing is known is not a month of no sickness.
  const rows = [
    { ...row('2023-11', 0, 0), hoursLost: 0, episodes: 0 },
    { ...row('2024-11', 0, 0), hoursLost: 0, episodes: 0 },
    row('2025-11', 2.51, 0.5),
  ];
  const [before, first, compared] = yearOnYear(['2024-10', '2024-11', '2025-11'], rows, '2024-11');
  assert.equal(before?.current, null);
  // November 2024 is in the records, with no sickness: a real 0%, compared with nothing (2023 is before them).
  assert.equal(first?.current?.absenceRatePct, 0);
  assert.equal(first?.lastYear, null);
  assert.equal(first?.change, null);
  // November 2025 against November 2024: both have figures, so a change.
  near(compared?.change?.absenceRatePct, 2.51);
  // With no records at all, nothing has figures.
  assert.ok(yearOnYear(['2025-11'], rows, null).every((m) => m.current === null && m.change === null));
  assert.equal(monthHasFigures(row('2023-11', 1, 1), '2024-11'), false);
  assert.equal(monthHasFigures(row('2024-11', 1, 1), '2024-11'), true);
});

test('quarters are calendar quarters cut to the period; months are months', () => {
  assert.deepEqual(intervalsOf({ from: '2025-02-15', to: '2025-07-10' }, 'quarter'), [
    {
      key: '2025-Q1',
      label: 'Feb to Mar 2025',
      months: ['2025-02', '2025-03'],
      from: '2025-02-15',
      to: '2025-03-31',
    },
    {
      key: '2025-Q2',
      label: 'Apr to Jun 2025',
      months: ['2025-04', '2025-05', '2025-06'],
      from: '2025-04-01',
      to: '2025-06-30',
    },
    { key: '2025-Q3', label: 'Jul 2025', months: ['2025-07'], from: '2025-07-01', to: '2025-07-10' },
  ]);
  assert.deepEqual(
    intervalsOf({ from: '2024-11-01', to: '2025-01-31' }, 'quarter').map((i) => [i.key, i.label]),
    [
      ['2024-Q4', 'Nov to Dec 2024'],
      ['2025-Q1', 'Jan 2025'],
    ],
  );
  const months = intervalsOf({ from: '2024-11-01', to: '2025-01-31' }, 'month');
  assert.deepEqual(
    months.map((i) => [i.key, i.label, i.from, i.to]),
    [
      ['2024-11', 'Nov 2024', '2024-11-01', '2024-11-30'],
      ['2024-12', 'Dec 2024', '2024-12-01', '2024-12-31'],
      ['2025-01', 'Jan 2025', '2025-01-01', '2025-01-31'],
    ],
  );
  // The rolling 12 months from May are four whole quarters and two part ones.
  assert.equal(intervalsOf({ from: '2025-05-01', to: '2026-04-30' }, 'quarter').length, 5);
});

test('shares and sums over months', () => {
  assert.equal(sharePct(1, 4), 25);
  assert.equal(sharePct(3, 0), 0);
  const rows = [
    row('2025-01', 1, 1, 2.5),
    row('2025-02', 1, 1, 4),
    row('2025-03', 1, 1, 10),
    row('TOTAL', 1, 1, 16.5),
  ];
  assert.equal(
    sumOverMonths(rows, ['2025-01', '2025-02'], (r) => r.fteDaysLost),
    6.5,
  );
  assert.equal(
    sumOverMonths(rows, ['2024-12'], (r) => r.fteDaysLost),
    0,
  );
});

test('people are counted once in each month of each group they were in', () => {
  const stays = [
    // Two stays in A that share March, then leaves after April.
    { personId: 1, group: 'A', from: '2025-01-15', to: '2025-03-10' },
    { personId: 1, group: 'A', from: '2025-03-20', to: '2025-04-05' },
    // A for February, then B from March to May.
    { personId: 2, group: 'A', from: '2025-02-01', to: '2025-02-28' },
    { personId: 2, group: 'B', from: '2025-03-01', to: '2025-05-31' },
    // In A from June: no one is in A in May.
    { personId: 3, group: 'A', from: '2025-06-01', to: '2025-06-30' },
    // In no group.
    { personId: 4, group: null, from: '2025-01-01', to: '2025-06-30' },
  ];
  const counts = monthlyHeadcounts(stays, (s) => s.group);
  assert.deepEqual(Object.fromEntries(counts.get('A') ?? []), {
    '2025-01': 1,
    '2025-02': 2,
    '2025-03': 1,
    '2025-04': 1,
    '2025-06': 1,
  });
  assert.deepEqual(Object.fromEntries(counts.get('B') ?? []), { '2025-03': 1, '2025-04': 1, '2025-05': 1 });
  assert.equal(counts.size, 2);
  // Everyone, whatever their group, person 4 (in no group) included.
  const everyone = monthlyHeadcounts(stays, () => 'all').get('all');
  assert.deepEqual(Object.fromEntries(everyone ?? []), {
    '2025-01': 2,
    '2025-02': 3,
    '2025-03': 3,
    '2025-04': 3,
    '2025-05': 2,
    '2025-06': 2,
  });
  assert.deepEqual(Object.fromEntries(headcountsByGroup(stays, (s) => s.group)), { A: 3, B: 1 });
});
