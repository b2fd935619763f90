/**
 * The monthly summary against the report computed directly, on random workforces: for any
 * period of whole months, every grouping and both methods, the report made from the summary's
 * cells is the report — whether the summary was built in one go, in batches of people, or unit by
 * unit — and for any other period, its whole months from the summary and its part months from the
 * records add up to the report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { absenceReport, BankHolidayCalendar, type ReportInput, type ReportRow } from './absence-report.ts';
import {
  emptySummary,
  isWholeMonths,
  lastDayOfMonth,
  monthOf,
  monthsBetween,
  piecesOfPeriod,
  reportFromSummary,
  reportFromSummaryAndRecords,
  summariseMonths,
  type SummaryCells,
  type SummaryReportInput,
} from './absence-summary.ts';
import { scenario, UNITS } from '../testing/report-scenarios.ts';
import { addDays, toDayNumber } from './dates.ts';

const unitIds = new Map(UNITS.map((path, i) => [path, i + 1]));
const unitPaths = new Map(UNITS.map((path, i) => [i + 1, path]));

/** The scenario over whole months, with the units' ids on the spells as the database gives them. */
function wholeMonths(input: ReportInput): ReportInput {
  return {
    ...input,
    from: monthOf(input.from),
    to: lastDayOfMonth(monthOf(input.to)),
    employees: input.employees.map((e) => ({
      ...e,
      spells: e.spells.map((s) => ({ ...s, unitId: unitIds.get(s.unitPath) })),
    })),
  };
}

function assertSameRows(actual: ReportRow[], expected: ReportRow[]) {
  assert.deepEqual(
    actual.map((r) => r.group),
    expected.map((r) => r.group),
  );
  actual.forEach((row, i) => {
    const want = expected[i];
    assert.ok(want);
    for (const [field, value] of Object.entries(want)) {
      if (field === 'group') continue;
      const got = row[field as keyof ReportRow] as number;
      assert.ok(Math.abs(got - (value as number)) < 1e-6, `${row.group} ${field}: ${got} ≠ ${value}`);
    }
  });
}

const fromSummary = (input: ReportInput, cells: ReturnType<typeof emptySummary>) => {
  const months = summaryFor(input, cells);
  return reportFromSummary(months.cells, months.input);
};

/** The summary's cells and what finishes them, for the input's period and filters. */
function summaryFor(
  input: ReportInput,
  cells: ReturnType<typeof emptySummary>,
): { cells: SummaryCells; input: SummaryReportInput } {
  return {
    cells: {
      available: cells.available.values(),
      sickness: cells.sickness.values(),
      openEpisodes: cells.openEpisodes,
    },
    input: {
      organisationSlug: input.organisationSlug,
      fullTimeHours: input.fullTimeHours,
      onCostRate: input.onCostRate,
      from: input.from,
      to: input.to,
      groupBy: input.groupBy,
      method: input.method,
      unitPaths,
      unitIds: input.unitPath
        ? new Set(
            UNITS.filter((u) => u === input.unitPath || u.startsWith(`${input.unitPath} > `)).map(
              (u) => unitIds.get(u) ?? 0,
            ),
          )
        : null,
      staffGroup: input.staffGroup ?? null,
      reasonCode: input.reasonCode ?? null,
    },
  };
}

test('a report from the summary equals the report computed directly, for whole months', () => {
  fc.assert(
    fc.property(
      scenario,
      fc.constantFrom<string | null>(null, 'Care', 'Place > Waste'),
      fc.constantFrom<string | null>(null, 'S10'),
      fc.boolean(),
      (raw, unitPath, reasonCode, batched) => {
        const input = { ...wholeMonths(raw), unitPath, reasonCode };
        // A summary wider than the report: its months outside the period must be left out.
        const cells = emptySummary();
        const holidays = new BankHolidayCalendar(input.bankHolidays);
        const batches = batched
          ? [
              input.employees.filter((e) => e.personId % 2 === 0),
              input.employees.filter((e) => e.personId % 2 === 1),
            ]
          : [input.employees];
        for (const employees of batches) {
          const people = new Set(employees.map((e) => e.personId));
          summariseMonths(cells, {
            employees,
            sicknesses: input.sicknesses.filter((s) => people.has(s.personId)),
            firstMonth: '2024-06-01',
            lastMonth: '2026-06-01',
            bankHolidays: holidays,
          });
        }
        assertSameRows(fromSummary(input, cells), absenceReport(input));
      },
    ),
    { numRuns: 400, seed: 20261123 },
  );
});

