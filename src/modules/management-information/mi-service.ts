/**
 * The figures behind the scorecard and the hotspots. Every figure is the absence report's (SPEC
 * §6): the rows come from `runAbsenceReports` — the whole months added up from the monthly
 * summary (the pages' periods are whole months by default), any part months from the records,
 * read once for every grouping the page needs — so they equal the absence report's by
 * construction. Units above others are rolled up from the rows by unit (`rollUp`), not run one
 * report per unit. Headcounts come from the people's stays in units (`staysIn`), and the
 * long-term share from the report run on the people with a long-term episode only.
 */
import { absenceReport, type ReportGrouping, type ReportRow } from '../../domain/absence-report.ts';
import { assessUnit, overDispersion, type FunnelUnitResult } from '../../domain/funnel-plot.ts';
import { headcountByMonth, headcountsWithin, headcountWithin, peopleByUnit } from '../../domain/headcount.ts';
import { suppressHierarchy, type HierarchySuppression } from '../../domain/secondary-suppression.ts';
import { SMALLEST_COUNT_SHOWN } from '../../domain/small-numbers.ts';
import {
  isLongTermEpisode,
  isWithin,
  rollUpEvery,
  targetStatus,
  topReasons,
  type Period,
  type TargetStatus,
} from '../../domain/scorecard.ts';
import type { Database, Db } from '../../db/database.ts';
import { loadReportInputs } from '../absence-report/report-queries.ts';
import { runAbsenceReports, type OrganisationForReport } from '../absence-report/report-service.ts';
import { unitOptions } from '../people/people-service.ts';
import { staysIn } from './presence-queries.ts';
import { peopleWithLongTermSickness } from './workforce-queries.ts';

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

/** The organisation's units, for choosing one. */
export async function organisationUnits(
  database: Database,
  organisation: MiOrganisation,
): Promise<UnitRef[]> {
  return database.scoped({ organisationIds: [organisation.id] }, async (db) =>
    unitRefs(await unitOptions(db, organisation.id)),
  );
}

/**
 * The absence report for the period by each grouping asked for, for the unit given (and every
 * unit below it) or the whole organisation (`runAbsenceReports`: whole months from the monthly
 * summary, part months from the records, read once).
 */
async function reportsBy(
  database: Database,
  organisation: MiOrganisation,
  period: Period,
  unitPath: string | null,
  groupings: readonly ReportGrouping[],
): Promise<Map<ReportGrouping, ReportRow[]>> {
  const parameters = { ...period, method: 'hours' as const, ...(unitPath ? { unit: unitPath } : {}) };
  return runAbsenceReports(database, organisation, parameters, groupings);
}

/**
 * The report's total counting only long-term episodes' days (SPEC §6: 28 days or more, an open
 * one to the end of the period), over the whole workforce of the total: the hours lost are those
 * of the people with a long-term episode, the hours available and FTE everyone's.
 */
async function longTermRow(
  db: Db,
  organisation: MiOrganisation,
  period: Period,
  unitPath: string | null,
  total: ReportRow,
): Promise<ReportRow> {
  const people = await peopleWithLongTermSickness(db, organisation.id, period);
  const inputs =
    people.length > 0
      ? await loadReportInputs(db, organisation, period.from, period.to, people)
      : { employees: [], sicknesses: [], bankHolidays: [] };
  const lost = totalOf(
    absenceReport({
      organisationSlug: organisation.slug,
      fullTimeHours: organisation.fullTimeHours,
      onCostRate: organisation.onCostRate,
      ...inputs,
      sicknesses: inputs.sicknesses.filter((s) => isLongTermEpisode(s, period.to)),
      from: period.from,
      to: period.to,
      groupBy: 'organisation',
      method: 'hours',
      unitPath,
    }),
  );
  return {
    ...lost,
    averageFte: total.averageFte,
    hoursAvailable: total.hoursAvailable,
    fteDaysAvailable: total.fteDaysAvailable,
    daysLostPerFte: total.averageFte > 0 ? lost.fteDaysLost / total.averageFte : 0,
    absenceRatePct: total.hoursAvailable > 0 ? (100 * lost.hoursLost) / total.hoursAvailable : 0,
  };
}

