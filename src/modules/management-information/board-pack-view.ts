/**
 * The monthly board pack (SPEC §4D): the scorecard's headline, trend and top reasons, the
 * hotspots outside their limits, the policy comparison's headline and the benchmarks, each the
 * other pages' own view (`scorecardView`, `hotspotsView`, `policyComparisonView`,
 * `benchmarksView`) — nothing is worked out again here. Plain functions, tested without rendering.
 */
import { FUNNEL_POSITION_TEXT, type FunnelPosition } from '../../domain/funnel-plot.ts';
import { isWithin } from '../../domain/scorecard.ts';
import type { BenchmarksView } from './benchmarks-view.ts';
import type { DataTable, TableRow } from './data-table.ts';
import type { PolicyComparisonView } from './policy-comparison-view.ts';
import type { HotspotsView, ScorecardView } from './view-models.ts';

const OUTSIDE: Exclude<FunnelPosition, 'within'>[] = ['above-998', 'above-95', 'below-95', 'below-998'];

/**
 * The units outside their 95% limits, from the hotspots page's lists (highest first, then
 * lowest), only those within a unit when one is given.
 */
export function hotspotsOutsideTable(
  view: HotspotsView,
  options: { levelName: string; unitPath: string | null },
): DataTable {
  const rows: TableRow[] = OUTSIDE.flatMap((position) =>
    view.lists[position]
      .filter((item) => options.unitPath === null || isWithin(item.label, options.unitPath))
      .map((item) => ({
        cells: [item.label, item.ratePct, item.limitPct, FUNNEL_POSITION_TEXT[position]],
      })),
  );
  const level = options.levelName.replace(/^./, (c) => c.toUpperCase());
  return {
    id: 'hotspots',
    caption: `${level}s outside the limits for their size`,
    sheetName: 'Hotspots',
    columns: [
      { header: level, kind: 'text' },
      { header: 'Absence rate (%)', kind: 'percent' },
      { header: 'Limit passed (%)', kind: 'percent' },
      { header: 'Compared with the organisation', kind: 'text' },
    ],
    rows,
  };
}

export interface BoardPackTables {
  headline: DataTable;
  trend: DataTable;
  hotspots: DataTable;
  reasons: DataTable;
  policy: DataTable | null;
  ourFigures: DataTable | null;
  comparison: DataTable | null;
  benchmarks: DataTable | null;
}

/** The pack's tables, in the order the pack shows them; null when its figures are withheld. */
export function boardPackTables(parts: {
  scorecard: ScorecardView;
  hotspots: DataTable;
  policy: PolicyComparisonView;
  benchmarks: BenchmarksView;
}): BoardPackTables | null {
  const tables = parts.scorecard.tables;
  if (!tables) return null;
  return {
    headline: tables.headline,
    trend: tables.trend,
    hotspots: parts.hotspots,
    reasons: tables.reasons,
    policy: parts.policy.tables?.headline ?? null,
    ourFigures: parts.benchmarks.tables?.ours ?? null,
    comparison: parts.benchmarks.tables?.comparison ?? null,
    benchmarks: parts.benchmarks.tables?.benchmarks ?? null,
  };
}

/** The pack's tables as a list, for the spreadsheet of the whole pack. */
export function boardPackTableList(tables: BoardPackTables): DataTable[] {
  return [
    tables.headline,
    tables.trend,
    tables.hotspots,
    tables.reasons,
    tables.policy,
    tables.ourFigures,
    tables.comparison,
    tables.benchmarks,
  ].filter((t): t is DataTable => t !== null);
}