test('whole months from the summary and part months from the records add up to the report, for any period', () => {
  let pieced = 0;
  let openInHead = 0;
  fc.assert(
    fc.property(
      scenario,
      fc.constantFrom<string | null>(null, 'Care', 'Place > Waste'),
      fc.constantFrom<string | null>(null, 'S10'),
      fc.constantFrom('2025-02-01', '2025-07-01', '2026-06-01'),
      fc.integer({ min: 0, max: 40 }),
      (raw, unitPath, reasonCode, lastMonth, openAfter) => {
        const whole = wholeMonths(raw);
        const input = { ...whole, from: raw.from, to: raw.to, unitPath, reasonCode };
        const { head, months, tail } = piecesOfPeriod(input.from, input.to, lastMonth);
        // An episode still open, starting in the part month before the whole months where there
        // is one: whether it is long term is judged at the end of the report, not of that month.
        const headDays = head ? toDayNumber(head.to) - toDayNumber(head.from) + 1 : 40;
        const openFrom = addDays(input.from, openAfter % headDays);
        const first = input.employees.find((e) => e.personId === 1);
        if (first && first.endDate === null && first.startDate <= openFrom) {
          input.sicknesses = [
            ...input.sicknesses.filter(
              (s) => s.personId !== 1 || (s.endDate !== null && s.endDate < openFrom),
            ),
            { personId: 1, startDate: openFrom, endDate: null, reasonCode: 'S11', firstDayHours: null },
          ];
          if (head && months) openInHead += 1;
        }
        if (months === null) {
          assert.deepEqual({ head, tail }, { head: null, tail: { from: input.from, to: input.to } });
          return;
        }
        pieced += 1;
        const cells = emptySummary();
        summariseMonths(cells, {
          employees: input.employees,
          sicknesses: input.sicknesses,
          firstMonth: '2024-06-01',
          lastMonth,
          bankHolidays: new BankHolidayCalendar(input.bankHolidays),
        });
        const partMonths = [head, tail].filter((part) => part !== null);
        assertSameRows(
          reportFromSummaryAndRecords(summaryFor({ ...input, ...months }, cells), input, partMonths),
          absenceReport(input),
        );
      },
    ),
    { numRuns: 600, seed: 20261124 },
  );
  assert.ok(pieced > 100, `only ${pieced} periods had a whole month`);
  assert.ok(openInHead > 10, `only ${openInHead} open episodes started before the whole months`);
});

test('a period cut into the whole months the summary holds and the part months either side', () => {
  assert.deepEqual(piecesOfPeriod('2025-11-24', '2026-11-23', '2026-11-01'), {
    head: { from: '2025-11-24', to: '2025-11-30' },
    months: { from: '2025-12-01', to: '2026-10-31' },
    tail: { from: '2026-11-01', to: '2026-11-23' },
  });
  // Whole months already: one piece.
  assert.deepEqual(piecesOfPeriod('2025-04-01', '2026-03-31', '2026-11-01'), {
    head: null,
    months: { from: '2025-04-01', to: '2026-03-31' },
    tail: null,
  });
  // Months after the one the summary is kept to come from the records, whole or not.
  assert.deepEqual(piecesOfPeriod('2026-09-01', '2027-01-31', '2026-11-01'), {
    head: null,
    months: { from: '2026-09-01', to: '2026-11-30' },
    tail: { from: '2026-12-01', to: '2027-01-31' },
  });
  // February of a leap year ends on the 29th.
  assert.deepEqual(piecesOfPeriod('2024-01-15', '2024-02-29', '2026-11-01'), {
    head: { from: '2024-01-15', to: '2024-01-31' },
    months: { from: '2024-02-01', to: '2024-02-29' },
    tail: null,
  });
  // No whole month: all from the records.
  for (const [from, to] of [
    ['2025-06-03', '2025-06-20'],
    ['2025-06-03', '2025-07-30'],
    ['2026-12-01', '2026-12-31'],
  ] as const) {
    assert.deepEqual(piecesOfPeriod(from, to, '2026-11-01'), {
      head: null,
      months: null,
      tail: { from, to },
    });
  }
});

