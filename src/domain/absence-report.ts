/**
 * The absence report engine: the figures of SPEC §6 for any period and grouping, computed from
 * employment spells, sickness absences and bank holidays with calendar arithmetic (weekdays
 * counted per range, bank holidays subtracted), never day by day. The inputs are loaded in a
 * few set-based queries; this module does no I/O.
 */

export const REPORT_GROUPINGS = [
  'organisation',
  'directorate',
  'unit',
  'staff-group',
  'reason',
  'month',
] as const;
import { fromDayNumber, toDayNumber } from './dates.ts';

export { toDayNumber as dayNumber };

export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const REPORT_METHODS = ['hours', 'calendar'] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

/** Employment terms in force from `from` until the next spell (or for good). */
export interface ReportSpell {
  from: string;
  /** The unit's id, where the spell comes from the database (the monthly summary keys on it). */
  unitId?: number;
  unitPath: string;
  staffGroup: string | null;
  weeklyHours: number;
  /** Hours Monday to Sunday. */
  hours: readonly [number, number, number, number, number, number, number];
  worksBankHolidays: boolean;
  annualSalary: number | null;
}

/** Hours on each day of the week, as employment terms are kept. */
export interface WeekdayHours {
  hoursMon: number;
  hoursTue: number;
  hoursWed: number;
  hoursThu: number;
  hoursFri: number;
  hoursSat: number;
  hoursSun: number;
}

/** The terms' hours Monday to Sunday. */
export function weekOfHours(terms: WeekdayHours): ReportSpell['hours'] {
  return [
    terms.hoursMon,
    terms.hoursTue,
    terms.hoursWed,
    terms.hoursThu,
    terms.hoursFri,
    terms.hoursSat,
    terms.hoursSun,
  ];
}

export interface ReportEmployee {
  personId: number;
  startDate: string;
  endDate: string | null;
  /** In any order; the engine sorts them. */
  spells: readonly ReportSpell[];
}

export interface ReportSickness {
  personId: number;
  startDate: string;
  endDate: string | null;
  reasonCode: string;
  firstDayHours: number | null;
}

export interface ReportInput {
  organisationSlug: string;
  fullTimeHours: number;
  onCostRate: number;
  /** Bank holidays of the organisation's region (YYYY-MM-DD). */
  bankHolidays: Iterable<string>;
  employees: readonly ReportEmployee[];
  sicknesses: readonly ReportSickness[];
  from: string;
  to: string;
  groupBy: ReportGrouping;
  method: ReportMethod;
  /** Only days in this unit or below it (a unit path). */
  unitPath?: string | null;
  /** Only days in this staff group. */
  staffGroup?: string | null;
  /** Only sickness with this ESR reason code; the denominators stay the population's. */
  reasonCode?: string | null;
}

export interface ReportRow {
  group: string;
  averageFte: number;
  hoursAvailable: number;
  hoursLost: number;
  fteDaysLost: number;
  /** Calendar method: FTE days available. */
  fteDaysAvailable: number;
  daysLostPerFte: number;
  absenceRatePct: number;
  episodes: number;
  shortTermEpisodes: number;
  longTermEpisodes: number;
  costGbp: number;
}

/** An episode is long term when it lasts this many calendar days or more. */
export const LONG_TERM_DAYS = 28;

// ------------------------------------------------------------------ calendar arithmetic

const MS_PER_DAY = 86_400_000;

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** How many of each weekday (Monday first) fall in the inclusive range of day numbers. */
function weekdayCounts(first: number, last: number): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  const days = last - first + 1;
  if (days <= 0) return counts;
  const whole = Math.floor(days / 7);
  for (let i = 0; i < 7; i++) counts[i] = whole;
  const start = weekdayIndex(first);
  for (let i = 0; i < days % 7; i++) counts[(start + i) % 7] = (counts[(start + i) % 7] ?? 0) + 1;
  return counts;
}

/** Sorted bank-holiday day numbers with a binary search for those in a range. */
export class BankHolidayCalendar {
  private readonly days: number[];
  constructor(dates: Iterable<string>) {
    this.days = [...new Set([...dates].map(toDayNumber))].sort((a, b) => a - b);
  }
  private lowerBound(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.days[mid] ?? Infinity) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  *within(first: number, last: number): Generator<number> {
    for (let i = this.lowerBound(first); i < this.days.length && (this.days[i] ?? Infinity) <= last; i++) {
      yield this.days[i] ?? 0;
    }
  }
  has(day: number): boolean {
    const i = this.lowerBound(day);
    return this.days[i] === day;
  }
}

