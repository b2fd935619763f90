/**
 * Trends over months (SPEC §4D): the months a trend covers, each month beside the same month a
 * year before (and the change), figures added up over quarters, shares of a whole, and how many
 * people were in a group each month. Plain functions on the absence report's rows; nothing here
 * computes hours, FTE or rates from absences.
 */
import type { ReportRow } from './absence-report.ts';
import { monthEnd } from './dates.ts';
import type { Period } from './scorecard.ts';

const MONTH = /^(\d{4})-(\d{2})$/;

/** A month (YYYY-MM) as a whole number: year × 12 + month − 1. */
export function monthIndex(month: string): number {
  const match = MONTH.exec(month.slice(0, 7));
  if (!match) throw new RangeError(`"${month}" is not a month in the form YYYY-MM`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** The month (YYYY-MM) of a month number from `monthIndex`. */
export function monthFromIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month `by` months after (or, negative, before) a month: ('2025-01', -1) → '2024-12'. */
export function shiftMonth(month: string, by: number): string {
  return monthFromIndex(monthIndex(month) + by);
}

/** The same month a year before: '2025-03' → '2024-03'. */
export function sameMonthLastYear(month: string): string {
  return shiftMonth(month, -12);
}

/** The `count` months ending with `endMonth`, in order. */
export function monthsEnding(endMonth: string, count: number): string[] {
  const last = monthIndex(endMonth);
  return Array.from({ length: count }, (_, i) => monthFromIndex(last - count + 1 + i));
}

/** The whole months from `firstMonth` to `lastMonth` (YYYY-MM) as a period of dates. */
export function periodOfMonths(firstMonth: string, lastMonth: string): Period {
  return { from: `${firstMonth}-01`, to: monthEnd(`${lastMonth}-01`) };
}

/** A change from one value to another, or null when either is missing. */
export function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

export interface MonthComparison {
  month: string;
  /**
   * The absence report's row for the month; null when there is nothing to show: no one was
   * employed in it, or it is before the records begin.
   */
  current: ReportRow | null;
  /** The row for the same month a year before; null on the same terms. */
  lastYear: ReportRow | null;
  /**
   * This month less the same month last year (percentage points, and days lost per FTE): only
   * when both months have figures, so that like is compared with like.
   */
  change: { absenceRatePct: number; daysLostPerFte: number } | null;
}

/**
 * Whether a month's row holds figures: someone was employed in it (hours available), and it is
 * not before the month the records begin (`recordsFrom`, YYYY-MM; null when there are none). A
 * month before the first recorded sickness is not a month of no sickness: it is a month of which
 * nothing is known, and is shown as nothing, not as 0%.
 */
export function monthHasFigures(row: ReportRow | undefined, recordsFrom: string | null): row is ReportRow {
  if (!row || row.hoursAvailable <= 0) return false;
  return recordsFrom !== null && row.group >= recordsFrom;
}

/**
 * Each month beside the same month a year before, from the absence report's rows by month
 * (groups `YYYY-MM`; the TOTAL row is ignored) over a period that starts 12 months before the
 * first month shown. Months without figures (`monthHasFigures`) are null, and have no change.
 */
export function yearOnYear(
  months: readonly string[],
  rows: readonly ReportRow[],
  recordsFrom: string | null,
): MonthComparison[] {
  const byMonth = new Map(rows.filter((r) => r.group !== 'TOTAL').map((r) => [r.group, r]));
  const figuresOf = (month: string): ReportRow | null => {
    const row = byMonth.get(month);
    return monthHasFigures(row, recordsFrom) ? row : null;
  };
  return months.map((month) => {
    const current = figuresOf(month);
    const lastYear = figuresOf(sameMonthLastYear(month));
    return {
      month,
      current,
      lastYear,
      change:
        current && lastYear
          ? {
              absenceRatePct: current.absenceRatePct - lastYear.absenceRatePct,
              daysLostPerFte: current.daysLostPerFte - lastYear.daysLostPerFte,
            }
          : null,
    };
  });
}

export const INTERVALS = ['quarter', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortMonth = (month: string) => SHORT_MONTHS[monthIndex(month) % 12] ?? month;

export interface IntervalOfPeriod {
  /** `2025-Q2` or `2025-04`. */
  key: string;
  /** `Apr to Jun 2025`, or `Apr 2025`; a quarter cut short by the period names its months. */
  label: string;
  /** The months (YYYY-MM) of the interval within the period. */
  months: string[];
  from: string;
  to: string;
}

/** The calendar quarters (or months) a period touches, each cut to the period. */
export function intervalsOf(period: Period, interval: Interval): IntervalOfPeriod[] {
  const first = monthIndex(period.from.slice(0, 7));
  const last = monthIndex(period.to.slice(0, 7));
  const found: IntervalOfPeriod[] = [];
  for (let index = first; index <= last;) {
    const end = interval === 'month' ? index : Math.min(last, index - (index % 3) + 2);
    const months = Array.from({ length: end - index + 1 }, (_, i) => monthFromIndex(index + i));
    const firstMonth = months[0] ?? monthFromIndex(index);
    const lastMonth = months.at(-1) ?? firstMonth;
    const year = firstMonth.slice(0, 4);
    found.push({
      key: interval === 'month' ? firstMonth : `${year}-Q${Math.floor((index % 12) / 3) + 1}`,
      label:
        months.length === 1
          ? `${shortMonth(firstMonth)} ${year}`
          : `${shortMonth(firstMonth)} to ${shortMonth(lastMonth)} ${year}`,
      months,
      from: index === first ? period.from : `${firstMonth}-01`,
      to: end === last ? period.to : monthEnd(`${lastMonth}-01`),
    });
    index = end + 1;
  }
  return found;
}

/** A part as a percentage of a whole; 0 when the whole is 0. */
export function sharePct(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

/** The sum of a figure over some months, from rows by month (a month without a row adds 0). */
export function sumOverMonths(
  rows: readonly ReportRow[],
  months: readonly string[],
  figure: (row: ReportRow) => number,
): number {
  const wanted = new Set(months);
  return rows.reduce((sum, row) => (wanted.has(row.group) ? sum + figure(row) : sum), 0);
}

/** A run of days a person spent in one place, as `presences` in `headcount.ts` gives them. */
interface Stay {
  personId: number;
  from: string;
  to: string;
}

/**
 * How many people were in each group in each month they touch (YYYY-MM), a person counted once
 * in a group's month however many of their stays touch it. `groupOf` places a stay in a group
 * (null: in none). Work grows with the stays, not with people × months: each person's months in
 * a group are merged into runs, and each run adds 1 at its first month and takes it away after
 * its last.
 */
export function monthlyHeadcounts<S extends Stay>(
  stays: readonly S[],
  groupOf: (stay: S) => string | null,
): Map<string, Map<string, number>> {
  const runs = new Map<string, { group: string; ranges: [number, number][] }>();
  for (const stay of stays) {
    const group = groupOf(stay);
    if (group === null || stay.from > stay.to) continue;
    const key = `${group}\u0000${stay.personId}`;
    let found = runs.get(key);
    if (!found) {
      found = { group, ranges: [] };
      runs.set(key, found);
    }
    found.ranges.push([monthIndex(stay.from.slice(0, 7)), monthIndex(stay.to.slice(0, 7))]);
  }
  const steps = new Map<string, Map<number, number>>();
  const step = (group: string, month: number, by: number) => {
    let forGroup = steps.get(group);
    if (!forGroup) {
      forGroup = new Map();
      steps.set(group, forGroup);
    }
    forGroup.set(month, (forGroup.get(month) ?? 0) + by);
  };
  for (const { group, ranges } of runs.values()) {
    ranges.sort((a, b) => a[0] - b[0]);
    let current: [number, number] | null = null;
    for (const range of ranges) {
      if (current && range[0] <= current[1]) {
        current[1] = Math.max(current[1], range[1]);
        continue;
      }
      if (current) {
        step(group, current[0], 1);
        step(group, current[1] + 1, -1);
      }
      current = [range[0], range[1]];
    }
    if (current) {
      step(group, current[0], 1);
      step(group, current[1] + 1, -1);
    }
  }
  const result = new Map<string, Map<string, number>>();
  for (const [group, changes] of steps) {
    const months = [...changes.keys()].sort((a, b) => a - b);
    const counts = new Map<string, number>();
    let people = 0;
    for (let i = 0; i < months.length; i++) {
      const month = months[i] ?? 0;
      people += changes.get(month) ?? 0;
      const next = months[i + 1] ?? month + 1;
      if (people > 0) for (let m = month; m < next; m++) counts.set(monthFromIndex(m), people);
    }
    result.set(group, counts);
  }
  return result;
}

/** How many people were in each group at any time, from their stays. */
export function headcountsByGroup<S extends Stay>(
  stays: readonly S[],
  groupOf: (stay: S) => string | null,
): Map<string, number> {
  const people = new Map<string, Set<number>>();
  for (const stay of stays) {
    const group = groupOf(stay);
    if (group === null || stay.from > stay.to) continue;
    let found = people.get(group);
    if (!found) {
      found = new Set();
      people.set(group, found);
    }
    found.add(stay.personId);
  }
  return new Map([...people].map(([group, ids]) => [group, ids.size]));
}
