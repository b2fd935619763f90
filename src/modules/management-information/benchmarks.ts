/**
 * Benchmarks (SPEC §4D, §9): the organisation's sickness absence over a period — its absence
 * rate by the hours method and by NHS England's calendar-day method, and its days lost per FTE —
 * beside the national benchmarks for its sector and the benchmarks it has added itself (e.g. a
 * regional employers' network, seed 002). The organisation's figures are the absence report's
 * (`runAbsenceReport`), one run per method.
 */
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ReportRow } from '../../domain/absence-report.ts';
import { isWithin, type Period } from '../../domain/scorecard.ts';
import {
  BENCHMARK_MEASURES,
  benchmarksFor,
  type BenchmarkMeasure,
  type NationalBenchmark,
} from '../../reference/national-benchmarks.ts';
import { runAbsenceReport, type OrganisationForReport } from '../absence-report/report-service.ts';
import { benchmarksRepository, type OwnBenchmark } from './benchmarks-repository.ts';
import { peopleByGroup, unitTree } from './workforce-queries.ts';

const measureKeys = Object.keys(BENCHMARK_MEASURES) as [BenchmarkMeasure, ...BenchmarkMeasure[]];

const required = (message: string, max: number, tooLong: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, tooLong);

/** HR's form for one of the organisation's own benchmarks. */
export const benchmarkForm = z
  .object({
    name: required(
      'Enter the benchmark’s name, like “North West councils”',
      120,
      'The name must be 120 characters or fewer',
    ),
    measure: z.enum(measureKeys, { error: 'Choose what the benchmark measures' }),
    value: z
      .string({ error: 'Enter the figure, like 4.2' })
      .trim()
      .min(1, 'Enter the figure, like 4.2')
      .regex(/^\d{1,3}(\.\d{1,4})?$/, 'Enter the figure as a number, like 4.2')
      .transform(Number)
      .refine((v) => v > 0, 'The figure must be more than 0')
      .refine((v) => v <= 366, 'The figure must be no more than 366'),
    period: required(
      'Enter the period the figure covers, like 2024-25',
      40,
      'The period must be 40 characters or fewer',
    ),
    source: required(
      'Enter where the figure comes from, like “North West Employers, sickness absence survey”',
      200,
      'The source must be 200 characters or fewer',
    ),
  })
  .refine((form) => form.measure !== 'absence_rate_pct' || form.value <= 100, {
    message: 'An absence rate is a percentage: it must be no more than 100',
    path: ['value'],
  });

export type BenchmarkFormValues = z.infer<typeof benchmarkForm>;

export interface BenchmarkFigures {
  period: Period;
  /** The unit the figures are for (and everything within it); null for the whole organisation. */
  unitPath: string | null;
  /** The absence report's total, hours method. */
  hours: ReportRow;
  /** The absence report's total, calendar-day method. */
  calendar: ReportRow;
  /** People employed at any time in the period, for small numbers. */
  headcount: number;
  /** The national benchmarks for the organisation's sector. */
  national: NationalBenchmark[];
  own: OwnBenchmark[];
}

function totalOf(rows: readonly ReportRow[]): ReportRow {
  const total = rows.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');
  return total;
}

/** The organisation's (or a unit's) figures for a period and the benchmarks to set beside them. */
export async function benchmarkFigures(
  database: Database,
  organisation: OrganisationForReport & { sector: string },
  options: { period: Period; unitPath: string | null },
): Promise<BenchmarkFigures> {
  const { period, unitPath } = options;
  const parameters = {
    from: period.from,
    to: period.to,
    by: 'organisation' as const,
    ...(unitPath ? { unit: unitPath } : {}),
  };
  const hours = await runAbsenceReport(database, organisation, { ...parameters, method: 'hours' });
  const calendar = await runAbsenceReport(database, organisation, { ...parameters, method: 'calendar' });
  const { own, headcount } = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const units = await unitTree(db, organisation.id);
    const inScope = units.filter((u) => unitPath === null || isWithin(u.path, unitPath));
    const people = await peopleByGroup(
      db,
      organisation.id,
      period,
      new Map(inScope.map((u) => [u.id, 'all'])),
    );
    return { own: await benchmarksRepository(db, organisation.id).list(), headcount: people.get(null) ?? 0 };
  });
  return {
    period,
    unitPath,
    hours: totalOf(hours),
    calendar: totalOf(calendar),
    headcount,
    national: benchmarksFor(organisation.sector),
    own,
  };
}