/** Scheduled hours over an inclusive range of days under one set of terms (SPEC §6). */
export function scheduledHoursIn(
  spell: ReportSpell,
  first: number,
  last: number,
  holidays: BankHolidayCalendar,
): number {
  if (last < first) return 0;
  const counts = weekdayCounts(first, last);
  let total = 0;
  for (let i = 0; i < 7; i++) total += (counts[i] ?? 0) * (spell.hours[i] ?? 0);
  if (!spell.worksBankHolidays) {
    for (const day of holidays.within(first, last)) total -= spell.hours[weekdayIndex(day)] ?? 0;
  }
  return total;
}

export function scheduledHoursOn(spell: ReportSpell, day: number, holidays: BankHolidayCalendar): number {
  if (!spell.worksBankHolidays && holidays.has(day)) return 0;
  return spell.hours[weekdayIndex(day)] ?? 0;
}

// ------------------------------------------------------------------ segments

/** A run of days over which one employee's terms and group stay the same. */
export interface Segment {
  personId: number;
  first: number;
  last: number;
  spell: ReportSpell;
  /** The row period (month rows) the segment lies in; the whole report otherwise. */
  rowPeriod: Period;
}

export interface Period {
  key: string;
  first: number;
  last: number;
}

export function monthPeriods(first: number, last: number): Period[] {
  const periods: Period[] = [];
  let cursor = first;
  while (cursor <= last) {
    const date = fromDayNumber(cursor);
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    const nextMonth = Math.round(Date.UTC(year, month, 1) / MS_PER_DAY);
    const end = Math.min(nextMonth - 1, last);
    periods.push({ key: date.slice(0, 7), first: cursor, last: end });
    cursor = end + 1;
  }
  return periods;
}

/**
 * Each employee's days in the report period, employed, cut into segments at every change of
 * terms and (for month rows) at month boundaries.
 */
export function segmentsOf(employee: ReportEmployee, periods: readonly Period[]): Segment[] {
  const spells = [...employee.spells].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const employedFirst = toDayNumber(employee.startDate);
  const employedLast = employee.endDate ? toDayNumber(employee.endDate) : Infinity;
  const segments: Segment[] = [];
  for (let i = 0; i < spells.length; i++) {
    const spell = spells[i];
    if (!spell) continue;
    const next = spells[i + 1];
    const spellFirst = toDayNumber(spell.from);
    const spellLast = next ? toDayNumber(next.from) - 1 : Infinity;
    for (const period of periods) {
      const first = Math.max(spellFirst, employedFirst, period.first);
      const last = Math.min(spellLast, employedLast, period.last);
      if (first <= last)
        segments.push({ personId: employee.personId, first, last, spell, rowPeriod: period });
    }
  }
  return segments;
}

export function directorateOf(unitPath: string): string {
  const i = unitPath.indexOf(' > ');
  return i === -1 ? unitPath : unitPath.slice(0, i);
}

// ------------------------------------------------------------------ the report

export interface Accumulator {
  hoursAvailable: number;
  fteDays: number;
  hoursLost: number;
  fteDaysLostCalendar: number;
  cost: number;
  episodes: number;
  longTerm: number;
  /** Days in the row's period, for its average FTE. */
  periodDays: number;
}

export function emptyAccumulator(periodDays: number): Accumulator {
  return {
    hoursAvailable: 0,
    fteDays: 0,
    hoursLost: 0,
    fteDaysLostCalendar: 0,
    cost: 0,
    episodes: 0,
    longTerm: 0,
    periodDays,
  };
}

/** Cost of hours lost (SPEC §6): hours × salary / (365/7) / weekly hours, plus on-costs. */
export function costOfHours(
  hours: number,
  spell: Pick<ReportSpell, 'annualSalary' | 'weeklyHours'>,
  onCostRate: number,
) {
  if (spell.annualSalary === null || spell.weeklyHours <= 0) return 0;
  return ((hours * spell.annualSalary) / (365 / 7) / spell.weeklyHours) * (1 + onCostRate);
}

/**
 * One row of the report from its sums: the group's own numerators over the denominators (the
 * group's, or the whole population's when grouped by reason). Division by zero gives 0.
 */
