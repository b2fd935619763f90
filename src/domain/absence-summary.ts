/**
 * The monthly summary behind the absence report at scale. For each month, unit and staff group it
 * keeps the sums the report is made of — hours available, weekly-hour-days (FTE-days × F), and
 * for each sickness reason the hours lost, weekly-hour-days lost, cost before on-costs, episodes
 * and long-term episodes — so that a report over whole months adds up a few thousand cells
 * instead of walking every person's days. Open episodes are not summed: whether one is long term
 * depends on where the report ends, so they are listed and judged when the report is made.
 *
 * The sums are made by the same segment arithmetic as the report itself (`absence-report.ts`),
 * and `reportFromSummary` finishes them with the same `reportRow`, so a report from the summary
 * equals the report computed directly for any period of whole months.
 */
import {
  addReportSums,
  BankHolidayCalendar,
  costOfHours,
  directorateOf,
  emptyAccumulator,
  finishReport,
  LONG_TERM_DAYS,
  monthPeriods,
  scheduledHoursIn,
  scheduledHoursOn,
  segmentsOf,
  sumReport,
  type Accumulator,
  type ReportEmployee,
  type ReportGrouping,
  type ReportInput,
  type ReportMethod,
  type ReportRow,
  type ReportSickness,
  type ReportSums,
} from './absence-report.ts';
import { addDays, fromDayNumber, toDayNumber } from './dates.ts';

/** Hours available in one month, unit and staff group ('' for none). */
export interface AvailableCell {
  /** The first day of the month, YYYY-MM-01. */
  month: string;
  unitId: number;
  staffGroup: string;
  hoursAvailable: number;
  /** Σ days employed × weekly hours: FTE-days times the organisation's full-time hours. */
  weeklyHourDays: number;
}

/** Sickness in one month, unit, staff group and reason; episodes that ended, where they started. */
export interface SicknessCell {
  month: string;
  unitId: number;
  staffGroup: string;
  reasonCode: string;
  hoursLost: number;
  /** Σ calendar days of sickness × weekly hours (the calendar-day method's FTE-days × F). */
  weeklyHourDaysLost: number;
  /** Cost of the hours lost before the organisation's on-cost rate. */
  costBase: number;
  /** Episodes that have ended, counted in the month, unit and staff group they started in. */
  episodes: number;
  longTermEpisodes: number;
}

/** An episode still open, where it started. */
export interface OpenEpisode {
  startDate: string;
  unitId: number;
  staffGroup: string;
  reasonCode: string;
}

export interface MonthlySummary {
  available: Map<string, AvailableCell>;
  sickness: Map<string, SicknessCell>;
  openEpisodes: OpenEpisode[];
}

export function emptySummary(): MonthlySummary {
  return { available: new Map(), sickness: new Map(), openEpisodes: [] };
}

/** The first day of the month of a date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The last day of the month that begins on `month`. */
export function lastDayOfMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
}

/** Whether a period is whole months: from the first of a month to the last day of a month. */
export function isWholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && lastDayOfMonth(monthOf(to)) === to && from <= to;
}

/**
 * Adds the months `firstMonth`…`lastMonth` of these employees and their sickness to the summary,
 * keeping only days in the units `includeUnit` accepts. Employees can be added in batches: a
 * person's sickness must come in the same batch as the person.
 */
