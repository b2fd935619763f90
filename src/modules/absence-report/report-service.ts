import { z } from 'zod';
import {
  absenceReport,
  REPORT_GROUPINGS,
  REPORT_METHODS,
  type ReportRow,
} from '../../domain/absence-report.ts';
import { addDays, isRealDate } from '../../domain/dates.ts';
import type { Database, Db } from '../../db/database.ts';
import { isWholeMonths, monthOf } from '../../domain/absence-summary.ts';
import { today } from '../../domain/today.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import {
  bringSummaryUpToDate,
  reportFromMonthlySummary,
  SUMMARY_TABLES,
} from './absence-summary-repository.ts';
import { loadReportInputs } from './report-queries.ts';

const realDate = (label: string) =>
  z
    .string({ error: `${label} is required, as YYYY-MM-DD` })
    .refine((v) => isRealDate(v), { message: `${label} must be a real date in the form YYYY-MM-DD` });

/** The report's parameters, as given on the command line, in the API or on the report page. */
export const reportParameters = z
  .object({
    from: realDate('from'),
    to: realDate('to'),
    by: z.enum(REPORT_GROUPINGS, {
      error: `by must be one of ${REPORT_GROUPINGS.join(', ')}`,
    }),
    method: z.enum(REPORT_METHODS, { error: 'method must be hours or calendar' }).default('hours'),
    unit: z.string().trim().min(1).optional(),
    staffGroup: z.string().trim().min(1).optional(),
    reason: z
      .string()
      .trim()
      .regex(/^S\d\d$/, 'reason must be an ESR sickness reason code such as S10')
      .optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'to must not be before from', path: ['to'] })
  .refine((p) => p.from >= '1900-01-01' && p.to <= '2199-12-31', {
    message: 'the period is out of range',
    path: ['from'],
  });

export type ReportParameters = z.infer<typeof reportParameters>;

export interface OrganisationForReport {
  id: number;
  slug: string;
  region: string;
  fullTimeHours: number;
  onCostRate: number;
}

/** Whether the report for a period is added up from the monthly summary: whole months, none to come. */
export function isFromMonthlySummary(
  period: { from: string; to: string },
  onDate: string = today(),
): boolean {
  return isWholeMonths(period.from, period.to) && monthOf(period.to) <= monthOf(onDate);
}

/**
 * Runs the absence report for one organisation (SPEC §6 and §7). A period of whole months up to
 * the current month is added up from the monthly summary; any other period is computed from the
 * records. Both give the same figures.
 */
export async function runAbsenceReport(
  database: Database,
  organisation: OrganisationForReport,
  parameters: ReportParameters,
  onDate: string = today(),
): Promise<ReportRow[]> {
  if (isFromMonthlySummary(parameters, onDate)) {
    // Built (the first time, or again for new bank holidays) on its own, so that the planner's
    // statistics can be refreshed for the millions of cells before they are read.
    const outcome = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      bringSummaryUpToDate(db, organisation, onDate, parameters.from),
    );
    if (outcome === 'built') await refreshStatistics(database, SUMMARY_TABLES);
    return database.scoped({ organisationIds: [organisation.id] }, (db) =>
      reportFromMonthlySummary(db, organisation, parameters, onDate),
    );
  }
  return liveAbsenceReport(database, organisation, parameters);
}

/** The absence report computed from the records themselves, for any period. */
export async function liveAbsenceReport(
  database: Database,
  organisation: OrganisationForReport,
  parameters: ReportParameters,
): Promise<ReportRow[]> {
  const inputs = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
    loadReportInputs(db, organisation, parameters.from, parameters.to),
  );
  return absenceReport({
    organisationSlug: organisation.slug,
    fullTimeHours: organisation.fullTimeHours,
    onCostRate: organisation.onCostRate,
    ...inputs,
    from: parameters.from,
    to: parameters.to,
    groupBy: parameters.by,
    method: parameters.method,
    unitPath: parameters.unit ?? null,
    staffGroup: parameters.staffGroup ?? null,
    reasonCode: parameters.reason ?? null,
  });
}

/** A person's rolling 12 months to a date: sickness episodes and FTE days lost. */
export async function rollingYearFor(
  db: Db,
  organisation: OrganisationForReport,
  personId: number,
  to: string,
): Promise<{ from: string; to: string; episodes: number; fteDaysLost: number; hoursLost: number }> {
  const from = addDays(to, -364);
  const inputs = await loadReportInputs(db, organisation, from, to, personId);
  const total = absenceReport({
    organisationSlug: organisation.slug,
    fullTimeHours: organisation.fullTimeHours,
    onCostRate: organisation.onCostRate,
    ...inputs,
    from,
    to,
    groupBy: 'organisation',
    method: 'hours',
  }).at(-1);
  return {
    from,
    to,
    episodes: total?.episodes ?? 0,
    fteDaysLost: total?.fteDaysLost ?? 0,
    hoursLost: total?.hoursLost ?? 0,
  };
}