export function reportRow(
  group: string,
  a: Accumulator,
  denominators: Accumulator,
  F: number,
  method: ReportMethod,
): ReportRow {
  const averageFte = denominators.periodDays > 0 ? denominators.fteDays / denominators.periodDays : 0;
  const calendar = method === 'calendar';
  const fteDaysLost = calendar ? a.fteDaysLostCalendar : a.hoursLost / (F / 5);
  const rate = calendar
    ? denominators.fteDays > 0
      ? (100 * a.fteDaysLostCalendar) / denominators.fteDays
      : 0
    : denominators.hoursAvailable > 0
      ? (100 * a.hoursLost) / denominators.hoursAvailable
      : 0;
  return {
    group,
    averageFte,
    hoursAvailable: denominators.hoursAvailable,
    hoursLost: a.hoursLost,
    fteDaysLost,
    fteDaysAvailable: denominators.fteDays,
    daysLostPerFte: averageFte > 0 ? fteDaysLost / averageFte : 0,
    absenceRatePct: rate,
    episodes: a.episodes,
    shortTermEpisodes: a.episodes - a.longTerm,
    longTermEpisodes: a.longTerm,
    costGbp: a.cost,
  };
}

/** The sums a report is finished from: one accumulator per group, and the total. */
export interface ReportSums {
  groups: Map<string, Accumulator>;
  total: Accumulator;
}

/**
 * Computes the absence report: one row per group (sorted by group) and a final TOTAL row.
 * Division by zero (no one employed, no hours available) gives 0.
 */
export function absenceReport(input: ReportInput): ReportRow[] {
  return finishReport(sumReport(input), input.groupBy, input.fullTimeHours, input.method);
}

/**
 * The sums of the absence report for its period. When the period is one piece of a longer report
 * (`addReportSums`), `judgedOn` is that report's last day: an open episode is long term by then,
 * in the total and in every row, month rows included.
 */
export function sumReport(input: ReportInput, judgedOn: string = input.to): ReportSums {
  const reportFirst = toDayNumber(input.from);
  const reportLast = toDayNumber(input.to);
  if (reportLast < reportFirst) throw new RangeError('The report period ends before it starts');
  const judgedLast = toDayNumber(judgedOn);
  const holidays = new BankHolidayCalendar(input.bankHolidays);
  const whole: Period = { key: 'TOTAL', first: reportFirst, last: reportLast };
  const rowPeriods = input.groupBy === 'month' ? monthPeriods(reportFirst, reportLast) : [whole];
  const F = input.fullTimeHours;

  const groups = new Map<string, Accumulator>();
  const total = emptyAccumulator(reportLast - reportFirst + 1);
  const accumulatorFor = (key: string, period: Period) => {
    let found = groups.get(key);
    if (!found) {
      found = emptyAccumulator(period.last - period.first + 1);
      groups.set(key, found);
    }
    return found;
  };
  const groupKey = (segment: Segment): string => {
    switch (input.groupBy) {
      case 'organisation':
        return input.organisationSlug;
      case 'directorate':
        return directorateOf(segment.spell.unitPath);
      case 'unit':
        return segment.spell.unitPath;
      case 'staff-group':
        return segment.spell.staffGroup ?? '';
      case 'month':
        return segment.rowPeriod.key;
      case 'reason':
        return 'all';
      default: {
        const unknown: never = input.groupBy;
        throw new Error(`Unknown grouping ${String(unknown)}`);
      }
    }
  };

  // Denominators: hours available and FTE-days, per group and in total.
  const segmentsByPerson = new Map<number, Segment[]>();
  const unitFilter = input.unitPath ?? null;
  const staffGroupFilter = input.staffGroup ?? null;
  const inFilter = (segment: Segment) =>
    (unitFilter === null ||
      segment.spell.unitPath === unitFilter ||
      segment.spell.unitPath.startsWith(`${unitFilter} > `)) &&
    (staffGroupFilter === null || segment.spell.staffGroup === staffGroupFilter);
  for (const employee of input.employees) {
    const segments = segmentsOf(employee, rowPeriods).filter(inFilter);
    segmentsByPerson.set(employee.personId, segments);
    for (const segment of segments) {
      const available = scheduledHoursIn(segment.spell, segment.first, segment.last, holidays);
      const fteDays = ((segment.last - segment.first + 1) * segment.spell.weeklyHours) / F;
      total.hoursAvailable += available;
      total.fteDays += fteDays;
      if (input.groupBy !== 'reason') {
        const group = accumulatorFor(groupKey(segment), segment.rowPeriod);
        group.hoursAvailable += available;
        group.fteDays += fteDays;
      }
    }
  }

  // Sickness: hours lost on each day in the group of that day; episodes where they start.
  for (const sickness of input.sicknesses) {
    if (input.reasonCode && sickness.reasonCode !== input.reasonCode) continue;
    const segments = segmentsByPerson.get(sickness.personId);
    if (!segments) continue;
    const start = toDayNumber(sickness.startDate);
    const end = sickness.endDate ? toDayNumber(sickness.endDate) : Infinity;
    for (const segment of segments) {
      const first = Math.max(start, segment.first);
      const last = Math.min(end, segment.last);
      if (first > last) continue;
      let lost = scheduledHoursIn(segment.spell, first, last, holidays);
      if (first === start && sickness.firstDayHours !== null) {
        lost += sickness.firstDayHours - scheduledHoursOn(segment.spell, start, holidays);
      }
      const fteDaysLost = ((last - first + 1) * segment.spell.weeklyHours) / F;
      const cost = costOfHours(lost, segment.spell, input.onCostRate);
      total.hoursLost += lost;
      total.fteDaysLostCalendar += fteDaysLost;
      total.cost += cost;
      const key = input.groupBy === 'reason' ? sickness.reasonCode : groupKey(segment);
      const group = input.groupBy === 'reason' ? accumulatorFor(key, whole) : groups.get(key);
      if (group) {
        group.hoursLost += lost;
        group.fteDaysLostCalendar += fteDaysLost;
        group.cost += cost;
      }
    }
    // The episode counts in the period it starts, in the group of its start date.
    if (start < reportFirst || start > reportLast) continue;
    const startSegment = segments.find((s) => s.first <= start && start <= s.last);
    if (!startSegment) continue;
    const isLong = (periodLast: number) => Math.min(end, periodLast) - start + 1 >= LONG_TERM_DAYS;
    // Judged once, at the end of the report: the same in the total and in every row, by month too.
    const longTerm = sickness.endDate ? isLong(end) : isLong(judgedLast);
    total.episodes += 1;
    if (longTerm) total.longTerm += 1;
    const key = input.groupBy === 'reason' ? sickness.reasonCode : groupKey(startSegment);
    const group = input.groupBy === 'reason' ? accumulatorFor(key, whole) : groups.get(key);
    if (group) {
      group.episodes += 1;
      if (longTerm) group.longTerm += 1;
    }
  }

  return { groups, total };
}