test('a summary built unit by unit equals one built for every unit at once', () => {
  fc.assert(
    fc.property(scenario, (raw) => {
      const input = wholeMonths(raw);
      const holidays = new BankHolidayCalendar(input.bankHolidays);
      const byUnit = emptySummary();
      for (const id of unitPaths.keys()) {
        summariseMonths(byUnit, {
          employees: input.employees,
          sicknesses: input.sicknesses,
          firstMonth: input.from,
          lastMonth: monthOf(input.to),
          bankHolidays: holidays,
          includeUnit: (unitId) => unitId === id,
        });
      }
      assertSameRows(fromSummary(input, byUnit), absenceReport(input));
    }),
    { numRuns: 200, seed: 11 },
  );
});

test('whole months and the months between them', () => {
  assert.equal(isWholeMonths('2025-04-01', '2026-03-31'), true);
  assert.equal(isWholeMonths('2025-04-01', '2025-04-30'), true);
  assert.equal(isWholeMonths('2024-02-01', '2024-02-29'), true);
  assert.equal(isWholeMonths('2024-02-01', '2024-02-28'), false);
  assert.equal(isWholeMonths('2025-04-02', '2026-03-31'), false);
  assert.equal(isWholeMonths('2025-05-01', '2025-04-30'), false);
  assert.deepEqual(monthsBetween('2025-11-01', '2026-02-01'), [
    '2025-11-01',
    '2025-12-01',
    '2026-01-01',
    '2026-02-01',
  ]);
  assert.equal(lastDayOfMonth('2025-12-01'), '2025-12-31');
});

test('an open episode is long term when it has lasted 28 days by the end of the report, in every row', () => {
  const input: ReportInput = {
    organisationSlug: 'org',
    fullTimeHours: 37.5,
    onCostRate: 0,
    bankHolidays: [],
    employees: [
      {
        personId: 1,
        startDate: '2020-01-01',
        endDate: null,
        spells: [
          {
            from: '2020-01-01',
            unitId: 1,
            unitPath: 'Care > North',
            staffGroup: null,
            weeklyHours: 37.5,
            hours: [7.5, 7.5, 7.5, 7.5, 7.5, 0, 0],
            worksBankHolidays: false,
            annualSalary: 30_000,
          },
        ],
      },
    ],
    // 28 days to 30 June: long term in a report to June, in June's row and the total alike.
    sicknesses: [
      { personId: 1, startDate: '2025-06-03', endDate: null, reasonCode: 'S10', firstDayHours: null },
    ],
    from: '2025-05-01',
    to: '2025-06-30',
    groupBy: 'organisation',
    method: 'hours',
  };
  const cells = emptySummary();
  summariseMonths(cells, {
    employees: input.employees,
    sicknesses: input.sicknesses,
    firstMonth: '2025-01-01',
    lastMonth: '2025-12-01',
    bankHolidays: new BankHolidayCalendar([]),
  });
  for (const groupBy of ['organisation', 'month'] as const) {
    const expected = absenceReport({ ...input, groupBy });
    const actual = fromSummary({ ...input, groupBy }, cells);
    assertSameRows(actual, expected);
    assert.equal(actual.at(-1)?.longTermEpisodes, 1);
  }
  const shorter = { ...input, sicknesses: [{ ...input.sicknesses[0]!, startDate: '2025-06-04' }] };
  const shorterCells = emptySummary();
  summariseMonths(shorterCells, {
    employees: input.employees,
    sicknesses: shorter.sicknesses,
    firstMonth: '2025-05-01',
    lastMonth: '2025-06-01',
    bankHolidays: new BankHolidayCalendar([]),
  });
  assert.equal(fromSummary(shorter, shorterCells).at(-1)?.longTermEpisodes, 0);
});
