/**
 * The figures of the trends page and of `GET /api/v1/management-information/trends`: the absence
 * rate and days lost per FTE month by month over 1, 2, 3 or 5 years ending with the last full
 * month, each month beside the same month a year before. Every line is one run of the absence
 * report by month (`runAbsenceReport`, added up from the monthly summary), over the months shown
 * and the 12 before them: one run for the organisation or unit, and one per group below it.
 */
import type { ReportRow } from '../../domain/absence-report.ts';
import type { Period } from '../../domain/scorecard.ts';
import { isWithin } from '../../domain/scorecard.ts';
import {
  headcountsByGroup,
  monthlyHeadcounts,
  monthsEnding,
  periodOfMonths,
  shiftMonth,
  yearOnYear,
  type MonthComparison,
} from '../../domain/trends.ts';
import type { Database } from '../../db/database.ts';
import { peopleByUnit } from '../../domain/headcount.ts';
import type { HierarchySuppression } from '../../domain/secondary-suppression.ts';
import { runAbsenceReport, sicknessRecordsBegin } from '../absence-report/report-service.ts';
import { organisationUnits, unitSuppression, type MiOrganisation, type UnitRef } from './mi-service.ts';
import { staysIn } from './presence-queries.ts';

export const TREND_YEARS = [1, 2, 3, 5] as const;
export type TrendYears = (typeof TREND_YEARS)[number];
export const DEFAULT_TREND_YEARS: TrendYears = 3;

/** One line for the organisation (or unit); or one per unit a level below it; or one per staff group. */
export const TREND_GROUPINGS = ['none', 'unit', 'staff-group'] as const;
export type TrendGrouping = (typeof TREND_GROUPINGS)[number];

export interface TrendLine {
  /** `total`, `unit-ID` or `staff-group-NAME`. */
  key: string;
  label: string;
  unit: UnitRef | null;
  staffGroup: string | null;
  /** The line of the organisation or unit itself. */
  total: boolean;
  months: MonthComparison[];
  /**
   * When asked for: the people in the line's group at any time in the months shown, and in each
   * month (YYYY-MM) of the report's period, the 12 months before included.
   */
  headcount: { period: number; byMonth: ReadonlyMap<string, number> } | null;
}

export interface TrendsFigures {
  /** The months shown, as dates. */
  period: Period;
  /** The months the report ran over: the months shown and the 12 before them. */
  reportPeriod: Period;
  months: string[];
  years: TrendYears;
  by: TrendGrouping;
  /** The unit the trend is for; null for the whole organisation. */
  unit: UnitRef | null;
  /** The organisation's or unit's own line first, then one per group. */
  lines: TrendLine[];
  /** The month (YYYY-MM) the organisation's sickness records begin; null when there are none. */
  recordsFrom: string | null;
  /** Whether some of the hours are in no group's line (people in the unit itself, or with no staff group). */
  ungrouped: boolean;
  units: UnitRef[];
  /** Which units are hidden outside HR over the months shown (`unitSuppression`), when headcounts are asked for. */
  suppression: HierarchySuppression | null;
}

/** The units one level below a unit (the directorates, below the organisation). */
export function childUnits(units: readonly UnitRef[], unit: UnitRef | null): UnitRef[] {
  return units.filter((u) =>
    unit ? u.depth === unit.depth + 1 && isWithin(u.path, unit.path) : u.depth === 1,
  );
}

/**
 * The trend of the organisation or of one unit (and everything within it), as one line or one
 * line per group: null when the unit is not one of the organisation's.
 */
