import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absenceReport, type ReportEmployee, type ReportInput, type ReportRow } from './absence-report.ts';

const fullTime: ReportEmployee = {
  personId: 1,
  startDate: '2020-01-01',
  endDate: null,
  spells: [
    {
      from: '2020-01-01',
      unitPath: 'Adult Social Care > Home Care',
      staffGroup: 'Social Care',
      weeklyHours: 37.5,
      hours: [7.5, 7.5, 7.5, 7.5, 7.5, 0, 0],
      worksBankHolidays: false,
      annualSalary: 30_000,
    },
  ],
};

// Part-time, Monday to Wednesday, joins on Wednesday 15 January 2025.
const partTime: ReportEmployee = {
  personId: 2,
  startDate: '2025-01-15',
  endDate: null,
  spells: [
    {
      from: '2025-01-15',
      unitPath: 'Corporate Resources > Finance',
      staffGroup: null,
      weeklyHours: 22.5,
      hours: [7.5, 7.5, 7.5, 0, 0, 0, 0],
      worksBankHolidays: false,
      annualSalary: null,
    },
  ],
};

function january(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    organisationSlug: 'merrowby',
    fullTimeHours: 37.5,
    onCostRate: 0.25,
    bankHolidays: ['2025-01-01', '2024-12-25', '2025-04-18'],
    employees: [fullTime, partTime],
    sicknesses: [
      { personId: 1, startDate: '2025-01-06', endDate: '2025-01-10', reasonCode: 'S11', firstDayHours: null },
      { personId: 2, startDate: '2025-01-20', endDate: null, reasonCode: 'S13', firstDayHours: 3 },
    ],
    from: '2025-01-01',
    to: '2025-01-31',
    groupBy: 'organisation',
    method: 'hours',
    ...overrides,
  };
}

