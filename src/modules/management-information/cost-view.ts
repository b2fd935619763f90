/**
 * The cost of absence page's tables and charts, from the figures and the audience: a plain
 * function, tested without rendering. Outside HR, a unit or month of fewer than 5 people shows no
 * figures, and the count of people with no salary recorded is not shown at all.
 */
import type { HiddenBecause } from '../../domain/secondary-suppression.ts';
import { groupWithheld, withheldNote, type Audience } from '../../domain/small-numbers.ts';
import type { BarChartRow, TrendPoint } from '../../web/charts.ts';
import type { Cell, Column, DataTable, TableRow } from './data-table.ts';
import type { CostFigures, CostLine } from './cost-service.ts';
import { shortMonthName } from './trends-view.ts';
import { monthName, protectedRows } from './view-models.ts';

export interface CostView {
  shown: boolean;
  /** Why the figures are withheld: a small group, or to protect one beside it; null when shown. */
  withheldBecause: HiddenBecause | null;
  key: { costGbp: number; costPerFte: number; hoursLost: number; onCostPct: number } | null;
  units: DataTable | null;
  months: DataTable | null;
  bars: BarChartRow[];
  points: TrendPoint[];
  /** HR only: people with no salary recorded, whose hours add no cost. */
  peopleWithoutSalary: number | null;
}

const COLUMNS = (first: string): Column[] => [
  { header: first, kind: 'text' },
  { header: 'Hours lost', kind: 'decimal' },
  { header: 'FTE days lost', kind: 'decimal' },
  { header: 'Average FTE', kind: 'decimal' },
  { header: 'Cost (£)', kind: 'money' },
  { header: 'Cost per FTE (£)', kind: 'money' },
];

export function costView(
  figures: CostFigures,
  options: {
    audience: Audience;
    scopeName: string;
    /** The cost page's address for a unit. */
    unitHref: (unitId: number) => string;
  },
): CostView {
  const { audience } = options;
  const withheld = (line: CostLine) => line.headcount !== null && groupWithheld(line.headcount, audience);
  /** Why a unit's figures are hidden outside HR: the same on every page (`unitSuppression`). */
  const unitHidden = (path: string | null): HiddenBecause | null =>
    audience === 'full' || !figures.suppression ? null : figures.suppression.unit(path);
  const own = withheld(figures.total) ? 'small' : unitHidden(figures.unit?.path ?? null);
  if (own) {
    return {
      shown: false,
      withheldBecause: own,
      key: null,
      units: null,
      months: null,
      bars: [],
      points: [],
      peopleWithoutSalary: null,
    };
  }
  const cells = (label: string, line: CostLine): Cell[] => [
    label,
    line.row.hoursLost,
    line.row.fteDaysLost,
    line.row.averageFte,
    line.row.costGbp,
    line.costPerFte,
  ];
  const withheldRow = (label: string, because: HiddenBecause, href?: string): TableRow => ({
    cells: [label, null, null, null, null, null],
    note: withheldNote(because),
    href: href ?? null,
  });
  const childHidden = figures.children.map((child) =>
    withheld(child) ? 'small' : unitHidden(child.unit.path),
  );
  const directHidden =
    figures.direct && figures.unit
      ? withheld(figures.direct)
        ? 'small'
        : audience === 'full' || !figures.suppression
          ? null
          : figures.suppression.direct(figures.unit.path)
      : null;
  // The months add up to the whole period, shown below them: a month hidden is not to be worked out from the rest.
  const monthHidden = figures.months.every((m) => m.headcount !== null)
    ? protectedRows(
        figures.months.map((m) => m.headcount ?? 0),
        audience,
      )
    : figures.months.map((m) => (withheld(m) ? ('small' as const) : null));
  const level = figures.unit === null ? 'directorate' : figures.unit.depth === 1 ? 'service' : 'team';
  const units: DataTable | null =
    figures.children.length === 0
      ? null
      : {
          id: 'units',
          caption: `Cost of absence in ${options.scopeName} by ${level}`,
          sheetName: `By ${level}`,
          columns: COLUMNS(level.replace(/^./, (c) => c.toUpperCase())),
          rows: [
            ...figures.children.map((child, i) => {
              const href = options.unitHref(child.unit.id);
              const hidden = childHidden[i];
              return hidden
                ? withheldRow(child.unit.name, hidden, href)
                : { cells: cells(child.unit.name, child), href };
            }),
            ...(figures.direct
              ? [
                  directHidden
                    ? withheldRow(`${options.scopeName} itself, not in a ${level}`, directHidden)
                    : { cells: cells(`${options.scopeName} itself, not in a ${level}`, figures.direct) },
                ]
              : []),
            { cells: cells(`All of ${options.scopeName}`, figures.total), total: true },
          ],
        };
  const months: DataTable = {
    id: 'months',
    caption: `Cost of absence in ${options.scopeName} month by month`,
    sheetName: 'Month by month',
    columns: COLUMNS('Month'),
    rows: [
      ...figures.months.map((m, i) => {
        const hidden = monthHidden[i];
        return hidden ? withheldRow(monthName(m.month), hidden) : { cells: cells(monthName(m.month), m) };
      }),
      { cells: cells('The whole period', figures.total), total: true },
    ],
  };
  return {
    shown: true,
    withheldBecause: null,
    key: {
      costGbp: figures.total.row.costGbp,
      costPerFte: figures.total.costPerFte,
      hoursLost: figures.total.row.hoursLost,
      onCostPct: 100 * figures.onCostRate,
    },
    units,
    months,
    bars: figures.children
      .filter((_, i) => !childHidden[i])
      .map((child) => ({ label: child.unit.name, value: child.row.costGbp })),
    points: figures.months.map((m, i) => ({
      label: shortMonthName(m.month),
      value: monthHidden[i] ? null : m.row.costGbp,
    })),
    peopleWithoutSalary: audience === 'full' ? figures.peopleWithoutSalary : null,
  };
}
