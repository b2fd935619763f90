/**
 * The figures of the cost of absence page and of `GET /api/v1/management-information/cost`: the
 * cost of the hours lost to sickness (SPEC §6: hours × annual salary / (365 / 7) / weekly hours,
 * plus the organisation's on-cost rate), by unit and by month, with hours lost and cost per FTE.
 * Two runs of the absence report (`runAbsenceReport`): by unit, rolled up to the units one level
 * below the organisation or the unit chosen (`rollUp`), and by month.
 */
import type { ReportRow } from '../../domain/absence-report.ts';
import { rollUp, type Period } from '../../domain/scorecard.ts';
import { isWithin } from '../../domain/scorecard.ts';
import { headcountsByGroup, monthlyHeadcounts } from '../../domain/trends.ts';
import type { Database } from '../../db/database.ts';
import { peopleByUnit } from '../../domain/headcount.ts';
import type { HierarchySuppression } from '../../domain/secondary-suppression.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { organisationUnits, unitSuppression, type MiOrganisation, type UnitRef } from './mi-service.ts';
import { peopleWithoutSalary, staysIn } from './presence-queries.ts';
import { childUnits } from './trends-service.ts';

/** A figure per FTE: the figure over the average FTE; 0 when no one was employed. */
export function perFte(value: number, averageFte: number): number {
  return averageFte > 0 ? value / averageFte : 0;
}

export interface CostLine {
  row: ReportRow;
  /** Cost over average FTE, £. */
  costPerFte: number;
  /** People in the line's group at any time in its period, when asked for (small-number suppression). */
  headcount: number | null;
}

export interface CostFigures {
  period: Period;
  unit: UnitRef | null;
  /** The organisation's on-cost rate, as a fraction (0.28 for 28%). */
  onCostRate: number;
  total: CostLine;
  /** The units one level down, in path order. */
  children: (CostLine & { unit: UnitRef })[];
  /** People in the unit itself rather than in a unit below it, when there are both. */
  direct: CostLine | null;
  months: (CostLine & { month: string })[];
  /** People employed in the period (in the unit) with no salary recorded on some day of it, when asked for (HR). */
  peopleWithoutSalary: number | null;
  units: UnitRef[];
  /** Which units are hidden outside HR (`unitSuppression`), when headcounts are asked for. */
  suppression: HierarchySuppression | null;
}

/** The cost of absence of the organisation or of a unit over a period: null when the unit is not the organisation's. */
export async function costFigures(
  database: Database,
  organisation: MiOrganisation,
  options: {
    period: Period;
    unitId: number | null;
    /** Count the people in each line (for small-number suppression). */
    headcounts: boolean;
    /** Count the people with no salary recorded (for HR). */
    withoutSalary: boolean;
    onDate?: string;
  },
): Promise<CostFigures | null> {
  const { period } = options;
  const units = await organisationUnits(database, organisation);
  const unit = options.unitId === null ? null : (units.find((u) => u.id === options.unitId) ?? null);
  if (options.unitId !== null && !unit) return null;
  const filter = unit ? { unit: unit.path } : {};
  const byUnit = await runAbsenceReport(
    database,
    organisation,
    { ...period, by: 'unit', method: 'hours', ...filter },
    options.onDate,
  );
  const byMonth = await runAbsenceReport(
    database,
    organisation,
    { ...period, by: 'month', method: 'hours', ...filter },
    options.onDate,
  );
  const total = byUnit.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');

  const children = childUnits(units, unit);
  const directRow = unit ? byUnit.find((r) => r.group === unit.path) : undefined;

  const found = await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
    // Everyone's stays, not only the unit's: which units are hidden is decided for the whole organisation.
    everyStay: options.headcounts ? await staysIn(db, organisation.id, period, null) : null,
    withoutSalary: options.withoutSalary
      ? await peopleWithoutSalary(db, organisation.id, period, unit?.path ?? null)
      : null,
  }));
  const { everyStay } = found;
  const stays = everyStay && unit ? everyStay.filter((s) => isWithin(s.unitPath, unit.path)) : everyStay;
  const childOf = (stay: { unitPath: string }) =>
    children.find((c) => isWithin(stay.unitPath, c.path))?.path ?? (unit ? 'direct' : null);
  const byGroup = stays ? headcountsByGroup(stays, childOf) : null;
  const everyone = stays ? (headcountsByGroup(stays, () => 'all').get('all') ?? 0) : null;
  const monthly = stays
    ? (monthlyHeadcounts(stays, () => 'all').get('all') ?? new Map<string, number>())
    : null;

  const line = (row: ReportRow, headcount: number | null): CostLine => ({
    row,
    costPerFte: perFte(row.costGbp, row.averageFte),
    headcount,
  });
  return {
    period,
    unit,
    onCostRate: organisation.onCostRate,
    total: line(total, everyone),
    children: children.map((child) => ({
      unit: child,
      ...line(rollUp(byUnit, child.path), byGroup ? (byGroup.get(child.path) ?? 0) : null),
    })),
    direct:
      unit && children.length > 0 && directRow
        ? line(directRow, byGroup ? (byGroup.get('direct') ?? 0) : null)
        : null,
    months: byMonth
      .filter((r) => r.group !== 'TOTAL')
      .map((row) => ({ month: row.group, ...line(row, monthly ? (monthly.get(row.group) ?? 0) : null) })),
    peopleWithoutSalary: found.withoutSalary,
    units,
    suppression: everyStay ? unitSuppression(units, peopleByUnit(everyStay)) : null,
  };
}
