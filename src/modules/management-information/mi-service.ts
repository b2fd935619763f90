/**
 * The figures behind the management information pages. Every figure is the absence report's
 * (SPEC §6): each page loads the report's inputs once (`loadReportInputs`, three set-based
 * queries, as `runAbsenceReport` does) and runs the report engine on them for each grouping it
 * needs — by unit, by reason, by month — so its numbers equal the absence report's by
 * construction. Units above others are rolled up from the rows by unit (`rollUp`), not run one
 * report per unit.
 */
import {
  absenceReport,
  type ReportGrouping,
  type ReportRow,
  type ReportSickness,
} from '../../domain/absence-report.ts';
import { assessUnit, type FunnelUnitResult } from '../../domain/funnel-plot.ts';
import { headcountByMonth, headcountWithin, peopleByUnit, presences } from '../../domain/headcount.ts';
import {
  isLongTermEpisode,
  isWithin,
  rollUp,
  targetStatus,
  topReasons,
  type Period,
  type TargetStatus,
} from '../../domain/scorecard.ts';
import type { Database } from '../../db/database.ts';
import { loadReportInputs } from '../absence-report/report-queries.ts';
import type { OrganisationForReport } from '../absence-report/report-service.ts';
import { unitOptions } from '../people/people-service.ts';

export interface MiOrganisation extends OrganisationForReport {
  name: string;
  targetDaysPerFte: number;
  /** For the benchmarks that apply (`benchmarksFor`). */
  sector: string;
  /** The organisation's attendance policy, which units follow unless they set their own. */
  policyModel: string;
}

export interface UnitRef {
  id: number;
  path: string;
  /** The last level of the path. */
  name: string;
  /** 1 for a directorate, 2 for a service, and so on. */
  depth: number;
  /** Whether no unit lies below it. */
  leaf: boolean;
}

function unitRefs(rows: readonly { id: number; path: string }[]): UnitRef[] {
  const paths = rows.map((r) => r.path);
  return rows.map((r) => {
    const levels = r.path.split(' > ');
    return {
      id: r.id,
      path: r.path,
      name: levels.at(-1) ?? r.path,
      depth: levels.length,
      leaf: !paths.some((p) => p.startsWith(`${r.path} > `)),
    };
  });
}

type Inputs = Awaited<ReturnType<typeof loadReportInputs>>;

/** The report's inputs for the period and the organisation's units, in one transaction. */
async function load(
  database: Database,
  organisation: MiOrganisation,
  period: Period,
): Promise<{ inputs: Inputs; units: UnitRef[] }> {
  return database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const units = unitRefs(await unitOptions(db, organisation.id));
    const inputs = await loadReportInputs(db, organisation, period.from, period.to);
    return { inputs, units };
  });
}

/** The organisation's units, for choosing one. */
export async function organisationUnits(
  database: Database,
  organisation: MiOrganisation,
): Promise<UnitRef[]> {
  return database.scoped({ organisationIds: [organisation.id] }, async (db) =>
    unitRefs(await unitOptions(db, organisation.id)),
  );
}

/** Runs the absence report engine on loaded inputs: the same call `runAbsenceReport` makes. */
function reportOn(organisation: MiOrganisation, inputs: Inputs, period: Period) {
  return (
    groupBy: ReportGrouping,
    options: { unitPath?: string | null; sicknesses?: readonly ReportSickness[] } = {},
  ): ReportRow[] =>
    absenceReport({
      organisationSlug: organisation.slug,
      fullTimeHours: organisation.fullTimeHours,
      onCostRate: organisation.onCostRate,
      bankHolidays: inputs.bankHolidays,
      employees: inputs.employees,
      sicknesses: options.sicknesses ?? inputs.sicknesses,
      from: period.from,
      to: period.to,
      groupBy,
      method: 'hours',
      unitPath: options.unitPath ?? null,
    });
}

function totalOf(rows: readonly ReportRow[]): ReportRow {
  const total = rows.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');
  return total;
}

export interface UnitFigures {
  unit: UnitRef;
  row: ReportRow;
  headcount: number;
  status: TargetStatus;
}

export interface ScorecardFigures {
  period: Period;
  /** The unit the scorecard is for; null for the whole organisation. */
  unit: UnitRef | null;
  total: ReportRow;
  headcount: number;
  status: TargetStatus;
  /** The report (whole period) counting only long-term episodes' days. */
  longTerm: ReportRow;
  /** Rows by reason, for the top reasons. */
  reasons: ReportRow[];
  top: ReportRow[];
  months: { month: string; row: ReportRow; headcount: number }[];
  /** The units one level down, in path order. */
  children: UnitFigures[];
  /** People in the unit itself rather than in a unit below it, when there are both. */
  direct: { row: ReportRow; headcount: number } | null;
  /** Every unit of the organisation, in path order. */
  units: UnitRef[];
}

