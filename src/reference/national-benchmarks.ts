/**
 * National sickness absence benchmarks shipped with the product (SPEC §9), each with its period,
 * publisher and method, so that a figure is never shown without saying where it comes from and
 * how it was measured. Organisations add their own (for example a regional employers' network)
 * beside these.
 */

/** What a benchmark measures, in the terms of SPEC §6. */
export const BENCHMARK_MEASURES = {
  absence_rate_pct: 'Absence rate (% of working time lost to sickness)',
  days_lost_per_fte: 'Days lost per FTE (or per employee) a year',
} as const;
export type BenchmarkMeasure = keyof typeof BENCHMARK_MEASURES;

/**
 * How a figure was counted, so that it is compared like with like: `hours` is the share of
 * working hours (this product's hours method, and the ONS's); `calendar_days` is NHS England's
 * calendar-day method; `per_employee` counts days per head, not per FTE (CIPD).
 */
export type BenchmarkBasis = 'hours' | 'calendar_days' | 'per_employee';

/** Which organisations a benchmark compares with: everyone, or one sector. */
export type BenchmarkScope = 'all' | 'public' | 'private' | 'nhs';

export interface NationalBenchmark {
  id: string;
  name: string;
  /** A few words for a chart's label. */
  shortName: string;
  measure: BenchmarkMeasure;
  value: number;
  /** The period the figure covers, as its publisher states it. */
  period: string;
  /** The last day of that period, so that figures can be shown oldest first or by age. */
  periodEnd: string;
  publisher: string;
  source: string;
  /** How the publisher measured it, where it differs from this product's hours method. */
  method: string;
  basis: BenchmarkBasis;
  scope: BenchmarkScope;
}

export const NATIONAL_BENCHMARKS: readonly NationalBenchmark[] = [
  {
    id: 'ons-2024-all',
    name: 'UK sickness absence rate, all workers',
    shortName: 'ONS, all workers',
    measure: 'absence_rate_pct',
    value: 2.0,
    period: '2024',
    periodEnd: '2024-12-31',
    publisher: 'Office for National Statistics',
    source: 'ONS, Sickness absence in the UK labour market: 2024 (Labour Force Survey)',
    method: 'Share of working hours lost to sickness, from the Labour Force Survey',
    basis: 'hours',
    scope: 'all',
  },
  {
    id: 'ons-2024-public',
    name: 'UK sickness absence rate, public sector',
    shortName: 'ONS, public sector',
    measure: 'absence_rate_pct',
    value: 2.9,
    period: '2024',
    periodEnd: '2024-12-31',
    publisher: 'Office for National Statistics',
    source: 'ONS, Sickness absence in the UK labour market: 2024 (Labour Force Survey)',
    method: 'Share of working hours lost to sickness, from the Labour Force Survey',
    basis: 'hours',
    scope: 'public',
  },
  {
    id: 'ons-2024-private',
    name: 'UK sickness absence rate, private sector',
    shortName: 'ONS, private sector',
    measure: 'absence_rate_pct',
    value: 1.8,
    period: '2024',
    periodEnd: '2024-12-31',
    publisher: 'Office for National Statistics',
    source: 'ONS, Sickness absence in the UK labour market: 2024 (Labour Force Survey)',
    method: 'Share of working hours lost to sickness, from the Labour Force Survey',
    basis: 'hours',
    scope: 'private',
  },
  {
    id: 'nhs-england-2025-01',
    name: 'NHS England sickness absence rate',
    shortName: 'NHS England',
    measure: 'absence_rate_pct',
    value: 5.7,
    period: 'January 2025',
    periodEnd: '2025-01-31',
    publisher: 'NHS England',
    source: 'NHS England, NHS Sickness Absence Rates, January 2025',
    method: 'Calendar-day method: FTE days lost over FTE days available',
    basis: 'calendar_days',
    scope: 'nhs',
  },
  {
    id: 'cipd-2023-all',
    name: 'Average days lost per employee, all sectors',
    shortName: 'CIPD, all sectors',
    measure: 'days_lost_per_fte',
    value: 7.8,
    period: '2023',
    periodEnd: '2023-12-31',
    publisher: 'CIPD',
    source: 'CIPD, Health and wellbeing at work survey 2023',
    method: 'Employer survey: days lost per employee (not per FTE)',
    basis: 'per_employee',
    scope: 'all',
  },
  {
    id: 'cipd-2023-public',
    name: 'Average days lost per employee, public sector',
    shortName: 'CIPD, public sector',
    measure: 'days_lost_per_fte',
    value: 10.6,
    period: '2023',
    periodEnd: '2023-12-31',
    publisher: 'CIPD',
    source: 'CIPD, Health and wellbeing at work survey 2023',
    method: 'Employer survey: days lost per employee (not per FTE)',
    basis: 'per_employee',
    scope: 'public',
  },
];

const PUBLIC_SECTORS = new Set(['local_government', 'nhs', 'police', 'education']);

/** The national benchmarks that apply to an organisation of a sector: everyone's and its own sector's. */
export function benchmarksFor(sector: string): NationalBenchmark[] {
  return NATIONAL_BENCHMARKS.filter(
    (b) =>
      b.scope === 'all' ||
      (b.scope === 'public' && PUBLIC_SECTORS.has(sector)) ||
      (b.scope === 'private' && !PUBLIC_SECTORS.has(sector)) ||
      (b.scope === 'nhs' && sector === 'nhs'),
  );
}
