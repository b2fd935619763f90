/**
 * The trends page's tables and chart series, from the figures and the audience: a plain
 * function, tested without rendering. Outside HR, a month of a group of fewer than 5 people shows
 * no figures (nor does it as "a year before"), and counts below 5 show as "fewer than 5".
 */
import {
  suppressComplements,
  type HiddenBecause,
  type SuppressionCell,
  type SuppressionTotal,
} from '../../domain/secondary-suppression.ts';
import { groupWithheld, shownCount, withheldNote, type Audience } from '../../domain/small-numbers.ts';
import { sameMonthLastYear } from '../../domain/trends.ts';
import type { LineSeries } from '../../web/charts.ts';
import type { Cell, Column, DataTable, TableRow } from './data-table.ts';
import type { TrendLine, TrendsFigures } from './trends-service.ts';
import { monthName, protectedRows } from './view-models.ts';

export const NOT_SHOWN = 'not shown';
const NO_ONE = 'No one employed in the month';
const BEFORE_RECORDS = 'Before the sickness records begin';
const NO_COMPARISON = 'No figures for the same month a year before: no change shown';

/** 'May 2025' → 'May 2025'; 'September 2025' → 'Sep 2025': the chart's axis labels. */
export function shortMonthName(month: string): string {
  return monthName(month).replace(/^(\w{3})\w*/, '$1');
}

export interface TrendsView {
  /** False when the organisation's or unit's figures are withheld altogether (fewer than 5 people, outside HR). */
  shown: boolean;
  /** One table per line, the organisation's or unit's first. */
  tables: DataTable[];
  /** The lines shown, with their tables. */
  lines: { table: DataTable; label: string; unitId: number | null; total: boolean }[];
  /** The chart of the absence rate, and the chart of days lost per FTE: one series per line. */
  rateSeries: LineSeries[];
  daysSeries: LineSeries[];
  /** Lines not shown at all (fewer than 5 people in the months shown, outside HR). */
  withheldLines: string[];
  /** Lines not shown at all so that a small one cannot be worked out from the total less the rest. */
  protectingLines: string[];
  /** Why the figures are withheld altogether: a small group, or to protect one beside it; null when shown. */
  withheldBecause: HiddenBecause | null;
}

const COLUMNS: Column[] = [
  { header: 'Month', kind: 'text' },
  { header: 'Absence rate (%)', kind: 'percent' },
  { header: 'Absence rate a year before (%)', kind: 'percent' },
  { header: 'Change in absence rate (percentage points)', kind: 'decimal' },
  { header: 'Days lost per FTE', kind: 'decimal' },
  { header: 'Days lost per FTE a year before', kind: 'decimal' },
  { header: 'Change in days lost per FTE', kind: 'decimal' },
  { header: 'FTE days lost', kind: 'decimal' },
  { header: 'Average FTE', kind: 'decimal' },
  { header: 'Episodes started', kind: 'count' },
];

/** A table id from a line's key: letters, digits and dashes. */
export function lineTableId(line: Pick<TrendLine, 'key'>, index: number): string {
  if (line.key === 'total') return 'total';
  if (line.key.startsWith('unit-')) return line.key;
  return `staff-group-${index}`;
}

