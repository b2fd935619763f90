/**
 * The figures of SPEC §6 on a small organisation worked out by hand. Full-time is 35 hours
 * (a standard day of 7), on-costs are 30%, and a salary of £36,500 on 35 hours (or £21,900 on
 * 21) costs £20 an hour, £26 with on-costs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { WeekHours } from './reference-calendar.ts';
import { addDays } from '../domain/dates.ts';
import {
  absenceFigures,
  costOfHours,
  directorateOf,
  FIGURE_GROUPINGS,
  type FigureAbsence,
  type FigureEmployee,
  type FigureInput,
  type FigureRow,
  type FigureSpell,
} from './reference-figures.ts';

const HOLIDAYS: ReadonlySet<string> = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
]);

const FIVE_SEVENS: WeekHours = [7, 7, 7, 7, 7, 0, 0];
const MON_TO_WED: WeekHours = [7, 7, 7, 0, 0, 0, 0];
const WEEKENDS: WeekHours = [0, 0, 0, 0, 0, 10.5, 10.5];

function spell(
  from: string,
  hours: WeekHours,
  unitPath: string,
  staffGroup: string | null,
  annualSalary: number | null,
  options: { to?: string | null; worksBankHolidays?: boolean } = {},
): FigureSpell {
  return {
    from,
    to: options.to ?? null,
    pattern: { hours, worksBankHolidays: options.worksBankHolidays ?? false },
    weeklyHours: hours.reduce((a, b) => a + b, 0),
    unitPath,
    staffGroup,
    annualSalary,
  };
}

function absence(
  personId: number,
  type: FigureAbsence['type'],
  startDate: string,
  endDate: string | null,
  reasonCode: string | null = null,
  firstDayHours: number | null = null,
): FigureAbsence {
  return { personId, type, startDate, endDate, reasonCode, firstDayHours };
}

/**
 * May 2025 (bank holidays on 5 and 26 May):
 * 1 Amira Begum, full time in Care > North, Nursing: 20 days of 7 h = 140 h, 31 FTE days.
 * 2 Ben Walsh, Mon–Wed in Care > South, Admin, no salary, left 21 May: 8 days = 56 h, 21 × 0.6 FTE days.
 * 3 Chloe Evans, weekends of 10.5 h in Place > Waste, no staff group: 9 days = 94.5 h, 31 × 0.6.
 * 4 Dylan Hughes, full time in Care > North, Nursing, joined 19 May: 9 days = 63 h, 13 FTE days.
 * 5 Erin Shaw, full time, Nursing, in Care > North to 14 May (63 h, 14 FTE days) and
 *   Place > Waste from 15 May (77 h, 17 FTE days).
 */
const PEOPLE: FigureEmployee[] = [
  {
    personId: 1,
    startDate: '2019-09-02',
    leavingDate: null,
    spells: [spell('2019-09-02', FIVE_SEVENS, 'Care > North', 'Nursing', 36_500)],
  },
  {
    personId: 2,
    startDate: '2021-01-04',
    leavingDate: '2025-05-21',
    spells: [spell('2021-01-04', MON_TO_WED, 'Care > South', 'Admin', null)],
  },
  {
    personId: 3,
    startDate: '2022-03-05',
    leavingDate: null,
    spells: [spell('2022-03-05', WEEKENDS, 'Place > Waste', null, 21_900, { worksBankHolidays: true })],
  },
  {
    personId: 4,
    startDate: '2025-05-19',
    leavingDate: null,
    spells: [spell('2025-05-19', FIVE_SEVENS, 'Care > North', 'Nursing', 36_500)],
  },
  {
    personId: 5,
    startDate: '2018-04-09',
    leavingDate: null,
    spells: [
      spell('2018-04-09', FIVE_SEVENS, 'Care > North', 'Nursing', 36_500, { to: '2025-05-14' }),
      spell('2025-05-15', FIVE_SEVENS, 'Place > Waste', 'Nursing', 36_500),
    ],
  },
];