function near(actual: number, expected: number, message?: string) {
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message ?? ''} expected ${expected}, got ${actual}`);
}

function row(rows: ReportRow[], group: string): ReportRow {
  const found = rows.find((r) => r.group === group);
  assert.ok(found, `no row ${group} in ${rows.map((r) => r.group).join(', ')}`);
  return found;
}

test('hand-worked January: a bank holiday, a part-time joiner, a partial first day and an open absence', () => {
  const rows = absenceReport(january());
  assert.deepEqual(
    rows.map((r) => r.group),
    ['merrowby', 'TOTAL'],
  );
  const total = row(rows, 'TOTAL');
  // Full-timer: 22 working days (1 January is a bank holiday) × 7.5; part-timer 7 days × 7.5.
  near(total.hoursAvailable, 165 + 52.5);
  // 5 days × 7.5, plus 3 hours on the first day and 5 more days of 7.5.
  near(total.hoursLost, 37.5 + 40.5);
  near(total.fteDaysLost, 78 / 7.5);
  near(total.averageFte, (31 + 17 * 0.6) / 31);
  near(total.daysLostPerFte, 10.4 / ((31 + 10.2) / 31));
  near(total.absenceRatePct, (100 * 78) / 217.5);
  assert.equal(total.episodes, 2);
  assert.equal(total.longTermEpisodes, 0);
  // Only the salaried full-timer costs: 37.5 h × 30,000 / (365/7) / 37.5 × 1.25.
  near(total.costGbp, ((37.5 * 30_000) / (365 / 7) / 37.5) * 1.25);
  assert.deepEqual({ ...row(rows, 'merrowby'), group: 'TOTAL' }, total);
});

test('calendar-day method counts every calendar day of sickness at the person’s FTE', () => {
  const total = row(absenceReport(january({ method: 'calendar' })), 'TOTAL');
  near(total.fteDaysLost, 5 * 1 + 12 * 0.6);
  near(total.fteDaysAvailable, 31 + 17 * 0.6);
  near(total.absenceRatePct, (100 * 12.2) / 41.2);
  near(total.daysLostPerFte, 12.2 / (41.2 / 31));
});

test('by reason, the denominators are the whole population’s and the rates add up to the total', () => {
  const rows = absenceReport(january({ groupBy: 'reason' }));
  assert.deepEqual(
    rows.map((r) => r.group),
    ['S11', 'S13', 'TOTAL'],
  );
  const total = row(rows, 'TOTAL');
  near(row(rows, 'S11').hoursAvailable, total.hoursAvailable);
  near(row(rows, 'S11').absenceRatePct + row(rows, 'S13').absenceRatePct, total.absenceRatePct);
  near(row(rows, 'S13').hoursLost, 40.5);
});

test('by directorate and unit, each person’s days count where they were', () => {
  const rows = absenceReport(january({ groupBy: 'directorate' }));
  assert.deepEqual(
    rows.map((r) => r.group),
    ['Adult Social Care', 'Corporate Resources', 'TOTAL'],
  );
  near(row(rows, 'Corporate Resources').hoursAvailable, 52.5);
  near(row(rows, 'Corporate Resources').averageFte, 10.2 / 31);
  const byStaffGroup = absenceReport(january({ groupBy: 'staff-group' }));
  assert.deepEqual(
    byStaffGroup.map((r) => r.group),
    ['', 'Social Care', 'TOTAL'],
  );
});

test('a move between units part-way through splits the days, and the episode counts where it started', () => {
  const mover: ReportEmployee = {
    ...fullTime,
    spells: [
      fullTime.spells[0]!,
      { ...fullTime.spells[0]!, from: '2025-01-08', unitPath: 'Place > Waste and Recycling' },
    ],
  };
  const rows = absenceReport(
    january({ employees: [mover], sicknesses: [january().sicknesses[0]!], groupBy: 'unit' }),
  );
  near(row(rows, 'Adult Social Care > Home Care').hoursLost, 15); // 6 and 7 January
  near(row(rows, 'Place > Waste and Recycling').hoursLost, 22.5); // 8 to 10 January
  assert.equal(row(rows, 'Adult Social Care > Home Care').episodes, 1);
  assert.equal(row(rows, 'Place > Waste and Recycling').episodes, 0);
});

test('by month, each row has its own period and denominators', () => {
  const rows = absenceReport(
    january({
      to: '2025-02-28',
      groupBy: 'month',
      sicknesses: [
        {
          personId: 1,
          startDate: '2025-01-27',
          endDate: '2025-02-04',
          reasonCode: 'S12',
          firstDayHours: null,
        },
      ],
    }),
  );
  assert.deepEqual(
    rows.map((r) => r.group),
    ['2025-01', '2025-02', 'TOTAL'],
  );
  near(row(rows, '2025-01').hoursLost, 5 * 7.5); // 27–31 January
  near(row(rows, '2025-02').hoursLost, 2 * 7.5); // 3–4 February
  near(row(rows, '2025-02').averageFte, 1 + 0.6);
  assert.equal(row(rows, '2025-01').episodes, 1);
  assert.equal(row(rows, '2025-02').episodes, 0);
  near(row(rows, 'TOTAL').averageFte, (59 + (17 + 28) * 0.6) / 59);
});

test('an episode is long term from 28 calendar days, counting an open one to the end of the period', () => {
  const episode = (endDate: string | null) =>
    row(
      absenceReport(
        january({
          employees: [fullTime],
          sicknesses: [
            { personId: 1, startDate: '2025-01-02', endDate, reasonCode: 'S10', firstDayHours: null },
          ],
          to: endDate === null ? '2025-01-29' : '2025-01-31',
        }),
      ),
      'TOTAL',
    );
  assert.equal(episode('2025-01-28').longTermEpisodes, 0); // 27 days
  assert.equal(episode('2025-01-29').longTermEpisodes, 1); // 28 days
  assert.equal(episode(null).longTermEpisodes, 1); // open, 2 to 29 January
});

test('by month, an open episode is judged at the end of the report in every row', () => {
  // Sick from 20 January, still open at the end of June: 12 days by the end of January, 162 by
  // the end of June. It is long term in January's row as in the total.
  const rows = absenceReport(
    january({
      employees: [fullTime],
      to: '2025-06-30',
      groupBy: 'month',
      sicknesses: [
        { personId: 1, startDate: '2025-01-20', endDate: null, reasonCode: 'S10', firstDayHours: null },
      ],
    }),
  );
  assert.equal(row(rows, '2025-01').episodes, 1);
  assert.equal(row(rows, '2025-01').longTermEpisodes, 1);
  assert.equal(row(rows, '2025-01').shortTermEpisodes, 0);
  assert.equal(row(rows, 'TOTAL').longTermEpisodes, 1);
  // A report that ends on 31 January judges the same episode short term.
  const january31 = absenceReport(
    january({
      employees: [fullTime],
      groupBy: 'month',
      sicknesses: [
        { personId: 1, startDate: '2025-01-20', endDate: null, reasonCode: 'S10', firstDayHours: null },
      ],
    }),
  );
  assert.equal(row(january31, '2025-01').shortTermEpisodes, 1);
});

test('leavers stop counting after their leaving date, and filters narrow the days counted', () => {
  const leaver: ReportEmployee = { ...fullTime, endDate: '2025-01-10' };
  const total = row(absenceReport(january({ employees: [leaver], sicknesses: [] })), 'TOTAL');
  near(total.hoursAvailable, 7 * 7.5); // 2–3 and 6–10 January
  near(total.averageFte, 10 / 31);
  const filtered = row(absenceReport(january({ unitPath: 'Corporate Resources' })), 'TOTAL');
  near(filtered.hoursAvailable, 52.5);
  near(filtered.hoursLost, 40.5);
});

test('people who work bank holidays have them scheduled', () => {
  const shift: ReportEmployee = {
    ...fullTime,
    spells: [{ ...fullTime.spells[0]!, hours: [0, 0, 12, 12, 0, 6, 7.5], worksBankHolidays: true }],
  };
  const total = row(absenceReport(january({ employees: [shift], sicknesses: [] })), 'TOTAL');
  // January 2025: 5 Wednesdays, 5 Thursdays, 4 Saturdays, 4 Sundays.
  near(total.hoursAvailable, 5 * 12 + 5 * 12 + 4 * 6 + 4 * 7.5);
});
