/**
 * The OH service's KPIs against each contract's SLA (SPEC §6.1), for a period and a grouping by
 * client, month or service. Plain functions of their arguments: the caller loads the cases, the
 * appointments and the provider's region's bank holidays.
 *
 * - Only management and self referrals count (pre-employment assessments have their own KPI), each
 *   case in the period in which it was referred (`referredOn`).
 * - Spans are in working days (Monday to Friday less the bank holidays; from A to B counts the
 *   working days after A up to and including B): referral to triage, referral to the first
 *   attended appointment, and report turnaround from that appointment to the day the report went to
 *   the employee for review or was released to the referrer. A span is computed once both of its
 *   dates exist; a case is within target when its span is no more than the contract's SLA for it.
 * - Medians of whole working days, the mean of the two middle values for an even count.
 * - DNA rate = did-not-attend ÷ (attended + did-not-attend) appointments dated in the period.
 * - The last row, `TOTAL`, is the whole period over every group (SPEC §7: reports of §6.1 end with
 *   a TOTAL row where totals make sense); its medians and shares are of all the cases, not of the
 *   groups' figures.
 */
import { addDays, monthEnd, monthKey, monthStart } from './dates.ts';
import { workingDaysAfter } from './working-days.ts';

export const OH_KPI_GROUPINGS = ['client', 'month', 'service'] as const;
export type OhKpiGrouping = (typeof OH_KPI_GROUPINGS)[number];

/** The kinds of case; only management and self referrals are in the KPIs. */
export type OhCaseKind = 'management' | 'self' | 'pre_employment';

/** The SLA targets of the contract in force for a case, in working days. */
export interface OhSlaTargets {
  triageDays: number;
  firstAppointmentDays: number;
  reportDays: number;
}

export interface OhKpiCase {
  /** The client organisation's slug. */
  client: string;
  /** The catalogue code of the case's service. */
  service: string;
  kind: OhCaseKind;
  /** The day the referral was submitted with consent. */
  referredOn: string;
  triagedOn: string | null;
  /** The day of the case's first attended appointment. */
  firstAttendedOn: string | null;
  /** The day the report went to the employee for review, or was released to the referrer. */
  reportSentOn: string | null;
  /**
   * Whether the case ended before its report went: rejected, consent withdrawn, closed, seen with
   * no report needed or referred out. Such a case waits on the service for nothing more.
   */
  ended: boolean;
  sla: OhSlaTargets;
}

export interface OhKpiAppointment {
  client: string;
  /** The catalogue code of the appointment's service. */
  service: string;
  /** The kind of its case. */
  kind: OhCaseKind;
  date: string;
  status: 'attended' | 'did_not_attend' | 'cancelled';
}

export interface OhKpiInput {
  from: string;
  to: string;
  groupBy: OhKpiGrouping;
  cases: readonly OhKpiCase[];
  appointments: readonly OhKpiAppointment[];
  /** The bank holidays of the provider's region. */
  bankHolidays: ReadonlySet<string>;
}

/** One row of `oh-kpis`: null where there is no figure (no span computed, no appointment). */
export interface OhKpiRow {
  group: string;
  referrals: number;
  triageMedianDays: number | null;
  triageWithinTargetPct: number | null;
  firstAppointmentMedianDays: number | null;
  firstAppointmentWithinTargetPct: number | null;
  reportMedianDays: number | null;
  reportWithinTargetPct: number | null;
  dnaRatePct: number | null;
  waiting: number;
}

/** The columns of `oh-kpis` (SPEC §6.1), in order. */
export const OH_KPI_COLUMNS = [
  'group',
  'referrals',
  'triage_median_days',
  'triage_within_target_pct',
  'first_appointment_median_days',
  'first_appointment_within_target_pct',
  'report_median_days',
  'report_within_target_pct',
  'dna_rate_pct',
  'waiting',
] as const;
export type OhKpiColumn = (typeof OH_KPI_COLUMNS)[number];

/** The median of whole numbers: the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** 100 × part ÷ whole; null when the whole is 0. */
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

/**
 * Whether a case is still waiting: it has not ended and its report has not yet gone to the employee
 * or the referrer, so at least one of its spans lacks its end date and will have one. SPEC §6.1
 * leaves such a case out of the median and within-target share of every span it lacks and counts
 * it in `waiting` — once, however many spans it lacks. A case that ended without a date (rejected
 * at triage, consent withdrawn, seen with no report needed) is left out of those spans too, but
 * does not wait.
 */
export function isWaiting(c: Pick<OhKpiCase, 'ended' | 'reportSentOn'>): boolean {
  return !c.ended && c.reportSentOn === null;
}

/** Whether the case's kind counts in the KPIs: management and self referrals. */
function counts(kind: OhCaseKind): boolean {
  return kind === 'management' || kind === 'self';
}

interface Spans {
  days: number[];
  within: number;
}

interface GroupSums {
  referrals: number;
  triage: Spans;
  firstAppointment: Spans;
  report: Spans;
  attended: number;
  didNotAttend: number;
  waiting: number;
}

