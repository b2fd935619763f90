/**
 * The figures of the reasons page and of `GET /api/v1/management-information/reasons`: each NHS
 * ESR sickness reason's share of the FTE days lost over a period, its short-term and long-term
 * episodes, and the top reasons' shares quarter by quarter (or month by month). All from the
 * absence report (`runAbsenceReport`): one run by reason, one by month, and one by month for each
 * top reason (with the report's reason filter, whose denominators stay the population's), so a
 * quarter's figures are the sums of its months'.
 */
import type { ReportRow } from '../../domain/absence-report.ts';
import type { Period } from '../../domain/scorecard.ts';
import { isWithin, topReasons } from '../../domain/scorecard.ts';
import {
  headcountsByGroup,
  intervalsOf,
  sharePct,
  sumOverMonths,
  type Interval,
} from '../../domain/trends.ts';
import type { Database } from '../../db/database.ts';
import { peopleByUnit } from '../../domain/headcount.ts';
import type { HiddenBecause } from '../../domain/secondary-suppression.ts';
import { esrReasonDescription } from '../../reference/esr-sickness-reasons.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { organisationUnits, unitSuppression, type MiOrganisation, type UnitRef } from './mi-service.ts';
import { staysIn } from './presence-queries.ts';

/** How many reasons are followed over time; the rest are added up as "all other reasons". */
export const TOP_REASONS_OVER_TIME = 5;

export interface ReasonFigures {
  code: string;
  description: string;
  /** The report's row for the reason: its days over the whole population's denominators. */
  row: ReportRow;
  /** The reason's share of all FTE days lost, %. */
  sharePct: number;
}

export interface ReasonShare {
  code: string;
  fteDaysLost: number;
  sharePct: number;
}

export interface ReasonsInterval {
  key: string;
  label: string;
  from: string;
  to: string;
  /** FTE days lost to every reason in the interval. */
  fteDaysLost: number;
  /** The top reasons', in the order of `top`. */
  reasons: ReasonShare[];
  /** Every other reason's, together. */
  other: { fteDaysLost: number; sharePct: number };
}

export interface ReasonsFigures {
  period: Period;
  unit: UnitRef | null;
  interval: Interval;
  total: ReportRow;
  /** Every reason with days lost or episodes, most days lost first (ties by code). */
  reasons: ReasonFigures[];
  /** The codes followed over time: the top reasons by FTE days lost. */
  top: string[];
  overTime: ReasonsInterval[];
  /** People employed in the period (in the unit), when asked for: for small-number suppression. */
  headcount: number | null;
  /** Whether the unit's (or organisation's) figures are hidden outside HR, and why (`unitSuppression`), when headcounts are asked for. */
  hidden: HiddenBecause | null;
  units: UnitRef[];
}

function totalOf(rows: readonly ReportRow[]): ReportRow {
  const total = rows.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');
  return total;
}

/** The reasons for sickness over a period, for the organisation or a unit: null when the unit is not the organisation's. */
export async function reasonsFigures(
  database: Database,
  organisation: MiOrganisation,
  options: { period: Period; unitId: number | null; interval: Interval; headcount: boolean; onDate?: string },
): Promise<ReasonsFigures | null> {
  const { period } = options;
  const units = await organisationUnits(database, organisation);
  const unit = options.unitId === null ? null : (units.find((u) => u.id === options.unitId) ?? null);
  if (options.unitId !== null && !unit) return null;
  const filter = unit ? { unit: unit.path } : {};
  const run = (by: 'reason' | 'month', reason?: string) =>
    runAbsenceReport(
      database,
      organisation,
      { ...period, by, method: 'hours', ...filter, ...(reason ? { reason } : {}) },
      options.onDate,
    );

  const byReason = await run('reason');
  const total = totalOf(byReason);
  const reasons = byReason
    .filter((r) => r.group !== 'TOTAL' && (r.fteDaysLost > 0 || r.episodes > 0))
    .sort((a, b) => b.fteDaysLost - a.fteDaysLost || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
    .map((row) => ({
      code: row.group,
      description: esrReasonDescription(row.group) ?? 'Unknown reason',
      row,
      sharePct: sharePct(row.fteDaysLost, total.fteDaysLost),
    }));
  const top = topReasons(byReason, TOP_REASONS_OVER_TIME).map((r) => r.group);

  const byMonth = await run('month');
  const topByMonth = new Map<string, ReportRow[]>();
  for (const code of top) topByMonth.set(code, await run('month', code));
  const days = (row: ReportRow) => row.fteDaysLost;
  const overTime = intervalsOf(period, options.interval).map((interval): ReasonsInterval => {
    const whole = sumOverMonths(byMonth, interval.months, days);
    const shares = top.map((code) => {
      const fteDaysLost = sumOverMonths(topByMonth.get(code) ?? [], interval.months, days);
      return { code, fteDaysLost, sharePct: sharePct(fteDaysLost, whole) };
    });
    const rest = whole - shares.reduce((sum, s) => sum + s.fteDaysLost, 0);
    // What the top reasons leave, without the dust of floating-point subtraction.
    const otherDays = Math.abs(rest) < 1e-9 ? 0 : rest;
    return {
      key: interval.key,
      label: interval.label,
      from: interval.from,
      to: interval.to,
      fteDaysLost: whole,
      reasons: shares,
      other: { fteDaysLost: otherDays, sharePct: sharePct(otherDays, whole) },
    };
  });

  let headcount: number | null = null;
  let hidden: HiddenBecause | null = null;
  if (options.headcount) {
    // Everyone's stays: which units are hidden is decided for the whole organisation.
    const everyStay = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      staysIn(db, organisation.id, period, null),
    );
    const stays = unit ? everyStay.filter((s) => isWithin(s.unitPath, unit.path)) : everyStay;
    headcount = headcountsByGroup(stays, () => 'all').get('all') ?? 0;
    hidden = unitSuppression(units, peopleByUnit(everyStay)).unit(unit?.path ?? null);
  }

  return {
    period,
    unit,
    interval: options.interval,
    total,
    reasons,
    top,
    overTime,
    headcount,
    hidden,
    units,
  };
}