/**
 * Hours lost, calendar FTE days lost and cost of each:
 * Amira, S12, 28 Apr – 1 May: only 1 May in the period (7 h, 1 day, £182); the episode is April's.
 * Amira, S12, Tue 6 – Fri 9 May, went home after 3 h: 3 + 3 × 7 = 24 h, 4 days, £624.
 * Ben, S10, Mon 12 – Tue 20 May: 12, 13, 14, 19, 20 = 35 h, 9 × 0.6 = 5.4 days, no salary.
 * Chloe, S10, open from Sat 3 May: every shift, 94.5 h, 29 × 0.6 = 17.4 days, £2,457; long term.
 * Erin, S11, Tue 13 – Fri 16 May: 14 h in North, 14 h in Waste, 2 + 2 days, £364 + £364.
 * Dylan, S13, 28–29 May during annual leave 27–30 May: 14 h, 2 days, £364.
 * Amira's disability leave and medical appointment count for nothing.
 */
const ABSENCES: FigureAbsence[] = [
  absence(1, 'sickness', '2025-04-28', '2025-05-01', 'S12'),
  absence(1, 'sickness', '2025-05-06', '2025-05-09', 'S12', 3),
  absence(2, 'sickness', '2025-05-12', '2025-05-20', 'S10'),
  absence(3, 'sickness', '2025-05-03', null, 'S10'),
  absence(5, 'sickness', '2025-05-13', '2025-05-16', 'S11'),
  absence(4, 'annual_leave', '2025-05-27', '2025-05-30'),
  absence(4, 'sickness', '2025-05-28', '2025-05-29', 'S13'),
  absence(1, 'disability_leave', '2025-05-19', '2025-05-20'),
  absence(1, 'medical_appointment', '2025-05-22', '2025-05-22'),
];

function input(overrides: Partial<FigureInput> = {}): FigureInput {
  return {
    organisation: { slug: 'riverside-council', fullTimeHours: 35, onCostRate: 0.3 },
    bankHolidays: HOLIDAYS,
    employees: PEOPLE,
    absences: ABSENCES,
    from: '2025-05-01',
    to: '2025-05-31',
    groupBy: 'organisation',
    method: 'hours',
    ...overrides,
  };
}

