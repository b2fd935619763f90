/**
 * The absence report as people read it: on the page and in the spreadsheet. Headings in words
 * with their units, numbers formatted, the last row "All of …". The CSV and the command line keep
 * SPEC §7's field names and plain decimals (`report-format.ts`): they are the contract.
 */
import type { ReportGrouping, ReportMethod, ReportRow } from '../../domain/absence-report.ts';
import { MONTH_NAMES } from '../../domain/dates.ts';
import { esrReasonDescription } from '../../reference/esr-sickness-reasons.ts';
import { formatNumber, gbp } from '../../web/nunjucks.ts';
import { columnsFor, reportValue, type ReportColumn } from './report-format.ts';

type FigureColumn = Exclude<ReportColumn, 'group'>;
type FigureKind = 'decimal' | 'count' | 'money';

/** Each figure's heading, with its unit, and how it is written. */
export const FIGURE_COLUMNS: Record<FigureColumn, { heading: string; kind: FigureKind }> = {
  average_fte: { heading: 'Average FTE', kind: 'decimal' },
  hours_available: { heading: 'Hours available', kind: 'decimal' },
  hours_lost: { heading: 'Hours lost', kind: 'decimal' },
  fte_days_available: { heading: 'FTE days available', kind: 'decimal' },
  fte_days_lost: { heading: 'FTE days lost', kind: 'decimal' },
  days_lost_per_fte: { heading: 'Days lost per FTE', kind: 'decimal' },
  absence_rate_pct: { heading: 'Absence rate (%)', kind: 'decimal' },
  episodes: { heading: 'Episodes', kind: 'count' },
  short_term_episodes: { heading: 'Short-term episodes (under 28 days)', kind: 'count' },
  long_term_episodes: { heading: 'Long-term episodes (28 days or more)', kind: 'count' },
  cost_gbp: { heading: 'Cost (£)', kind: 'money' },
};

/** What each grouping's rows are called. */
export const GROUPING_NAMES: Record<ReportGrouping, string> = {
  organisation: 'Organisation',
  directorate: 'Directorate',
  unit: 'Unit',
  'staff-group': 'Staff group',
  reason: 'Sickness reason',
  month: 'Month',
};

/** The figures on the page's main table; the rest are in the table of more figures. */
const KEY_COLUMNS: readonly FigureColumn[] = [
  'average_fte',
  'fte_days_lost',
  'days_lost_per_fte',
  'absence_rate_pct',
  'episodes',
  'cost_gbp',
];

/** A row's name in words: the total "All of …", a reason with its description, a month by name. */
export function rowLabel(row: ReportRow, by: ReportGrouping, organisationName: string): string {
  if (row.group === 'TOTAL') return `All of ${organisationName}`;
  if (row.group === '') return 'Not recorded';
  if (by === 'organisation') return organisationName;
  if (by === 'reason') return `${row.group} ${esrReasonDescription(row.group) ?? ''}`.trim();
  if (by === 'month') {
    const month = MONTH_NAMES[Number(row.group.slice(5, 7)) - 1];
    return month ? `${month} ${row.group.slice(0, 4)}` : row.group;
  }
  return row.group;
}

function figure(row: ReportRow, column: FigureColumn): number {
  return Number(reportValue(row, column));
}

/** A figure as the page writes it: counts whole, money in whole pounds, others to 2 places. */
export function figureText(value: number, kind: FigureKind): string {
  switch (kind) {
    case 'count':
      return formatNumber(value, 0);
    case 'money':
      return gbp(value, 0);
    case 'decimal':
      return formatNumber(value, 2);
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown kind ${String(unknown)}`);
    }
  }
}

export interface ReportTableView {
  head: string[];
  rows: { label: string; cells: { heading: string; text: string }[]; total: boolean }[];
}

function tableOf(
  rows: readonly ReportRow[],
  columns: readonly FigureColumn[],
  options: { by: ReportGrouping; organisationName: string },
): ReportTableView {
  return {
    head: [GROUPING_NAMES[options.by], ...columns.map((c) => FIGURE_COLUMNS[c].heading)],
    rows: rows.map((row) => ({
      label: rowLabel(row, options.by, options.organisationName),
      cells: columns.map((c) => ({
        heading: FIGURE_COLUMNS[c].heading,
        text: figureText(figure(row, c), FIGURE_COLUMNS[c].kind),
      })),
      total: row.group === 'TOTAL',
    })),
  };
}

/**
 * The page's two tables: the key figures (which fit a laptop's screen), and the rest of the
 * method's figures (hours, the denominators, episodes by length).
 */
export function reportTables(
  rows: readonly ReportRow[],
  options: { by: ReportGrouping; method: ReportMethod; organisationName: string },
): { key: ReportTableView; more: ReportTableView } {
  const figures = columnsFor(options.method).filter((c): c is FigureColumn => c !== 'group');
  const key = KEY_COLUMNS.filter((c) => figures.includes(c));
  const more = figures.filter((c) => !key.includes(c));
  return { key: tableOf(rows, key, options), more: tableOf(rows, more, options) };
}

/** The spreadsheet's number format of each kind of figure. */
const XLSX_FORMATS: Record<FigureKind, string> = {
  decimal: '#,##0.00',
  count: '#,##0',
  money: '"£"#,##0.00',
};

/** The report as a spreadsheet: headings in words, widths to fit, numbers formatted but unrounded. */
export async function reportXlsx(
  rows: readonly ReportRow[],
  options: {
    by: ReportGrouping;
    method: ReportMethod;
    organisationName: string;
  },
): Promise<Buffer> {
  // ExcelJS is loaded when a spreadsheet is first asked for, not with every page of the service.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Absence report', { views: [{ state: 'frozen', ySplit: 1 }] });
  const figures = columnsFor(options.method).filter((c): c is FigureColumn => c !== 'group');
  const labels = rows.map((row) => rowLabel(row, options.by, options.organisationName));
  sheet.columns = [
    {
      header: GROUPING_NAMES[options.by],
      key: 'group',
      width: Math.min(60, Math.max(16, ...labels.map((l) => l.length + 2))),
    },
    ...figures.map((c) => ({
      header: FIGURE_COLUMNS[c].heading,
      key: c,
      width: Math.max(12, Math.min(40, FIGURE_COLUMNS[c].heading.length + 2)),
      style: { numFmt: XLSX_FORMATS[FIGURE_COLUMNS[c].kind] },
    })),
  ];
  rows.forEach((row, i) => {
    const added = sheet.addRow({
      group: labels[i],
      ...Object.fromEntries(figures.map((c) => [c, figure(row, c)])),
    });
    if (row.group === 'TOTAL') added.font = { bold: true };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