export function trendsView(figures: TrendsFigures, options: { audience: Audience }): TrendsView {
  const { audience } = options;
  const count = (n: number) => shownCount(n, audience);
  const [totalLine] = figures.lines;
  const groupLines = figures.lines.filter((l) => !l.total);
  const smallLine = (line: TrendLine) =>
    line.headcount !== null && groupWithheld(line.headcount.period, audience);
  // Units hidden as on every other page (`unitSuppression`); staff groups add up to the total line,
  // so one hidden means the smallest beside it is hidden too.
  const staffGroupHidden =
    figures.by === 'staff-group' && groupLines.every((l) => l.headcount !== null)
      ? protectedRows(
          groupLines.map((l) => l.headcount?.period ?? 0),
          audience,
        )
      : groupLines.map(() => null);
  const lineHidden = (line: TrendLine): HiddenBecause | null => {
    if (smallLine(line)) return 'small';
    if (audience === 'full') return null;
    if (line.staffGroup !== null) return staffGroupHidden[groupLines.indexOf(line)] ?? null;
    if (!figures.suppression) return null;
    return figures.suppression.unit(line.total ? (figures.unit?.path ?? null) : (line.unit?.path ?? null));
  };

  const own = totalLine ? lineHidden(totalLine) : 'small';
  if (!totalLine || own) {
    return {
      shown: false,
      withheldBecause: own,
      tables: [],
      lines: [],
      rateSeries: [],
      daysSeries: [],
      withheldLines: [],
      protectingLines: [],
    };
  }

  // Each month, the lines below add up to the total line: a month hidden in one line is not to
  // be worked out from the total less the others, so the smallest beside it is hidden too.
  const monthKey = (line: TrendLine, month: string) => `${line.key}|${month}`;
  const monthCells = new Map<string, SuppressionCell>();
  const monthTotals: SuppressionTotal[] = [];
  const peopleIn = (line: TrendLine, month: string) => line.headcount?.byMonth.get(month) ?? 0;
  if (figures.lines.every((l) => l.headcount !== null)) {
    for (const month of totalLine.headcount?.byMonth.keys() ?? []) {
      for (const line of figures.lines) {
        const people = peopleIn(line, month);
        const whole = lineHidden(line) !== null;
        monthCells.set(monthKey(line, month), {
          value: people,
          hidden: whole || groupWithheld(people, audience),
          harmless: !whole && people === 0,
        });
      }
      if (groupLines.length > 0) {
        monthTotals.push({
          total: monthKey(totalLine, month),
          parts: groupLines.map((l) => monthKey(l, month)),
        });
      }
    }
  }
  const hiddenMonths =
    audience === 'full' ? new Map<string, HiddenBecause>() : suppressComplements(monthCells, monthTotals);
  const monthWithheld = (line: TrendLine, month: string): HiddenBecause | null => {
    if (line.headcount === null) return null;
    if (groupWithheld(peopleIn(line, month), audience)) return 'small';
    return hiddenMonths.get(monthKey(line, month)) ?? null;
  };

  const lines: TrendsView['lines'] = [];
  const rateSeries: LineSeries[] = [];
  const daysSeries: LineSeries[] = [];
  const withheldLines: string[] = [];
  const protectingLines: string[] = [];
  figures.lines.forEach((line, index) => {
    const hidden = lineHidden(line);
    if (hidden) {
      (hidden === 'small' ? withheldLines : protectingLines).push(line.label);
      return;
    }
    const rows: TableRow[] = line.months.map(({ month, current, lastYear, change }) => {
      const label = monthName(month);
      const withheld = monthWithheld(line, month);
      if (withheld) {
        return {
          cells: [label, ...Array<Cell>(COLUMNS.length - 1).fill(null)],
          note: withheldNote(withheld),
        };
      }
      if (!current) {
        const beforeRecords = figures.recordsFrom === null || month < figures.recordsFrom;
        return {
          cells: [label, ...Array<Cell>(COLUMNS.length - 1).fill(null)],
          note: beforeRecords ? BEFORE_RECORDS : NO_ONE,
        };
      }
      const before = monthWithheld(line, sameMonthLastYear(month)) ? NOT_SHOWN : lastYear;
      const beforeCell = (value: (r: NonNullable<typeof lastYear>) => number): Cell =>
        before === NOT_SHOWN ? NOT_SHOWN : before === null ? null : value(before);
      const changeCell = (value: number | undefined): Cell =>
        before === NOT_SHOWN ? NOT_SHOWN : value === undefined ? null : value;
      return {
        cells: [
          label,
          current.absenceRatePct,
          beforeCell((r) => r.absenceRatePct),
          changeCell(change?.absenceRatePct),
          current.daysLostPerFte,
          beforeCell((r) => r.daysLostPerFte),
          changeCell(change?.daysLostPerFte),
          current.fteDaysLost,
          current.averageFte,
          count(current.episodes),
        ],
        note: before === null ? NO_COMPARISON : null,
      };
    });
    lines.push({
      table: {
        id: lineTableId(line, index),
        caption: `${line.label}: month by month, beside the same month a year before`,
        sheetName: line.label,
        columns: COLUMNS,
        rows,
      },
      label: line.label,
      unitId: line.total ? null : (line.unit?.id ?? null),
      total: line.total,
    });
    const points = (value: (row: NonNullable<TrendLine['months'][number]['current']>) => number) =>
      line.months.map(({ month, current }) => ({
        label: shortMonthName(month),
        value: current && !monthWithheld(line, month) ? value(current) : null,
      }));
    rateSeries.push({ name: line.label, points: points((r) => r.absenceRatePct) });
    daysSeries.push({ name: line.label, points: points((r) => r.daysLostPerFte) });
  });

  // With one line, the same months a year before make the second line of each chart.
  if (figures.lines.length === 1) {
    const before = (value: (row: NonNullable<TrendLine['months'][number]['lastYear']>) => number) =>
      totalLine.months.map(({ month, lastYear }) => ({
        label: shortMonthName(month),
        value: lastYear && !monthWithheld(totalLine, sameMonthLastYear(month)) ? value(lastYear) : null,
      }));
    rateSeries.push({ name: 'The same month a year before', points: before((r) => r.absenceRatePct) });
    daysSeries.push({ name: 'The same month a year before', points: before((r) => r.daysLostPerFte) });
  }
  return {
    shown: true,
    tables: lines.map((l) => l.table),
    lines,
    rateSeries,
    daysSeries,
    withheldLines,
    protectingLines,
    withheldBecause: null,
  };
}