function near(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

function expectRow(rows: FigureRow[], group: string, expected: Partial<Omit<FigureRow, 'group'>>) {
  const row = rows.find((r) => r.group === group);
  assert.ok(row, `a row for ${group}`);
  for (const [key, value] of Object.entries(expected) as [keyof FigureRow, number][]) {
    near(row[key] as number, value, `${group} ${key}`);
  }
}

describe('by the hours method', () => {
  test('the organisation’s figures', () => {
    const rows = absenceFigures(input());
    assert.deepEqual(
      rows.map((r) => r.group),
      ['riverside-council', 'TOTAL'],
    );
    const expected = {
      hoursAvailable: 493.5,
      fteDaysAvailable: 106.2,
      averageFte: 106.2 / 31,
      hoursLost: 202.5,
      fteDaysLost: 202.5 / 7,
      daysLostPerFte: 202.5 / 7 / (106.2 / 31),
      absenceRatePct: (100 * 202.5) / 493.5,
      episodes: 5,
      shortTermEpisodes: 4,
      longTermEpisodes: 1,
      costGbp: 4355,
    };
    expectRow(rows, 'riverside-council', expected);
    expectRow(rows, 'TOTAL', expected);
  });

  test('by unit, each day in the unit of that day and each episode in the unit it started in', () => {
    const rows = absenceFigures(input({ groupBy: 'unit' }));
    assert.deepEqual(
      rows.map((r) => r.group),
      ['Care > North', 'Care > South', 'Place > Waste', 'TOTAL'],
    );
    expectRow(rows, 'Care > North', {
      hoursAvailable: 140 + 63 + 63,
      fteDaysAvailable: 31 + 13 + 14,
      averageFte: 58 / 31,
      hoursLost: 7 + 24 + 14 + 14,
      absenceRatePct: (100 * 59) / 266,
      daysLostPerFte: 59 / 7 / (58 / 31),
      episodes: 3,
      longTermEpisodes: 0,
      costGbp: 182 + 624 + 364 + 364,
    });
    expectRow(rows, 'Care > South', {
      hoursAvailable: 56,
      fteDaysAvailable: 12.6,
      hoursLost: 35,
      episodes: 1,
      costGbp: 0,
    });
    expectRow(rows, 'Place > Waste', {
      hoursAvailable: 94.5 + 77,
      fteDaysAvailable: 18.6 + 17,
      hoursLost: 94.5 + 14,
      episodes: 1,
      shortTermEpisodes: 0,
      longTermEpisodes: 1,
      costGbp: 2457 + 364,
    });
    expectRow(rows, 'TOTAL', { hoursAvailable: 493.5, hoursLost: 202.5, episodes: 5, costGbp: 4355 });
  });

  test('by directorate, the first level of the unit', () => {
    const rows = absenceFigures(input({ groupBy: 'directorate' }));
    assert.deepEqual(
      rows.map((r) => r.group),
      ['Care', 'Place', 'TOTAL'],
    );
    expectRow(rows, 'Care', { hoursAvailable: 322, hoursLost: 94, episodes: 4 });
    expectRow(rows, 'Place', { hoursAvailable: 171.5, hoursLost: 108.5, episodes: 1 });
    assert.equal(directorateOf('Adult Social Care > Home Care > North Team'), 'Adult Social Care');
    assert.equal(directorateOf('Place'), 'Place');
  });

  test('by staff group, people without one together', () => {
    const rows = absenceFigures(input({ groupBy: 'staff-group' }));
    assert.deepEqual(
      rows.map((r) => r.group),
      ['', 'Admin', 'Nursing', 'TOTAL'],
    );
    expectRow(rows, '', { hoursAvailable: 94.5, hoursLost: 94.5, absenceRatePct: 100, episodes: 1 });
    expectRow(rows, 'Admin', { hoursAvailable: 56, hoursLost: 35, episodes: 1 });
    expectRow(rows, 'Nursing', { hoursAvailable: 343, hoursLost: 73, episodes: 3 });
  });

  test('by reason, over the whole population, so the rates add up to the total', () => {
    const rows = absenceFigures(input({ groupBy: 'reason' }));
    assert.deepEqual(
      rows.map((r) => r.group),
      ['S10', 'S11', 'S12', 'S13', 'TOTAL'],
    );
    const population = { hoursAvailable: 493.5, fteDaysAvailable: 106.2, averageFte: 106.2 / 31 };
    expectRow(rows, 'S10', {
      ...population,
      hoursLost: 129.5,
      absenceRatePct: (100 * 129.5) / 493.5,
      episodes: 2,
      longTermEpisodes: 1,
    });
    expectRow(rows, 'S11', { ...population, hoursLost: 28, episodes: 1 });
    // The April episode counts in April; its day in May counts here.
    expectRow(rows, 'S12', { ...population, hoursLost: 31, episodes: 1, costGbp: 806 });
    expectRow(rows, 'S13', { ...population, hoursLost: 14, episodes: 1 });
    const reasons = rows.filter((r) => r.group !== 'TOTAL');
    const total = rows.at(-1);
    assert.ok(total);
    near(
      reasons.reduce((sum, r) => sum + r.absenceRatePct, 0),
      total.absenceRatePct,
      'the rates',
    );
    near(
      reasons.reduce((sum, r) => sum + r.daysLostPerFte, 0),
      total.daysLostPerFte,
      'days lost per FTE',
    );
    near(
      reasons.reduce((sum, r) => sum + r.costGbp, 0),
      total.costGbp,
      'the cost',
    );
  });

  test('the same by the calendar method', () => {
    const rows = absenceFigures(input({ groupBy: 'reason', method: 'calendar' }));
    const reasons = rows.filter((r) => r.group !== 'TOTAL');
    expectRow(rows, 'S10', { fteDaysLost: 5.4 + 17.4, absenceRatePct: (100 * 22.8) / 106.2 });
    near(
      reasons.reduce((sum, r) => sum + r.absenceRatePct, 0),
      (100 * 33.8) / 106.2,
      'the rates',
    );
  });
});

describe('by the calendar method', () => {
  test('FTE days lost are calendar days of sickness times FTE, over calendar days employed', () => {
    const rows = absenceFigures(input({ method: 'calendar' }));
    expectRow(rows, 'TOTAL', {
      fteDaysLost: 33.8,
      fteDaysAvailable: 106.2,
      averageFte: 106.2 / 31,
      absenceRatePct: (100 * 33.8) / 106.2,
      daysLostPerFte: 33.8 / (106.2 / 31),
      hoursLost: 202.5,
      episodes: 5,
      longTermEpisodes: 1,
    });
    const byUnit = absenceFigures(input({ method: 'calendar', groupBy: 'unit' }));
    expectRow(byUnit, 'Care > North', { fteDaysLost: 1 + 4 + 2 + 2, absenceRatePct: (100 * 9) / 58 });
    expectRow(byUnit, 'Place > Waste', { fteDaysLost: 17.4 + 2, absenceRatePct: (100 * 19.4) / 35.6 });
  });
});

describe('by month', () => {
  /**
   * 15 April – 10 June 2025. Amira, full time, throughout; Jo Patel, Mon–Wed 7 h, from 1 May.
   * Amira is sick Mon 28 April – Fri 2 May (21 h in April, 14 h in May); Jo is sick from Sat
   * 10 May, still open: 8 shifts in May (56 h) and 5 in June (35 h).
   */
  const months = (method: FigureInput['method'] = 'hours') =>
    absenceFigures(
      input({
        employees: [
          PEOPLE[0] as FigureEmployee,
          {
            personId: 6,
            startDate: '2025-05-01',
            leavingDate: null,
            spells: [spell('2025-05-01', MON_TO_WED, 'Care > North', 'Nursing', 21_900)],
          },
        ],
        absences: [
          absence(1, 'sickness', '2025-04-28', '2025-05-02', 'S25'),
          absence(6, 'sickness', '2025-05-10', null, 'S10'),
        ],
        from: '2025-04-15',
        to: '2025-06-10',
        groupBy: 'month',
        method,
      }),
    );

  test('each month’s figures are the month’s own, clipped to the period', () => {
    const rows = months();
    assert.deepEqual(
      rows.map((r) => r.group),
      ['2025-04', '2025-05', '2025-06', 'TOTAL'],
    );
    // 16 days; 12 weekdays less Good Friday and Easter Monday.
    expectRow(rows, '2025-04', {
      hoursAvailable: 70,
      averageFte: 1,
      hoursLost: 21,
      fteDaysLost: 3,
      daysLostPerFte: 3,
      absenceRatePct: 30,
      episodes: 1,
      shortTermEpisodes: 1,
    });
    // Jo's episode has lasted 22 days by the end of May but 32 by the end of the report: it is
    // judged at the end of the report in every row, so it is long term in May's row too.
    expectRow(rows, '2025-05', {
      hoursAvailable: 140 + 70,
      fteDaysAvailable: 31 + 18.6,
      averageFte: 1.6,
      hoursLost: 14 + 56,
      fteDaysLost: 10,
      daysLostPerFte: 6.25,
      absenceRatePct: (100 * 70) / 210,
      episodes: 1,
      shortTermEpisodes: 0,
      longTermEpisodes: 1,
    });
    expectRow(rows, '2025-06', {
      hoursAvailable: 49 + 35,
      averageFte: 1.6,
      hoursLost: 35,
      daysLostPerFte: 3.125,
      episodes: 0,
    });
    // Over the whole period Jo's episode has lasted 32 days: long term.
    expectRow(rows, 'TOTAL', {
      hoursAvailable: 364,
      fteDaysAvailable: 81.6,
      averageFte: 81.6 / 57,
      hoursLost: 126,
      fteDaysLost: 18,
      episodes: 2,
      shortTermEpisodes: 1,
      longTermEpisodes: 1,
    });
  });

  test('by the calendar method', () => {
    const rows = months('calendar');
    // Amira 3 days in April; in May Amira 2 and Jo 22 × 0.6; in June Jo 10 × 0.6.
    expectRow(rows, '2025-04', { fteDaysLost: 3, absenceRatePct: (100 * 3) / 16 });
    expectRow(rows, '2025-05', { fteDaysLost: 2 + 13.2, absenceRatePct: (100 * 15.2) / 49.6 });
    expectRow(rows, '2025-06', { fteDaysLost: 6, absenceRatePct: (100 * 6) / 16 });
    expectRow(rows, 'TOTAL', { fteDaysLost: 24.2, daysLostPerFte: 24.2 / (81.6 / 57) });
  });
});

describe('episodes', () => {
  const onePerson: FigureEmployee = PEOPLE[0] as FigureEmployee;
  const episodes = (absences: FigureAbsence[], to = '2025-12-31') =>
    absenceFigures(input({ employees: [onePerson], absences, from: '2025-01-01', to })).at(-1);

  test('are long term from 28 calendar days, to the end date or the end of the period', () => {
    assert.equal(episodes([absence(1, 'sickness', '2025-03-03', '2025-03-29', 'S11')])?.longTermEpisodes, 0);
    assert.equal(episodes([absence(1, 'sickness', '2025-03-03', '2025-03-30', 'S11')])?.longTermEpisodes, 1);
    assert.equal(
      episodes([absence(1, 'sickness', '2025-03-03', null, 'S11')], '2025-03-29')?.longTermEpisodes,
      0,
    );
    assert.equal(
      episodes([absence(1, 'sickness', '2025-03-03', null, 'S11')], '2025-03-30')?.longTermEpisodes,
      1,
    );
    // An end date after the period still counts in full.
    assert.equal(
      episodes([absence(1, 'sickness', '2025-03-03', '2025-04-30', 'S11')], '2025-03-10')?.longTermEpisodes,
      1,
    );
  });

  test('count in the period they start in', () => {
    const total = episodes([absence(1, 'sickness', '2024-12-30', '2025-01-03', 'S13')]);
    assert.equal(total?.episodes, 0);
    near(total?.hoursLost ?? NaN, 14, 'the hours of 2 and 3 January');
  });
});

describe('where there is nothing to divide by', () => {
  test('a period with no one employed gives zeros, not NaN', () => {
    const rows = absenceFigures(input({ from: '2010-01-01', to: '2010-01-31' }));
    assert.deepEqual(rows, [
      {
        group: 'TOTAL',
        averageFte: 0,
        hoursAvailable: 0,
        hoursLost: 0,
        fteDaysLost: 0,
        fteDaysAvailable: 0,
        daysLostPerFte: 0,
        absenceRatePct: 0,
        episodes: 0,
        shortTermEpisodes: 0,
        longTermEpisodes: 0,
        costGbp: 0,
      },
    ]);
  });

  test('someone with no hours gives a rate of 0 and costs nothing', () => {
    const casual: FigureEmployee = {
      personId: 7,
      startDate: '2024-01-01',
      leavingDate: null,
      spells: [spell('2024-01-01', [0, 0, 0, 0, 0, 0, 0], 'Place', 'Bank staff', 12_000)],
    };
    const total = absenceFigures(
      input({ employees: [casual], absences: [absence(7, 'sickness', '2025-05-06', '2025-05-08', 'S13')] }),
    ).at(-1);
    assert.ok(total);
    assert.equal(total.absenceRatePct, 0);
    assert.equal(total.averageFte, 0);
    assert.equal(total.daysLostPerFte, 0);
    assert.equal(total.costGbp, 0);
    assert.equal(total.episodes, 1);
    assert.equal(costOfHours(7, { annualSalary: 12_000, weeklyHours: 0 }, 0.3), 0);
    assert.equal(costOfHours(7, { annualSalary: null, weeklyHours: 35 }, 0.3), 0);
    near(costOfHours(7, { annualSalary: 36_500, weeklyHours: 35 }, 0), 140, 'a day at £20 an hour');
  });
});

test('impossible first-day hours and periods are refused, not counted', () => {
  assert.throws(
    () => absenceFigures(input({ absences: [absence(1, 'sickness', '2025-05-06', '2025-05-09', 'S12', 8)] })),
    RangeError,
  );
  assert.throws(() => absenceFigures(input({ from: '2025-06-01', to: '2025-05-01' })), RangeError);
  assert.throws(
    () => absenceFigures(input({ organisation: { slug: 'x', fullTimeHours: 0, onCostRate: 0 } })),
    RangeError,
  );
});

// ------------------------------------------------------------------ every grouping adds up

const UNITS = ['Care > North', 'Care > South', 'Place > Waste', 'Place'];
const STAFF_GROUPS = ['Nursing', 'Admin', null];
const BASE = '2025-03-20';

const workforceArb = fc.array(
  fc.record({
    startOffset: fc.integer({ min: 0, max: 60 }),
    leaves: fc.option(fc.integer({ min: 0, max: 90 })),
    moveAfter: fc.option(fc.integer({ min: 1, max: 60 })),
    units: fc.tuple(fc.constantFrom(...UNITS), fc.constantFrom(...UNITS)),
    groups: fc.tuple(fc.constantFrom(...STAFF_GROUPS), fc.constantFrom(...STAFF_GROUPS)),
    hours: fc.tuple(...Array.from({ length: 7 }, () => fc.constantFrom(0, 3.5, 7.4, 7.5, 11.5))),
    worksBankHolidays: fc.boolean(),
    salary: fc.option(fc.integer({ min: 15_000, max: 60_000 })),
    sickness: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 100 }),
        length: fc.option(fc.integer({ min: 0, max: 40 })),
        reason: fc.constantFrom('S10', 'S11', 'S12'),
      }),
      { maxLength: 2 },
    ),
  }),
  { minLength: 1, maxLength: 4 },
);

