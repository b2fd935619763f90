/**
 * The cost of absence page's tables and charts, from the figures and the audience: a plain
 * function, tested without rendering. Outside HR, a unit or month of fewer than 5 people shows no
 * figures, and the count of people with no salary recorded is not shown at all.
 */
import { groupWithheld, WITHHELD_NOTE, type Audience } from '../../domain/small-numbers.ts';
import type { BarChartRow, TrendPoint } from '../../web/charts.ts';
import type { Cell, Column, DataTable, TableRow } from './data-table.ts';
import type { CostFigures, CostLine } from './cost-service.ts';
import { shortMonthName } from './trends-view.ts';
import { monthName } from './view-models.ts';

export interface CostView {
  shown: boolean;
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
  if (withheld(figures.total)) {
    return {
      shown: false,
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
  const withheldRow = (label: string, href?: string): TableRow => ({
    cells: [label, null, null, null, null, null],
    note: WITHHELD_NOTE,
    href: href ?? null,
  });
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
            ...figures.children.map((child) => {
              const href = options.unitHref(child.unit.id);
              return withheld(child)
                ? withheldRow(child.unit.name, href)
                : { cells: cells(child.unit.name, child), href };
            }),
            ...(figures.direct
              ? [
                  withheld(figures.direct)
                    ? withheldRow(`${options.scopeName} itself, not in a ${level}`)
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
      ...figures.months.map((m) =>
        withheld(m) ? withheldRow(monthName(m.month)) : { cells: cells(monthName(m.month), m) },
      ),
      { cells: cells('The whole period', figures.total), total: true },
    ],
  };
  return {
    shown: true,
    key: {
      costGbp: figures.total.row.costGbp,
      costPerFte: figures.total.costPerFte,
      hoursLost: figures.total.row.hoursLost,
      onCostPct: 100 * figures.onCostRate,
    },
    units,
    months,
    bars: figures.children
      .filter((child) => !withheld(child))
      .map((child) => ({ label: child.unit.name, value: child.row.costGbp })),
    points: figures.months.map((m) => ({
      label: shortMonthName(m.month),
      value: withheld(m) ? null : m.row.costGbp,
    })),
    peopleWithoutSalary: audience === 'full' ? figures.peopleWithoutSalary : null,
  };
}
