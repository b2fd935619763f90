import { z } from 'zod';
import {
  absenceReport,
  REPORT_GROUPINGS,
  REPORT_METHODS,
  type ReportGrouping,
  type ReportInput,
  type ReportRow,
} from '../../domain/absence-report.ts';
import { DATE_YEARS_TEXT, isRealDate } from '../../domain/dates.ts';
import type { Database, Db } from '../../db/database.ts';
import {
  monthOf,
  piecesOfPeriod,
  reportFromSummary,
  reportFromSummaryAndRecords,
} from '../../domain/absence-summary.ts';
import {
  ABSENCE_REPORT_CONTRACT_PERIOD_RULES,
  periodParameterProblemText,
  reportPeriodProblems,
} from '../../domain/report-period-rules.ts';
import { today } from '../../domain/today.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import {
  bringSummaryUpToDate,
  firstSicknessDate,
  SUMMARY_TABLES,
  summaryCellsFor,
} from './absence-summary-repository.ts';
import { bankHolidayDatesBetween } from '../calendar/bank-holidays-repository.ts';
import { loadReportInputs } from './report-queries.ts';
import {
  rollingYearFrom,
  rollingYearFromInputs,
  rollingYearOf,
  type PersonRecordForReport,
  type RollingYear,
} from '../../domain/rolling-year.ts';

export type { PersonRecordForReport } from '../../domain/rolling-year.ts';

const realDate = (label: string) =>
  z.string({ error: `${label} is required, as YYYY-MM-DD` }).refine((v) => isRealDate(v), {
    message: `${label} must be a real date in the form YYYY-MM-DD ${DATE_YEARS_TEXT}`,
  });

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
  .superRefine((p, context) => {
    // The command line's contract (SPEC §7): a period may end after today.
    const problems = reportPeriodProblems(p, ABSENCE_REPORT_CONTRACT_PERIOD_RULES, today());
    for (const problem of problems) {
      if (problem.kind === 'year-out-of-range') continue;
      context.addIssue({ code: 'custom', message: periodParameterProblemText(problem), path: [problem.end] });
    }
    // A date outside the years has already been told, with the years, as not a real date; the
    // command line's messages, part of its contract, have always added this one line for a
    // start before the years or an end after them.
    const { earliestYear, latestYear } = ABSENCE_REPORT_CONTRACT_PERIOD_RULES;
    if (Number(p.from.slice(0, 4)) < earliestYear || Number(p.to.slice(0, 4)) > latestYear) {
      context.addIssue({ code: 'custom', message: 'the period is out of range', path: ['from'] });
    }
  });

export type ReportParameters = z.infer<typeof reportParameters>;

export interface OrganisationForReport {
  id: number;
  slug: string;
  region: string;
  fullTimeHours: number;
  onCostRate: number;
}

/**
 * Runs the absence report for one organisation (SPEC §6 and §7). The whole months of the period
 * up to the current month are added up from the monthly summary; the part months either side
 * (and months to come) are worked out from the records, and the two added together. A period
 * with no whole month is worked out from the records alone. Every way gives the same figures.
 */
export async function runAbsenceReport(
  database: Database,
  organisation: OrganisationForReport,
  parameters: ReportParameters,
  onDate: string = today(),
): Promise<ReportRow[]> {
  const reports = await runAbsenceReports(database, organisation, parameters, [parameters.by], onDate);
  const rows = reports.get(parameters.by);
  if (!rows) throw new Error(`No report by ${parameters.by}`);
  return rows;
}

/**
 * The absence report for one period by each of several groupings, as `runAbsenceReport` makes it,
 * with the records of the part months read once for them all.
 */