function totalOf(rows: readonly ReportRow[]): ReportRow {
  const total = rows.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');
  return total;
}

/**
 * Which units' figures are hidden outside HR over a period, one pattern for every page: those of
 * fewer than 5 people, and those that would let them be worked out from the unit above less the
 * rest (`suppressHierarchy`). From everyone's stays in the organisation, whichever unit a page is
 * about, so a unit hidden on one page is not shown on another.
 */
export function unitSuppression(
  units: readonly UnitRef[],
  byUnitPeople: ReadonlyMap<string, ReadonlySet<number>>,
): HierarchySuppression {
  const headcountOf = headcountsWithin(byUnitPeople);
  return suppressHierarchy(
    units.map((u) => ({
      path: u.path,
      headcount: headcountOf(u.path),
      directHeadcount: byUnitPeople.get(u.path)?.size ?? 0,
    })),
    headcountWithin(byUnitPeople, null),
    SMALLEST_COUNT_SHOWN,
  );
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
  /** Which units are hidden outside HR (`unitSuppression`). */
  suppression: HierarchySuppression;
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
  const units = await organisationUnits(database, organisation);
  const unit = options.unitId === null ? null : (units.find((u) => u.id === options.unitId) ?? null);
  if (options.unitId !== null && !unit) return null;
  const unitPath = unit?.path ?? null;

  const reports = await reportsBy(database, organisation, period, unitPath, ['unit', 'reason', 'month']);
  const byUnit = reports.get('unit') ?? [];
  const total = totalOf(byUnit);
  const reasons = reports.get('reason') ?? [];
  const months = reports.get('month') ?? [];
  const { longTerm, found } = await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
    longTerm: await longTermRow(db, organisation, period, unitPath, total),
    found: await staysIn(db, organisation.id, period, null),
  }));

  const byUnitPeople = peopleByUnit(found);
  const monthly = headcountByMonth(found, unitPath);
  const target = organisation.targetDaysPerFte;

  const childUnits = units.filter((u) =>
    unit ? u.depth === unit.depth + 1 && isWithin(u.path, unit.path) : u.depth === 1,
  );
  const rollUpOf = rollUpEvery(byUnit);
  const headcountOf = headcountsWithin(byUnitPeople);
  const children = childUnits.map((child) => {
    const row = rollUpOf(child.path);
    return {
      unit: child,
      row,
      headcount: headcountOf(child.path),
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
    suppression: unitSuppression(units, byUnitPeople),
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
  /** How much more widely the units scatter than the binomial allows (1 when no more). */
  phi: number;
  units: HotspotUnit[];
  /** Which units are hidden outside HR (`unitSuppression`). */
  suppression: HierarchySuppression;
}

/** Every unit at a level against the organisation's rate, with its control limits. */
export async function hotspotsFigures(
  database: Database,
  organisation: MiOrganisation,
  options: { period: Period; level: HotspotLevel },
): Promise<HotspotsFigures> {
  const { period, level } = options;
  const units = await organisationUnits(database, organisation);
  const byUnit = (await reportsBy(database, organisation, period, null, ['unit'])).get('unit') ?? [];
  const total = totalOf(byUnit);
  const p = total.hoursAvailable > 0 ? total.hoursLost / total.hoursAvailable : 0;
  const byUnitPeople = peopleByUnit(
    await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      staysIn(db, organisation.id, period, null),
    ),
  );
  const rollUpOf = rollUpEvery(byUnit);
  const headcountOf = headcountsWithin(byUnitPeople);
  const atLevel = unitsAtLevel(units, level).map((unit) => ({ unit, row: rollUpOf(unit.path) }));
  const phi = overDispersion(
    atLevel.map(({ row }) => row),
    p,
    organisation.fullTimeHours,
  );
  return {
    period,
    level,
    total,
    headcount: headcountWithin(byUnitPeople, null),
    p,
    phi,
    units: atLevel.map(({ unit, row }) => ({
      unit,
      row,
      headcount: headcountOf(unit.path),
      assessment: assessUnit(row, p, organisation.fullTimeHours, phi),
    })),
    suppression: unitSuppression(units, byUnitPeople),
  };
}