function emptySums(): GroupSums {
  return {
    referrals: 0,
    triage: { days: [], within: 0 },
    firstAppointment: { days: [], within: 0 },
    report: { days: [], within: 0 },
    attended: 0,
    didNotAttend: 0,
    waiting: 0,
  };
}

function addSpan(
  spans: Spans,
  from: string | null,
  to: string | null,
  target: number,
  holidays: ReadonlySet<string>,
) {
  if (from === null || to === null) return;
  const days = workingDaysAfter(from, to, holidays);
  spans.days.push(days);
  if (days <= target) spans.within += 1;
}

function addCase(sums: GroupSums, c: OhKpiCase, holidays: ReadonlySet<string>) {
  sums.referrals += 1;
  addSpan(sums.triage, c.referredOn, c.triagedOn, c.sla.triageDays, holidays);
  addSpan(sums.firstAppointment, c.referredOn, c.firstAttendedOn, c.sla.firstAppointmentDays, holidays);
  addSpan(sums.report, c.firstAttendedOn, c.reportSentOn, c.sla.reportDays, holidays);
  if (isWaiting(c)) sums.waiting += 1;
}

function addAppointment(sums: GroupSums, a: OhKpiAppointment) {
  if (a.status === 'attended') sums.attended += 1;
  if (a.status === 'did_not_attend') sums.didNotAttend += 1;
}

function finish(group: string, sums: GroupSums): OhKpiRow {
  return {
    group,
    referrals: sums.referrals,
    triageMedianDays: median(sums.triage.days),
    triageWithinTargetPct: percent(sums.triage.within, sums.triage.days.length),
    firstAppointmentMedianDays: median(sums.firstAppointment.days),
    firstAppointmentWithinTargetPct: percent(sums.firstAppointment.within, sums.firstAppointment.days.length),
    reportMedianDays: median(sums.report.days),
    reportWithinTargetPct: percent(sums.report.within, sums.report.days.length),
    dnaRatePct: percent(sums.didNotAttend, sums.attended + sums.didNotAttend),
    waiting: sums.waiting,
  };
}

/** Every month of the period as YYYY-MM. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let first = monthStart(from); first <= to; first = addDays(monthEnd(first), 1)) {
    months.push(monthKey(first));
  }
  return months;
}

/**
 * The `oh-kpis` report: one row per group, then `TOTAL`. Clients and services are those of a case
 * referred or an appointment dated in the period, in the order of their slug or code; months are
 * every month of the period (`YYYY-MM`), in order, with or without cases.
 */
export function ohKpis(input: OhKpiInput): OhKpiRow[] {
  const { from, to, groupBy, bankHolidays } = input;
  const inPeriod = (date: string) => date >= from && date <= to;
  const groups = new Map<string, GroupSums>();
  if (groupBy === 'month') for (const month of monthsOf(from, to)) groups.set(month, emptySums());
  const total = emptySums();
  const groupOf = (item: { client: string; service: string }, date: string) => {
    const key = groupBy === 'client' ? item.client : groupBy === 'service' ? item.service : monthKey(date);
    let sums = groups.get(key);
    if (!sums) {
      sums = emptySums();
      groups.set(key, sums);
    }
    return sums;
  };
  for (const c of input.cases) {
    if (!counts(c.kind) || !inPeriod(c.referredOn)) continue;
    addCase(groupOf(c, c.referredOn), c, bankHolidays);
    addCase(total, c, bankHolidays);
  }
  for (const a of input.appointments) {
    if (!counts(a.kind) || !inPeriod(a.date)) continue;
    addAppointment(groupOf(a, a.date), a);
    addAppointment(total, a);
  }
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...keys.map((key) => finish(key, groups.get(key) ?? emptySums())), finish('TOTAL', total)];
}

/** The field of a row that each column shows. */
const COLUMN_FIELDS: Record<OhKpiColumn, keyof OhKpiRow> = {
  group: 'group',
  referrals: 'referrals',
  triage_median_days: 'triageMedianDays',
  triage_within_target_pct: 'triageWithinTargetPct',
  first_appointment_median_days: 'firstAppointmentMedianDays',
  first_appointment_within_target_pct: 'firstAppointmentWithinTargetPct',
  report_median_days: 'reportMedianDays',
  report_within_target_pct: 'reportWithinTargetPct',
  dna_rate_pct: 'dnaRatePct',
  waiting: 'waiting',
};

/** A row's value in a column: the group's name, a count, a figure, or null for none. */
export function ohKpiValue(row: OhKpiRow, column: OhKpiColumn): string | number | null {
  return row[COLUMN_FIELDS[column]];
}

/**
 * The report as text cells in the columns' order, per SPEC §7: numbers written by `decimal` (the
 * reports' plain decimal: whole numbers as they are, others with at least two decimal places),
 * an empty cell where there is no figure.
 */
export function ohKpiCells(rows: readonly OhKpiRow[], decimal: (value: number) => string): string[][] {
  return rows.map((row) =>
    OH_KPI_COLUMNS.map((column) => {
      const value = ohKpiValue(row, column);
      if (value === null) return '';
      return typeof value === 'string' ? value : decimal(value);
    }),
  );
}
