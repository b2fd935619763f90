/**
 * The scorecard's own rules (SPEC §4D): the rolling 12 months, the status against the
 * organisation's target, rolling unit rows up to the units above them and which episodes are
 * long term. The figures themselves come from the absence report (`absence-report.ts`); nothing
 * here computes hours, FTE or rates from absences.
 */
import { LONG_TERM_DAYS, type ReportRow } from './absence-report.ts';
import { addDays, daysInclusive, isRealDate, monthEnd, monthStart } from './dates.ts';

export interface Period {
  from: string;
  to: string;
}

/** '2026-04' → the previous month, '2026-03'. */
function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

/** The last full calendar month before the one `today` falls in, as YYYY-MM. */
export function lastFullMonth(today: string): string {
  return previousMonth(today.slice(0, 7));
}

/**
 * The 12 full calendar months ending with `endMonth` (YYYY-MM): from the first day of the month
 * 11 months before it to the last day of `endMonth`.
 */
export function twelveMonthsTo(endMonth: string): Period {
  if (!/^\d{4}-\d{2}$/.test(endMonth) || !isRealDate(`${endMonth}-01`)) {
    throw new RangeError(`"${endMonth}" is not a month in the form YYYY-MM`);
  }
  let first = endMonth;
  for (let i = 0; i < 11; i++) first = previousMonth(first);
  return { from: `${first}-01`, to: monthEnd(`${endMonth}-01`) };
}

/** The rolling 12 months on a day: the 12 full calendar months ending with the last full month before it. */
export function rollingTwelveMonths(today: string): Period {
  return twelveMonthsTo(lastFullMonth(today));
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let day = monthStart(period.from); day <= period.to; day = addDays(monthEnd(day), 1)) {
    months.push(day.slice(0, 7));
  }
  return months;
}

export const TARGET_STATUSES = ['on-target', 'within-10-percent', 'above-target'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** How far above the target still counts as close to it: 10%. */
export const NEAR_TARGET_MARGIN = 0.1;

/** Days are compared with this tolerance, so 11.000000000000002 is still 11. */
const TOLERANCE = 1e-9;

/**
 * A 12-month days lost per FTE against the organisation's target: on target when no more than
 * the target; within 10% of target when above it by no more than a tenth of it; otherwise
 * above target.
 */
export function targetStatus(daysLostPerFte: number, targetDaysPerFte: number): TargetStatus {
  if (daysLostPerFte <= targetDaysPerFte + TOLERANCE) return 'on-target';
  if (daysLostPerFte <= targetDaysPerFte * (1 + NEAR_TARGET_MARGIN) + TOLERANCE) return 'within-10-percent';
  return 'above-target';
}

export const TARGET_STATUS_TEXT: Record<TargetStatus, string> = {
  'on-target': 'On target',
  'within-10-percent': 'Within 10% of target',
  'above-target': 'Above target',
};

/** Whether a unit path is the given one or lies below it. */
export function isWithin(unitPath: string, ancestorPath: string): boolean {
  return unitPath === ancestorPath || unitPath.startsWith(`${ancestorPath} > `);
}

/**
 * A unit's figures from the absence report's rows by unit (hours method, one period): the sum of
 * the rows of the unit and every unit below it, with the two ratios worked out again from the
 * sums. Each unit row's average FTE is its FTE-days over the same number of days in the period,
 * so average FTE adds up like the rest. The result equals the report run for the whole period
 * with the unit as its filter.
 */
export function rollUp(rows: readonly ReportRow[], unitPath: string): ReportRow {
  return addUpRows(
    unitPath,
    rows.filter((row) => row.group !== 'TOTAL' && isWithin(row.group, unitPath)),
  );
}

/** A unit's path and the paths of every unit above it, the organisation's top level first. */
export function pathsAbove(unitPath: string): string[] {
  const levels = unitPath.split(' > ');
  return levels.map((_, i) => levels.slice(0, i + 1).join(' > '));
}

/**
 * `rollUp` for every unit at once: each unit's row added up from its own row and those of every
 * unit below it, in one pass over the rows rather than one per unit.
 */
export function rollUpEvery(rows: readonly ReportRow[]): (unitPath: string) => ReportRow {
  const within = new Map<string, ReportRow[]>();
  for (const row of rows) {
    if (row.group === 'TOTAL') continue;
    for (const path of pathsAbove(row.group)) {
      const list = within.get(path);
      if (list) list.push(row);
      else within.set(path, [row]);
    }
  }
  return (unitPath) => addUpRows(unitPath, within.get(unitPath) ?? []);
}

/** A row of the absence report with nothing in it. */
export function emptyRow(group: string): ReportRow {
  return {
    group,
    averageFte: 0,
    hoursAvailable: 0,
    hoursLost: 0,
    fteDaysLost: 0,
    fteDaysAvailable: 0,
    daysLostPerFte: 0,
    absenceRatePct: 0,
    episodes: 0,
    shortTermEpisodes: 0,
    longTermEpisodes: 0,
    costGbp: 0,
  };
}

/**
 * Rows of the absence report (one method, one period) added up as one group: the sums of the
 * additive figures, with days lost per FTE and the absence rate worked out again from the sums,
 * never averaged. Rows by unit add up exactly (`rollUp`, and the policy comparison's groups of
 * units); rows by month do not, as each month has its own average FTE.
 */
export function addUpRows(group: string, rows: readonly ReportRow[]): ReportRow {
  const sum = emptyRow(group);
  for (const row of rows) {
    sum.averageFte += row.averageFte;
    sum.hoursAvailable += row.hoursAvailable;
    sum.hoursLost += row.hoursLost;
    sum.fteDaysLost += row.fteDaysLost;
    sum.fteDaysAvailable += row.fteDaysAvailable;
    sum.episodes += row.episodes;
    sum.shortTermEpisodes += row.shortTermEpisodes;
    sum.longTermEpisodes += row.longTermEpisodes;
    sum.costGbp += row.costGbp;
  }
  sum.daysLostPerFte = sum.averageFte > 0 ? sum.fteDaysLost / sum.averageFte : 0;
  sum.absenceRatePct = sum.hoursAvailable > 0 ? (100 * sum.hoursLost) / sum.hoursAvailable : 0;
  return sum;
}

/**
 * Whether a sickness episode is long term for a period (SPEC §6): it lasts 28 calendar days or
 * more, to its last day or, while still open, to the end of the period.
 */
export function isLongTermEpisode(
  episode: { startDate: string; endDate: string | null },
  periodTo: string,
): boolean {
  return daysInclusive(episode.startDate, episode.endDate ?? periodTo) >= LONG_TERM_DAYS;
}

/** The top `count` sickness reasons by FTE days lost (ties by code), from the report's rows by reason. */
export function topReasons(rows: readonly ReportRow[], count = 5): ReportRow[] {
  return rows
    .filter((r) => r.group !== 'TOTAL' && r.fteDaysLost > 0)
    .sort((a, b) => b.fteDaysLost - a.fteDaysLost || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
    .slice(0, count);
}