/** The report's rows from its sums: one per group, sorted by group, then TOTAL. */
export function finishReport(
  sums: ReportSums,
  groupBy: ReportGrouping,
  fullTimeHours: number,
  method: ReportMethod,
): ReportRow[] {
  const { groups, total } = sums;
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = keys.map((key) => {
    const group = groups.get(key) ?? emptyAccumulator(0);
    return reportRow(key, group, groupBy === 'reason' ? total : group, fullTimeHours, method);
  });
  rows.push(reportRow('TOTAL', total, total, fullTimeHours, method));
  return rows;
}

/**
 * The sums of a report whose period is made of pieces (consecutive, not overlapping), from the
 * sums of each piece: every figure adds up, each episode having been counted in the piece it
 * started in. A month's row lies in one piece and keeps its days; every other row, and the total,
 * spans the whole report's `reportDays`.
 */
export function addReportSums(
  pieces: readonly ReportSums[],
  groupBy: ReportGrouping,
  reportDays: number,
): ReportSums {
  const add = (into: Accumulator, from: Accumulator) => {
    into.hoursAvailable += from.hoursAvailable;
    into.fteDays += from.fteDays;
    into.hoursLost += from.hoursLost;
    into.fteDaysLostCalendar += from.fteDaysLostCalendar;
    into.cost += from.cost;
    into.episodes += from.episodes;
    into.longTerm += from.longTerm;
  };
  const groups = new Map<string, Accumulator>();
  const total = emptyAccumulator(reportDays);
  for (const piece of pieces) {
    add(total, piece.total);
    for (const [key, sums] of piece.groups) {
      let group = groups.get(key);
      if (!group) {
        group = emptyAccumulator(groupBy === 'month' ? sums.periodDays : reportDays);
        groups.set(key, group);
      }
      add(group, sums);
    }
  }
  return { groups, total };
}