function workforce(people: typeof workforceArb extends fc.Arbitrary<infer T> ? T : never) {
  const employees: FigureEmployee[] = [];
  const absences: FigureAbsence[] = [];
  people.forEach((p, i) => {
    const personId = i + 1;
    const startDate = addDays(BASE, p.startOffset);
    const leavingDate = p.leaves === null ? null : addDays(startDate, p.leaves);
    const hours = p.hours as unknown as WeekHours;
    const options = { worksBankHolidays: p.worksBankHolidays };
    const spells =
      p.moveAfter === null
        ? [spell(startDate, hours, p.units[0], p.groups[0], p.salary, options)]
        : [
            spell(startDate, hours, p.units[0], p.groups[0], p.salary, {
              ...options,
              to: addDays(startDate, p.moveAfter - 1),
            }),
            spell(addDays(startDate, p.moveAfter), hours, p.units[1], p.groups[1], p.salary, options),
          ];
    employees.push({ personId, startDate, leavingDate, spells });
    // Sickness one after another, inside the employment.
    let cursor = startDate;
    for (const s of p.sickness) {
      const start = addDays(cursor, s.start % 30);
      if (leavingDate !== null && start > leavingDate) break;
      let end = s.length === null ? null : addDays(start, s.length);
      if (leavingDate !== null && (end === null || end > leavingDate)) end = leavingDate;
      absences.push(absence(personId, 'sickness', start, end, s.reason));
      if (end === null) break;
      cursor = addDays(end, 1);
    }
  });
  return { employees, absences };
}