export function summariseMonths(
  summary: MonthlySummary,
  input: {
    employees: readonly ReportEmployee[];
    sicknesses: readonly ReportSickness[];
    firstMonth: string;
    lastMonth: string;
    bankHolidays: BankHolidayCalendar;
    includeUnit?: (unitId: number) => boolean;
  },
): void {
  const first = toDayNumber(input.firstMonth);
  const last = toDayNumber(lastDayOfMonth(input.lastMonth));
  if (last < first) return;
  const periods = monthPeriods(first, last);
  const holidays = input.bankHolidays;
  const include = input.includeUnit ?? (() => true);
  const segmentsByPerson = new Map<number, ReturnType<typeof segmentsOf>>();

  for (const employee of input.employees) {
    const segments = segmentsOf(employee, periods).filter((s) => {
      if (s.spell.unitId === undefined) throw new Error('The monthly summary needs each spell’s unit id');
      return include(s.spell.unitId);
    });
    segmentsByPerson.set(employee.personId, segments);
    for (const segment of segments) {
      const month = `${segment.rowPeriod.key}-01`;
      const unitId = segment.spell.unitId ?? 0;
      const staffGroup = segment.spell.staffGroup ?? '';
      const key = `${month}|${unitId}|${staffGroup}`;
      let cell = summary.available.get(key);
      if (!cell) {
        cell = { month, unitId, staffGroup, hoursAvailable: 0, weeklyHourDays: 0 };
        summary.available.set(key, cell);
      }
      cell.hoursAvailable += scheduledHoursIn(segment.spell, segment.first, segment.last, holidays);
      cell.weeklyHourDays += (segment.last - segment.first + 1) * segment.spell.weeklyHours;
    }
  }

  for (const sickness of input.sicknesses) {
    const segments = segmentsByPerson.get(sickness.personId);
    if (!segments) continue;
    const start = toDayNumber(sickness.startDate);
    const end = sickness.endDate ? toDayNumber(sickness.endDate) : Infinity;
    for (const segment of segments) {
      const dayFirst = Math.max(start, segment.first);
      const dayLast = Math.min(end, segment.last);
      if (dayFirst > dayLast) continue;
      let lost = scheduledHoursIn(segment.spell, dayFirst, dayLast, holidays);
      if (dayFirst === start && sickness.firstDayHours !== null) {
        lost += sickness.firstDayHours - scheduledHoursOn(segment.spell, start, holidays);
      }
      const cell = sicknessCell(summary, segment, sickness.reasonCode);
      cell.hoursLost += lost;
      cell.weeklyHourDaysLost += (dayLast - dayFirst + 1) * segment.spell.weeklyHours;
      cell.costBase += costOfHours(lost, segment.spell, 0);
    }
    const startSegment = segments.find((s) => s.first <= start && start <= s.last);
    if (!startSegment) continue;
    if (sickness.endDate === null) {
      summary.openEpisodes.push({
        startDate: sickness.startDate,
        unitId: startSegment.spell.unitId ?? 0,
        staffGroup: startSegment.spell.staffGroup ?? '',
        reasonCode: sickness.reasonCode,
      });
    } else {
      const cell = sicknessCell(summary, startSegment, sickness.reasonCode);
      cell.episodes += 1;
      if (end - start + 1 >= LONG_TERM_DAYS) cell.longTermEpisodes += 1;
    }
  }
}

function sicknessCell(
  summary: MonthlySummary,
  segment: ReturnType<typeof segmentsOf>[number],
  reasonCode: string,
): SicknessCell {
  const month = `${segment.rowPeriod.key}-01`;
  const unitId = segment.spell.unitId ?? 0;
  const staffGroup = segment.spell.staffGroup ?? '';
  const key = `${month}|${unitId}|${staffGroup}|${reasonCode}`;
  let cell = summary.sickness.get(key);
  if (!cell) {
    cell = {
      month,
      unitId,
      staffGroup,
      reasonCode,
      hoursLost: 0,
      weeklyHourDaysLost: 0,
      costBase: 0,
      episodes: 0,
      longTermEpisodes: 0,
    };
    summary.sickness.set(key, cell);
  }
  return cell;
}

export interface SummaryReportInput {
  organisationSlug: string;
  fullTimeHours: number;
  onCostRate: number;
  /** Whole months: the first of a month … the last day of a month. */
  from: string;
  to: string;
  groupBy: ReportGrouping;
  method: ReportMethod;
  /** Each unit's full path, for grouping by unit and directorate. */
  unitPaths: ReadonlyMap<number, string>;
  /** Only these units (a unit and those within it), when the report is for part of the organisation. */
  unitIds?: ReadonlySet<number> | null;
  staffGroup?: string | null;
  reasonCode?: string | null;
}

