import type { ReportMethod, ReportRow } from '../../domain/absence-report.ts';
import { csvFile } from '../imports/write-csv.ts';

/** The report's columns for each method (SPEC §7), in order. */
export const HOURS_COLUMNS = [
  'group',
  'average_fte',
  'hours_available',
  'hours_lost',
  'fte_days_lost',
  'days_lost_per_fte',
  'absence_rate_pct',
  'episodes',
  'short_term_episodes',
  'long_term_episodes',
  'cost_gbp',
] as const;

export const CALENDAR_COLUMNS = [
  'group',
  'average_fte',
  'fte_days_lost',
  'days_lost_per_fte',
  'absence_rate_pct',
  'episodes',
  'short_term_episodes',
  'long_term_episodes',
  // An addition after the columns of SPEC §7: the calendar method's denominator.
  'fte_days_available',
] as const;

export type ReportColumn = (typeof HOURS_COLUMNS)[number] | (typeof CALENDAR_COLUMNS)[number];

export function columnsFor(method: ReportMethod): readonly ReportColumn[] {
  return method === 'calendar' ? CALENDAR_COLUMNS : HOURS_COLUMNS;
}

/**
 * A plain decimal: whole numbers as they are, others with at least two and at most six
 * decimal places (money with exactly two).
 */
export function plainDecimal(
  value: number,
  places: { min: number; max: number } = { min: 2, max: 6 },
): string {
  const rounded = Number(value.toFixed(places.max));
  if (Number.isInteger(rounded)) return String(rounded === 0 ? 0 : rounded);
  const text = rounded.toFixed(places.max).replace(/0+$/, '');
  const decimals = text.length - text.indexOf('.') - 1;
  return decimals < places.min ? rounded.toFixed(places.min) : text;
}

/** A row's value in a column: the group's name, or the figure. */
export function reportValue(row: ReportRow, column: ReportColumn): string | number {
  switch (column) {
    case 'group':
      return row.group;
    case 'average_fte':
      return row.averageFte;
    case 'hours_available':
      return row.hoursAvailable;
    case 'hours_lost':
      return row.hoursLost;
    case 'fte_days_available':
      return row.fteDaysAvailable;
    case 'fte_days_lost':
      return row.fteDaysLost;
    case 'days_lost_per_fte':
      return row.daysLostPerFte;
    case 'absence_rate_pct':
      return row.absenceRatePct;
    case 'episodes':
      return row.episodes;
    case 'short_term_episodes':
      return row.shortTermEpisodes;
    case 'long_term_episodes':
      return row.longTermEpisodes;
    case 'cost_gbp':
      return row.costGbp;
    default: {
      const unknown: never = column;
      throw new Error(`Unknown column ${String(unknown)}`);
    }
  }
}

/** The report as text cells, formatted per SPEC §7. */
export function reportCells(rows: readonly ReportRow[], method: ReportMethod): string[][] {
  const columns = columnsFor(method);
  return rows.map((row) =>
    columns.map((column) => {
      const value = reportValue(row, column);
      if (typeof value === 'string') return value;
      return column === 'cost_gbp' ? plainDecimal(value, { min: 2, max: 2 }) : plainDecimal(value);
    }),
  );
}

export function reportCsv(rows: readonly ReportRow[], method: ReportMethod): string {
  return csvFile(columnsFor(method), reportCells(rows, method));
}

/** A JSON array of rows keyed by the column names, numbers as JSON numbers. */
export function reportJson(rows: readonly ReportRow[], method: ReportMethod): string {
  const columns = columnsFor(method);
  const cells = reportCells(rows, method);
  return `${JSON.stringify(
    cells.map((values) =>
      Object.fromEntries(columns.map((c, i) => [c, c === 'group' ? values[i] : Number(values[i])])),
    ),
    null,
    2,
  )}\n`;
}

/** A table for people reading a terminal: columns aligned, numbers on the right. */
export function reportTable(rows: readonly ReportRow[], method: ReportMethod): string {
  const columns = columnsFor(method);
  const body = reportCells(rows, method);
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}