test('every grouping adds up to the total', () => {
  fc.assert(
    fc.property(
      workforceArb,
      fc.constantFrom<'hours' | 'calendar'>('hours', 'calendar'),
      (people, method) => {
        const { employees, absences } = workforce(people);
        for (const groupBy of FIGURE_GROUPINGS) {
          const rows = absenceFigures(
            input({ employees, absences, from: '2025-04-01', to: '2025-06-15', groupBy, method }),
          );
          const total = rows.at(-1);
          assert.ok(total && total.group === 'TOTAL');
          const groups = rows.slice(0, -1);
          const sum = (key: keyof Omit<FigureRow, 'group'>) => groups.reduce((s, r) => s + r[key], 0);
          near(sum('hoursLost'), total.hoursLost, `${groupBy} hours lost`);
          near(sum('fteDaysLost'), total.fteDaysLost, `${groupBy} FTE days lost`);
          near(sum('costGbp'), total.costGbp, `${groupBy} cost`);
          assert.equal(sum('episodes'), total.episodes, `${groupBy} episodes`);
          if (groupBy === 'reason') {
            near(sum('absenceRatePct'), total.absenceRatePct, 'rates by reason');
          } else {
            near(sum('hoursAvailable'), total.hoursAvailable, `${groupBy} hours available`);
            near(sum('fteDaysAvailable'), total.fteDaysAvailable, `${groupBy} FTE days available`);
          }
          if (groupBy !== 'month')
            assert.equal(sum('longTermEpisodes'), total.longTermEpisodes, `${groupBy} long term`);
        }
      },
    ),
    { numRuns: 40 },
  );
});