export interface SummaryCells {
  available: Iterable<AvailableCell>;
  sickness: Iterable<SicknessCell>;
  openEpisodes: Iterable<OpenEpisode>;
}

/**
 * The absence report from the summary's cells for a period of whole months: the same rows, in
 * the same order, as `absenceReport` on the underlying records.
 */
export function reportFromSummary(cells: SummaryCells, input: SummaryReportInput): ReportRow[] {
  return finishReport(sumSummary(cells, input), input.groupBy, input.fullTimeHours, input.method);
}

/**
 * The report's sums from the summary's cells for a period of whole months. When the months are
 * one piece of a longer report (`addReportSums`), `judgedOn` is that report's last day, by which
 * an open episode is judged long term, in the total and in every row, month rows included.
 */
export function sumSummary(cells: SummaryCells, input: SummaryReportInput, judgedOn = input.to): ReportSums {
  if (!isWholeMonths(input.from, input.to)) throw new RangeError('The summary holds whole months only');
  const F = input.fullTimeHours;
  const firstMonth = input.from;
  const lastMonth = monthOf(input.to);
  const reportDays = toDayNumber(input.to) - toDayNumber(input.from) + 1;
  const inPeriod = (month: string) => month >= firstMonth && month <= lastMonth;
  const inFilter = (cell: { unitId: number; staffGroup: string }) =>
    (!input.unitIds || input.unitIds.has(cell.unitId)) &&
    (!input.staffGroup || cell.staffGroup === input.staffGroup);
  const pathOf = (unitId: number) => input.unitPaths.get(unitId) ?? '';
  const groupKey = (cell: { month: string; unitId: number; staffGroup: string }): string => {
    switch (input.groupBy) {
      case 'organisation':
        return input.organisationSlug;
      case 'directorate':
        return directorateOf(pathOf(cell.unitId));
      case 'unit':
        return pathOf(cell.unitId);
      case 'staff-group':
        return cell.staffGroup;
      case 'month':
        return cell.month.slice(0, 7);
      case 'reason':
        return 'all';
      default: {
        const unknown: never = input.groupBy;
        throw new Error(`Unknown grouping ${String(unknown)}`);
      }
    }
  };
  const daysOfGroup = (cell: { month: string }) =>
    input.groupBy === 'month'
      ? toDayNumber(lastDayOfMonth(cell.month)) - toDayNumber(cell.month) + 1
      : reportDays;

  const total = emptyAccumulator(reportDays);
  const groups = new Map<string, Accumulator>();
  for (const cell of cells.available) {
    if (!inPeriod(cell.month) || !inFilter(cell)) continue;
    total.hoursAvailable += cell.hoursAvailable;
    total.fteDays += cell.weeklyHourDays / F;
    if (input.groupBy === 'reason') continue;
    const key = groupKey(cell);
    let group = groups.get(key);
    if (!group) {
      group = emptyAccumulator(daysOfGroup(cell));
      groups.set(key, group);
    }
    group.hoursAvailable += cell.hoursAvailable;
    group.fteDays += cell.weeklyHourDays / F;
  }
  const groupOf = (key: string) => {
    if (input.groupBy !== 'reason') return groups.get(key);
    let group = groups.get(key);
    if (!group) {
      group = emptyAccumulator(reportDays);
      groups.set(key, group);
    }
    return group;
  };
  const reasonMatches = (reasonCode: string) => !input.reasonCode || reasonCode === input.reasonCode;
  for (const cell of cells.sickness) {
    if (!inPeriod(cell.month) || !inFilter(cell) || !reasonMatches(cell.reasonCode)) continue;
    const cost = cell.costBase * (1 + input.onCostRate);
    total.hoursLost += cell.hoursLost;
    total.fteDaysLostCalendar += cell.weeklyHourDaysLost / F;
    total.cost += cost;
    total.episodes += cell.episodes;
    total.longTerm += cell.longTermEpisodes;
    const group = groupOf(input.groupBy === 'reason' ? cell.reasonCode : groupKey(cell));
    if (!group) continue;
    group.hoursLost += cell.hoursLost;
    group.fteDaysLostCalendar += cell.weeklyHourDaysLost / F;
    group.cost += cost;
    group.episodes += cell.episodes;
    group.longTerm += cell.longTermEpisodes;
  }
  const reportLast = toDayNumber(judgedOn);
  for (const episode of cells.openEpisodes) {
    const month = monthOf(episode.startDate);
    if (!inPeriod(month) || !inFilter(episode) || !reasonMatches(episode.reasonCode)) continue;
    const start = toDayNumber(episode.startDate);
    const longTerm = reportLast - start + 1 >= LONG_TERM_DAYS;
    total.episodes += 1;
    if (longTerm) total.longTerm += 1;
    const cell = { month, unitId: episode.unitId, staffGroup: episode.staffGroup };
    const group = groupOf(input.groupBy === 'reason' ? episode.reasonCode : groupKey(cell));
    if (!group) continue;
    group.episodes += 1;
    if (longTerm) group.longTerm += 1;
  }

  return { groups, total };
}

