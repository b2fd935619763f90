/**
 * The report engine against an obviously-correct day-by-day computation of SPEC §6, on random
 * workforces: patterns, bank holidays, joiners and leavers, moves between units, open
 * absences, partial first days, every grouping and both methods.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  absenceReport,
  REPORT_GROUPINGS,
  type ReportEmployee,
  type ReportGrouping,
  type ReportInput,
  type ReportMethod,
  type ReportSickness,
} from './absence-report.ts';
import { addDays, daysInclusive, toDayNumber } from './dates.ts';

const UNITS = ['Care > North', 'Care > South', 'Place > Waste', 'Place'];
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

/** SPEC §6 by brute force, one day at a time. */
function reference(input: ReportInput) {
  const F = input.fullTimeHours;
  const days: string[] = [];
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) days.push(d);
  const holidays = new Set(input.bankHolidays);
  const spellOn = (e: ReportEmployee, d: string) => {
    if (d < e.startDate || (e.endDate !== null && d > e.endDate)) return null;
    const begun = [...e.spells].filter((s) => s.from <= d).sort((a, b) => (a.from < b.from ? 1 : -1));
    return begun[0] ?? null;
  };
  const scheduled = (e: ReportEmployee, d: string) => {
    const s = spellOn(e, d);
    if (!s) return 0;
    if (!s.worksBankHolidays && holidays.has(d)) return 0;
    return s.hours[weekday(d)] ?? 0;
  };
  const key = (e: ReportEmployee, d: string, month: string): string | null => {
    const s = spellOn(e, d);
    if (!s) return null;
    switch (input.groupBy) {
      case 'organisation':
        return input.organisationSlug;
      case 'directorate':
        return s.unitPath.split(' > ')[0] ?? '';
      case 'unit':
        return s.unitPath;
      case 'staff-group':
        return s.staffGroup ?? '';
      case 'month':
        return month;
      case 'reason':
        return null;
    }
  };
  type Acc = {
    avail: number;
    fteDays: number;
    lost: number;
    lostCal: number;
    cost: number;
    eps: number;
    long: number;
    days: number;
  };
  const acc = () => ({ avail: 0, fteDays: 0, lost: 0, lostCal: 0, cost: 0, eps: 0, long: 0, days: 0 });
  const groups = new Map<string, Acc>();
  const total = acc();
  total.days = days.length;
  const get = (k: string, periodDays: number) => {
    let a = groups.get(k);
    if (!a) {
      a = acc();
      a.days = periodDays;
      groups.set(k, a);
    }
    return a;
  };
  const monthDays = (m: string) => days.filter((d) => d.startsWith(m)).length;
  for (const e of input.employees) {
    for (const d of days) {
      const s = spellOn(e, d);
      if (!s) continue;
      const h = scheduled(e, d);
      total.avail += h;
      total.fteDays += s.weeklyHours / F;
      const k = key(e, d, d.slice(0, 7));
      if (k !== null) {
        const a = get(k, input.groupBy === 'month' ? monthDays(d.slice(0, 7)) : days.length);
        a.avail += h;
        a.fteDays += s.weeklyHours / F;
      }
    }
  }
  for (const sick of input.sicknesses) {
    const e = input.employees.find((x) => x.personId === sick.personId);
    if (!e) continue;
    for (const d of days) {
      if (d < sick.startDate || (sick.endDate !== null && d > sick.endDate)) continue;
      const s = spellOn(e, d);
      if (!s) continue;
      const h = d === sick.startDate && sick.firstDayHours !== null ? sick.firstDayHours : scheduled(e, d);
      const cost =
        s.annualSalary === null
          ? 0
          : ((h * s.annualSalary) / (365 / 7) / s.weeklyHours) * (1 + input.onCostRate);
      total.lost += h;
      total.lostCal += s.weeklyHours / F;
      total.cost += cost;
      const k = input.groupBy === 'reason' ? sick.reasonCode : key(e, d, d.slice(0, 7));
      if (k !== null) {
        const a = get(k, days.length);
        a.lost += h;
        a.lostCal += s.weeklyHours / F;
        a.cost += cost;
      }
    }
    if (sick.startDate >= input.from && sick.startDate <= input.to && spellOn(e, sick.startDate)) {
      const rowEnd =
        input.groupBy === 'month'
          ? addDays(addDays(`${sick.startDate.slice(0, 7)}-01`, 32).slice(0, 8) + '01', -1)
          : input.to;
      const end = (last: string) => sick.endDate ?? (last < input.to ? last : input.to);
      total.eps += 1;
      if (daysInclusive(sick.startDate, end(input.to)) >= 28) total.long += 1;
      const k =
        input.groupBy === 'reason' ? sick.reasonCode : key(e, sick.startDate, sick.startDate.slice(0, 7));
      if (k !== null) {
        const a = get(k, days.length);
        a.eps += 1;
        if (daysInclusive(sick.startDate, end(rowEnd)) >= 28) a.long += 1;
      }
    }
  }
  const finish = (a: Acc, den: Acc) => {
    const avgFte = den.days > 0 ? den.fteDays / den.days : 0;
    const lost = input.method === 'calendar' ? a.lostCal : a.lost / (F / 5);
    return {
      averageFte: avgFte,
      hoursAvailable: den.avail,
      hoursLost: a.lost,
      fteDaysLost: lost,
      daysLostPerFte: avgFte > 0 ? lost / avgFte : 0,
      absenceRatePct:
        input.method === 'calendar'
          ? den.fteDays > 0
            ? (100 * a.lostCal) / den.fteDays
            : 0
          : den.avail > 0
            ? (100 * a.lost) / den.avail
            : 0,
      episodes: a.eps,
      longTermEpisodes: a.long,
      costGbp: a.cost,
    };
  };
  const rows = new Map<string, ReturnType<typeof finish>>();
  for (const [k, a] of groups) rows.set(k, finish(a, input.groupBy === 'reason' ? total : a));
  rows.set('TOTAL', finish(total, total));
  return rows;
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

const scenario = fc
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

test('the report equals the day-by-day computation of SPEC §6 on random workforces', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const expected = reference(input);
      const actual = absenceReport(input);
      assert.deepEqual(actual.map((r) => r.group).sort(), [...expected.keys()].sort(), 'the same groups');
      for (const row of actual) {
        const want = expected.get(row.group);
        assert.ok(want);
        for (const [field, value] of Object.entries(want)) {
          const got = row[field as keyof typeof row] as number;
          assert.ok(Math.abs(got - value) < 1e-6, `${row.group} ${field}: ${got} ≠ ${value}`);
        }
        assert.equal(row.shortTermEpisodes, want.episodes - want.longTermEpisodes);
      }
    }),
    { numRuns: 300, seed: 20261123 },
  );
});