export async function trendsFigures(
  database: Database,
  organisation: MiOrganisation,
  options: {
    /** The last month shown (YYYY-MM): the last full month, usually. */
    endMonth: string;
    years: TrendYears;
    by: TrendGrouping;
    unitId: number | null;
    /** Whether to count the people in each line each month (for small-number suppression). */
    headcounts: boolean;
    onDate?: string;
  },
): Promise<TrendsFigures | null> {
  const units = await organisationUnits(database, organisation);
  const unit = options.unitId === null ? null : (units.find((u) => u.id === options.unitId) ?? null);
  if (options.unitId !== null && !unit) return null;
  const months = monthsEnding(options.endMonth, options.years * 12);
  const firstShown = months[0] ?? options.endMonth;
  const period = periodOfMonths(firstShown, options.endMonth);
  const reportPeriod = periodOfMonths(shiftMonth(firstShown, -12), options.endMonth);
  const scope = unit?.path;
  const byMonth = (filter: { unit?: string; staffGroup?: string }) =>
    runAbsenceReport(
      database,
      organisation,
      { ...reportPeriod, by: 'month', method: 'hours', ...filter },
      options.onDate,
    );

  const groups: { key: string; label: string; unit: UnitRef | null; staffGroup: string | null }[] = [];
  if (options.by === 'unit') {
    const children = childUnits(units, unit);
    for (const child of children) {
      groups.push({ key: `unit-${child.id}`, label: child.name, unit: child, staffGroup: null });
    }
  } else if (options.by === 'staff-group') {
    const byStaffGroup = await runAbsenceReport(
      database,
      organisation,
      { ...reportPeriod, by: 'staff-group', method: 'hours', ...(scope ? { unit: scope } : {}) },
      options.onDate,
    );
    for (const row of byStaffGroup) {
      if (row.group !== 'TOTAL' && row.group !== '')
        groups.push({ key: `staff-group-${row.group}`, label: row.group, unit: null, staffGroup: row.group });
    }
  }

  const totalRows = await byMonth(scope ? { unit: scope } : {});
  const recordsFrom = await sicknessRecordsBegin(database, organisation);
  const groupRows: ReportRow[][] = [];
  for (const group of groups) {
    groupRows.push(
      await byMonth({
        ...(group.unit ? { unit: group.unit.path } : scope ? { unit: scope } : {}),
        ...(group.staffGroup ? { staffGroup: group.staffGroup } : {}),
      }),
    );
  }

  // Some hours are in no group's line when the groups' hours available fall short of the whole.
  const hoursAvailable = (rows: readonly ReportRow[]) => rows.at(-1)?.hoursAvailable ?? 0;
  const ungrouped =
    groups.length > 0 &&
    hoursAvailable(totalRows) - groupRows.reduce((sum, rows) => sum + hoursAvailable(rows), 0) > 0.001;

  let counts: {
    byMonth: Map<string, Map<string, number>>;
    byGroup: Map<string, number>;
  } | null = null;
  let suppression: HierarchySuppression | null = null;
  if (options.headcounts) {
    // Everyone's stays: which units are hidden is decided for the whole organisation.
    const everyStay = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      staysIn(db, organisation.id, reportPeriod, null),
    );
    suppression = unitSuppression(units, peopleByUnit(everyStay.filter((s) => s.to >= period.from)));
    const stays = scope ? everyStay.filter((s) => isWithin(s.unitPath, scope)) : everyStay;
    const shown = stays.filter((s) => s.to >= period.from);
    const groupOf = (stay: { unitPath: string; staffGroup: string }): string | null => {
      const found = groups.find((g) =>
        g.unit ? isWithin(stay.unitPath, g.unit.path) : g.staffGroup === stay.staffGroup,
      );
      return found?.key ?? null;
    };
    const total = () => 'total';
    counts = {
      byMonth: new Map([...monthlyHeadcounts(stays, total), ...monthlyHeadcounts(stays, groupOf)]),
      byGroup: new Map([...headcountsByGroup(shown, total), ...headcountsByGroup(shown, groupOf)]),
    };
  }
  const headcountOf = (key: string) =>
    counts
      ? {
          period: counts.byGroup.get(key) ?? 0,
          byMonth: counts.byMonth.get(key) ?? new Map<string, number>(),
        }
      : null;

  return {
    period,
    reportPeriod,
    months,
    years: options.years,
    by: options.by,
    unit,
    lines: [
      {
        key: 'total',
        label: `All of ${unit?.name ?? organisation.name}`,
        unit,
        staffGroup: null,
        total: true,
        months: yearOnYear(months, totalRows, recordsFrom),
        headcount: headcountOf('total'),
      },
      ...groups.map((group, i) => ({
        ...group,
        total: false,
        months: yearOnYear(months, groupRows[i] ?? [], recordsFrom),
        headcount: headcountOf(group.key),
      })),
    ],
    recordsFrom,
    ungrouped,
    units,
    suppression,
  };
}