/** The months from one month to another, both included, as YYYY-MM-01. */
export function monthsBetween(firstMonth: string, lastMonth: string): string[] {
  const months: string[] = [];
  let day = toDayNumber(firstMonth);
  const last = toDayNumber(lastMonth);
  while (day <= last) {
    const month = fromDayNumber(day);
    months.push(month);
    day = toDayNumber(lastDayOfMonth(month)) + 1;
  }
  return months;
}

export interface PeriodPieces {
  /** The days before the first whole month, if the period starts within a month. */
  head: { from: string; to: string } | null;
  /** The whole months the summary holds, if there are any. */
  months: { from: string; to: string } | null;
  /** The days after the last whole month the summary holds. */
  tail: { from: string; to: string } | null;
}

/**
 * A period cut into the whole months the summary can answer (none after `lastMonth`, the month
 * the summary is kept to) and the part months either side, which are worked out from the records.
 */
export function piecesOfPeriod(from: string, to: string, lastMonth: string): PeriodPieces {
  const firstWhole = from.endsWith('-01') ? from : addDays(lastDayOfMonth(monthOf(from)), 1);
  const toMonth = monthOf(to);
  let lastWhole = lastDayOfMonth(toMonth) === to ? toMonth : monthOf(addDays(toMonth, -1));
  if (lastWhole > lastMonth) lastWhole = monthOf(lastMonth);
  if (firstWhole > lastWhole) return { head: null, months: null, tail: { from, to } };
  const monthsTo = lastDayOfMonth(lastWhole);
  return {
    head: from < firstWhole ? { from, to: addDays(firstWhole, -1) } : null,
    months: { from: firstWhole, to: monthsTo },
    tail: monthsTo < to ? { from: addDays(monthsTo, 1), to } : null,
  };
}

/**
 * The absence report for a period whose whole months come from the summary's cells (`months`,
 * whose period is theirs) and whose part months come from the records (`records`, whose period is
 * the report's): each piece summed, the sums added, the rows finished once. The same rows as
 * `absenceReport` on the records for the whole period.
 */
export function reportFromSummaryAndRecords(
  months: { cells: SummaryCells; input: SummaryReportInput },
  records: ReportInput,
  partMonths: readonly { from: string; to: string }[],
): ReportRow[] {
  const pieces = [
    ...partMonths.map((part) => sumReport({ ...records, from: part.from, to: part.to }, records.to)),
    sumSummary(months.cells, months.input, records.to),
  ];
  const days = toDayNumber(records.to) - toDayNumber(records.from) + 1;
  const sums = addReportSums(pieces, records.groupBy, days);
  return finishReport(sums, records.groupBy, records.fullTimeHours, records.method);
}
