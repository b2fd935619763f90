/**
 * Random workforces for property tests of the absence report: patterns, bank holidays, joiners
 * and leavers, moves between units, open absences and partial first days, as the importer would
 * accept them.
 */
import fc from 'fast-check';
import {
  REPORT_GROUPINGS,
  type ReportEmployee,
  type ReportGrouping,
  type ReportInput,
  type ReportMethod,
  type ReportSickness,
} from '../domain/absence-report.ts';
import { addDays, toDayNumber } from '../domain/dates.ts';
import type { FigureInput } from './reference-figures.ts';

export const UNITS = ['Care > North', 'Care > South', 'Place > Waste', 'Place'];
const GROUPS = ['Social Care', 'Manual', null];
const HOLIDAYS = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
];

const weekday = (date: string) => (((toDayNumber(date) + 3) % 7) + 7) % 7;

/** The same workforce as the day-by-day reference of SPEC §6 (src/testing/reference-figures.ts) takes it. */
export function asFigureInput(input: ReportInput): FigureInput {
  return {
    organisation: {
      slug: input.organisationSlug,
      fullTimeHours: input.fullTimeHours,
      onCostRate: input.onCostRate,
    },
    bankHolidays: new Set(input.bankHolidays),
    employees: input.employees.map((e) => {
      const spells = [...e.spells].sort((a, b) => (a.from < b.from ? -1 : 1));
      return {
        personId: e.personId,
        startDate: e.startDate,
        leavingDate: e.endDate,
        spells: spells.map((s, i) => {
          const next = spells[i + 1];
          return {
            from: s.from,
            to: next ? addDays(next.from, -1) : null,
            pattern: { hours: s.hours, worksBankHolidays: s.worksBankHolidays },
            weeklyHours: s.weeklyHours,
            unitPath: s.unitPath,
            staffGroup: s.staffGroup,
            annualSalary: s.annualSalary,
          };
        }),
      };
    }),
    absences: input.sicknesses.map((s) => ({
      personId: s.personId,
      type: 'sickness' as const,
      startDate: s.startDate,
      endDate: s.endDate,
      firstDayHours: s.firstDayHours,
      reasonCode: s.reasonCode,
    })),
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    method: input.method,
  };
}

const dateIn2025 = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2025-01-01', n));
const hours: fc.Arbitrary<number> = fc.constantFrom(0, 0, 3.5, 7.4, 7.5, 12);

const employeeArb = (personId: number): fc.Arbitrary<ReportEmployee> =>
  fc
    .record({
      start: fc.integer({ min: -200, max: 300 }).map((n) => addDays('2025-01-01', n)),
      length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      spells: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 300 }),
          unitPath: fc.constantFrom(...UNITS),
          staffGroup: fc.constantFrom(...GROUPS),
          hours: fc.tuple(hours, hours, hours, hours, hours, hours, hours),
          worksBankHolidays: fc.boolean(),
          annualSalary: fc.option(fc.integer({ min: 18_000, max: 60_000 }), { nil: null }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ start, length, spells }) => {
      const froms = new Set<string>();
      return {
        personId,
        startDate: start,
        endDate: length === null ? null : addDays(start, length),
        spells: spells
          .map((s, i) => ({ ...s, from: i === 0 ? start : addDays(start, s.offset + 1) }))
          .filter((s) => (froms.has(s.from) ? false : (froms.add(s.from), true)))
          .map((s) => {
            const weekly = s.hours.reduce((a, b) => a + b, 0);
            return {
              from: s.from,
              unitPath: s.unitPath,
              staffGroup: s.staffGroup,
              hours: s.hours,
              weeklyHours: weekly > 0 ? weekly : 1,
              worksBankHolidays: s.worksBankHolidays,
              annualSalary: s.annualSalary,
            };
          }),
      };
    });

export const scenario = fc
  .record({
    count: fc.integer({ min: 1, max: 4 }),
    from: dateIn2025,
    length: fc.integer({ min: 0, max: 120 }),
    groupBy: fc.constantFrom<ReportGrouping>(...REPORT_GROUPINGS),
    method: fc.constantFrom<ReportMethod>('hours', 'calendar'),
  })
  .chain(({ count, from, length, groupBy, method }) =>
    fc.record({
      employees: fc.tuple(...Array.from({ length: count }, (_, i) => employeeArb(i + 1))),
      sicknesses: fc.array(
        fc.record({
          personId: fc.integer({ min: 1, max: count }),
          start: dateIn2025,
          length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
          reasonCode: fc.constantFrom('S10', 'S11', 'S13'),
          partial: fc.option(fc.constantFrom(1, 2.5), { nil: null }),
        }),
        { maxLength: 6 },
      ),
      from: fc.constant(from),
      to: fc.constant(addDays(from, length)),
      groupBy: fc.constant(groupBy),
      method: fc.constant(method),
    }),
  )
  .map(({ employees, sicknesses, from, to, groupBy, method }) => {
    // Keep sickness within employment and not overlapping, as the importer guarantees, and a
    // partial first day no longer than the day's scheduled hours.
    const kept: ReportSickness[] = [];
    for (const s of sicknesses) {
      const e = employees.find((x) => x.personId === s.personId);
      if (!e) continue;
      const endDate = s.length === null ? null : addDays(s.start, s.length);
      if (s.start < e.startDate || (e.endDate !== null && (endDate === null || endDate > e.endDate)))
        continue;
      const clash = kept.some(
        (k) =>
          k.personId === s.personId && k.startDate <= (endDate ?? '9999') && s.start <= (k.endDate ?? '9999'),
      );
      if (clash) continue;
      const spell = [...e.spells]
        .filter((x) => x.from <= s.start)
        .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
      const day =
        spell && !(HOLIDAYS.includes(s.start) && !spell.worksBankHolidays)
          ? (spell.hours[weekday(s.start)] ?? 0)
          : 0;
      kept.push({
        personId: s.personId,
        startDate: s.start,
        endDate,
        reasonCode: s.reasonCode,
        firstDayHours: s.partial !== null && s.partial <= day ? s.partial : null,
      });
    }
    const input: ReportInput = {
      organisationSlug: 'org',
      fullTimeHours: 37,
      onCostRate: 0.2,
      bankHolidays: HOLIDAYS,
      employees,
      sicknesses: kept,
      from,
      to,
      groupBy,
      method,
    };
    return input;
  });