/**
 * The scorecard of the organisation or of one unit (that unit and everything within it) for a
 * period: null when the unit is not one of the organisation's.
 */
export async function scorecardFigures(
  database: Database,
  organisation: MiOrganisation,
  options: { period: Period; unitId: number | null },
): Promise<ScorecardFigures | null> {
  const { period } = options;
  const { inputs, units } = await load(database, organisation, period);
  const unit = options.unitId === null ? null : (units.find((u) => u.id === options.unitId) ?? null);
  if (options.unitId !== null && !unit) return null;
  const unitPath = unit?.path ?? null;
  const report = reportOn(organisation, inputs, period);

  const byUnit = report('unit', { unitPath });
  const total = totalOf(byUnit);
  const reasons = report('reason', { unitPath });
  const months = report('month', { unitPath });
  // The same report counting only the long-term episodes' days (SPEC §6: 28 days or more, an
  // open one to the end of the period), so short-term days are the rest.
  const longTermSicknesses = inputs.sicknesses.filter((s) => isLongTermEpisode(s, period.to));
  const longTerm = totalOf(report('organisation', { unitPath, sicknesses: longTermSicknesses }));

  const found = presences(inputs.employees, period);
  const byUnitPeople = peopleByUnit(found);
  const monthly = headcountByMonth(found, unitPath);
  const target = organisation.targetDaysPerFte;

  const childUnits = units.filter((u) =>
    unit ? u.depth === unit.depth + 1 && isWithin(u.path, unit.path) : u.depth === 1,
  );
  const children = childUnits.map((child) => {
    const row = rollUp(byUnit, child.path);
    return {
      unit: child,
      row,
      headcount: headcountWithin(byUnitPeople, child.path),
      status: targetStatus(row.daysLostPerFte, target),
    };
  });
  const directRow = unit ? byUnit.find((r) => r.group === unit.path) : undefined;
  const direct =
    unit && children.length > 0 && directRow
      ? { row: directRow, headcount: byUnitPeople.get(unit.path)?.size ?? 0 }
      : null;

  return {
    period,
    unit,
    total,
    headcount: headcountWithin(byUnitPeople, unitPath),
    status: targetStatus(total.daysLostPerFte, target),
    longTerm,
    reasons,
    top: topReasons(reasons, 5),
    months: months
      .filter((r) => r.group !== 'TOTAL')
      .map((row) => ({ month: row.group, row, headcount: monthly.get(row.group) ?? 0 })),
    children,
    direct,
    units,
  };
}

export const HOTSPOT_LEVELS = ['teams', 'services', 'directorates'] as const;
export type HotspotLevel = (typeof HOTSPOT_LEVELS)[number];

export const HOTSPOT_LEVEL_NAMES: Record<HotspotLevel, { one: string; many: string }> = {
  teams: { one: 'team', many: 'teams' },
  services: { one: 'service', many: 'services' },
  directorates: { one: 'directorate', many: 'directorates' },
};

/** The units compared at a level: teams are the units with none below them. */
export function unitsAtLevel(units: readonly UnitRef[], level: HotspotLevel): UnitRef[] {
  switch (level) {
    case 'teams':
      return units.filter((u) => u.leaf);
    case 'services':
      return units.filter((u) => u.depth === 2);
    case 'directorates':
      return units.filter((u) => u.depth === 1);
    default: {
      const unknown: never = level;
      throw new Error(`Unknown level ${String(unknown)}`);
    }
  }
}

export interface HotspotUnit {
  unit: UnitRef;
  row: ReportRow;
  headcount: number;
  /** Null when the unit had no hours available in the period. */
  assessment: FunnelUnitResult | null;
}

export interface HotspotsFigures {
  period: Period;
  level: HotspotLevel;
  total: ReportRow;
  headcount: number;
  /** The organisation's rate as a proportion of hours: the funnel's centre line. */
  p: number;
  units: HotspotUnit[];
}

/** Every unit at a level against the organisation's rate, with its control limits. */
export async function hotspotsFigures(
  database: Database,
  organisation: MiOrganisation,
  options: { period: Period; level: HotspotLevel },
): Promise<HotspotsFigures> {
  const { period, level } = options;
  const { inputs, units } = await load(database, organisation, period);
  const byUnit = reportOn(organisation, inputs, period)('unit');
  const total = totalOf(byUnit);
  const p = total.hoursAvailable > 0 ? total.hoursLost / total.hoursAvailable : 0;
  const byUnitPeople = peopleByUnit(presences(inputs.employees, period));
  return {
    period,
    level,
    total,
    headcount: headcountWithin(byUnitPeople, null),
    p,
    units: unitsAtLevel(units, level).map((unit) => {
      const row = rollUp(byUnit, unit.path);
      return {
        unit,
        row,
        headcount: headcountWithin(byUnitPeople, unit.path),
        assessment: assessUnit(row, p, organisation.fullTimeHours),
      };
    }),
  };
}