export async function runAbsenceReports(
  database: Database,
  organisation: OrganisationForReport,
  parameters: Omit<ReportParameters, 'by'>,
  groupings: readonly ReportGrouping[],
  onDate: string = today(),
): Promise<Map<ReportGrouping, ReportRow[]>> {
  const { head, months, tail } = piecesOfPeriod(parameters.from, parameters.to, monthOf(onDate));
  if (months === null) return reportsFromRecords(database, organisation, parameters, groupings);
  const scope = { organisationIds: [organisation.id] };
  // Built (the first time, or again for new bank holidays) on its own, so that the planner's
  // statistics can be refreshed for the millions of cells before they are read.
  const outcome = await database.scoped(scope, (db) =>
    bringSummaryUpToDate(db, organisation, onDate, months.from),
  );
  if (outcome === 'built') await refreshStatistics(database, SUMMARY_TABLES);
  const partMonths = [head, tail].filter((part) => part !== null);
  return database.scoped(scope, async (db) => {
    // Again in this transaction, so that the cells read are exact: usually one read.
    await bringSummaryUpToDate(db, organisation, onDate, months.from);
    const records =
      partMonths.length > 0
        ? await loadReportInputs(db, organisation, parameters.from, parameters.to, null, partMonths)
        : null;
    const cellsByGrouping = await summaryCellsFor(db, organisation, { ...parameters, ...months }, groupings);
    const reports = new Map<ReportGrouping, ReportRow[]>();
    for (const [by, wholeMonths] of cellsByGrouping) {
      reports.set(
        by,
        records === null
          ? reportFromSummary(wholeMonths.cells, wholeMonths.input)
          : reportFromSummaryAndRecords(
              wholeMonths,
              recordsReportInput(organisation, parameters, by, records),
              partMonths,
            ),
      );
    }
    return reports;
  });
}

/** The reports computed from the records alone, read once for every grouping. */
async function reportsFromRecords(
  database: Database,
  organisation: OrganisationForReport,
  parameters: Omit<ReportParameters, 'by'>,
  groupings: readonly ReportGrouping[],
): Promise<Map<ReportGrouping, ReportRow[]>> {
  const records = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
    loadReportInputs(db, organisation, parameters.from, parameters.to),
  );
  return new Map(
    groupings.map((by) => [by, absenceReport(recordsReportInput(organisation, parameters, by, records))]),
  );
}

/** The report's input from the records, for its period. */
function recordsReportInput(
  organisation: OrganisationForReport,
  parameters: Omit<ReportParameters, 'by'>,
  by: ReportGrouping,
  records: Awaited<ReturnType<typeof loadReportInputs>>,
): ReportInput {
  return {
    organisationSlug: organisation.slug,
    fullTimeHours: organisation.fullTimeHours,
    onCostRate: organisation.onCostRate,
    ...records,
    from: parameters.from,
    to: parameters.to,
    groupBy: by,
    method: parameters.method,
    unitPath: parameters.unit ?? null,
    staffGroup: parameters.staffGroup ?? null,
    reasonCode: parameters.reason ?? null,
  };
}

/**
 * The month (YYYY-MM) the organisation's sickness records begin: its earliest recorded sickness;
 * null when it has none. Before it, a month's figures say nothing about sickness.
 */
export async function sicknessRecordsBegin(
  database: Database,
  organisation: OrganisationForReport,
): Promise<string | null> {
  const first = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
    firstSicknessDate(db, organisation.id),
  );
  return first === null ? null : first.slice(0, 7);
}

/** The absence report computed from the records themselves, for any period. */
export async function liveAbsenceReport(
  database: Database,
  organisation: OrganisationForReport,
  parameters: ReportParameters,
): Promise<ReportRow[]> {
  const reports = await reportsFromRecords(database, organisation, parameters, [parameters.by]);
  return reports.get(parameters.by) ?? [];
}

/**
 * A person's rolling 12 months to a date: sickness episodes and FTE days lost. From their record
 * as their page has read it, when it is given (only the bank holidays are read), or from the
 * database.
 */
export async function rollingYearFor(
  db: Db,
  organisation: OrganisationForReport,
  personId: number,
  to: string,
  record: PersonRecordForReport | null = null,
): Promise<RollingYear> {
  const from = rollingYearFrom(to);
  if (record) {
    return rollingYearOf(
      organisation,
      to,
      record,
      await bankHolidayDatesBetween(db, organisation.region, from, to),
    );
  }
  const inputs = await loadReportInputs(db, organisation, from, to, personId);
  return rollingYearFromInputs(organisation, to, inputs);
}
