/**
 * The benchmarks page's tables and charts, from the figures and the audience: plain functions,
 * tested without rendering. Each benchmark is set beside our figure counted the same way
 * (`compareWithBenchmark`), with its period, publisher, source and method.
 */
import { dateRange } from '../../domain/date-words.ts';
import {
  compareWithBenchmark,
  OUR_FIGURE_NAMES,
  type ComparisonBasis,
  type OurBenchmarkFigures,
} from '../../domain/benchmarks.ts';
import { groupWithheld, type Audience } from '../../domain/small-numbers.ts';
import { BENCHMARK_MEASURES, type BenchmarkMeasure } from '../../reference/national-benchmarks.ts';
import type { BarChartRow } from '../../web/charts.ts';
import type { Cell, DataTable, NumberKind, TableRow } from './data-table.ts';
import type { BenchmarkFigures } from './benchmarks.ts';

const kindOf = (measure: BenchmarkMeasure): NumberKind =>
  measure === 'absence_rate_pct' ? 'percent' : 'decimal';

/** A benchmark as the page lists it, whatever its origin. */
interface AnyBenchmark {
  name: string;
  shortName: string;
  measure: BenchmarkMeasure;
  value: number;
  period: string;
  publisher: string;
  source: string;
  method: string;
  basis: ComparisonBasis;
}

export interface OwnBenchmarkItem {
  id: number;
  name: string;
  measure: string;
  value: string;
  period: string;
  source: string;
}

export interface BenchmarksView {
  /** False when the figures are withheld (fewer than 5 people, outside HR). */
  shown: boolean;
  ours: OurBenchmarkFigures | null;
  tables: { ours: DataTable; comparison: DataTable; benchmarks: DataTable } | null;
  /** Bars of the absence rates, ours and the benchmarks'. */
  rateBars: BarChartRow[];
  /** Bars of days lost, ours and the benchmarks'. */
  daysBars: BarChartRow[];
  /** The organisation's own benchmarks, for HR to remove. */
  own: OwnBenchmarkItem[];
}

/** The benchmarks of an organisation (or a unit) beside its figures. */
export function benchmarksView(
  figures: BenchmarkFigures,
  options: { audience: Audience; name: string; organisationName: string },
): BenchmarksView {
  const own: OwnBenchmarkItem[] = figures.own.map((b) => ({
    id: b.id,
    name: b.name,
    measure: BENCHMARK_MEASURES[b.measure],
    value: b.measure === 'absence_rate_pct' ? `${b.value}%` : String(b.value),
    period: b.period,
    source: b.source,
  }));
  if (groupWithheld(figures.headcount, options.audience)) {
    return { shown: false, ours: null, tables: null, rateBars: [], daysBars: [], own };
  }
  const ours: OurBenchmarkFigures = {
    hoursRatePct: figures.hours.absenceRatePct,
    calendarRatePct: figures.calendar.absenceRatePct,
    daysLostPerFte: figures.hours.daysLostPerFte,
  };
  const period = dateRange(figures.period.from, figures.period.to);
  const oursTable: DataTable = {
    id: 'our-figures',
    caption: `${options.name}: sickness absence from ${period}`,
    sheetName: 'Our figures',
    columns: [
      { header: 'Measure', kind: 'text' },
      { header: 'Figure', kind: 'decimal' },
      { header: 'Method', kind: 'text' },
      { header: 'Period', kind: 'text' },
    ],
    rows: [
      {
        cells: [
          'Absence rate (%)',
          { value: ours.hoursRatePct, kind: 'percent' },
          'Hours method: hours lost to sickness over hours available',
          period,
        ],
      },
      {
        cells: [
          'Absence rate (%)',
          { value: ours.calendarRatePct, kind: 'percent' },
          'Calendar-day method, as NHS England: FTE calendar days lost over FTE calendar days available',
          period,
        ],
      },
      {
        cells: [
          'Days lost per FTE',
          { value: ours.daysLostPerFte, kind: 'decimal' },
          'Hours method: FTE days lost over average FTE',
          period,
        ],
      },
    ],
  };

  const all: AnyBenchmark[] = [
    ...figures.national,
    ...figures.own.map((b) => ({
      ...b,
      shortName: b.name,
      publisher: `Added by ${options.organisationName}`,
      method: 'As its source states',
      basis: 'stated' as const,
    })),
  ];
  const benchmarksTable: DataTable = {
    id: 'benchmarks',
    caption: 'The benchmarks: what each measures, when, who published it and how it was counted',
    sheetName: 'Benchmarks',
    columns: [
      { header: 'Benchmark', kind: 'text' },
      { header: 'Measure', kind: 'text' },
      { header: 'Figure', kind: 'decimal' },
      { header: 'Period', kind: 'text' },
      { header: 'Published by', kind: 'text' },
      { header: 'Source', kind: 'text' },
      { header: 'Method', kind: 'text' },
    ],
    rows: all.map((b) => ({
      cells: [
        b.name,
        BENCHMARK_MEASURES[b.measure],
        { value: b.value, kind: kindOf(b.measure) },
        b.period,
        b.publisher,
        b.source,
        b.method,
      ],
    })),
  };
  const comparisonRows: TableRow[] = all.map((b) => {
    const comparison = compareWithBenchmark(b, ours);
    const kind = kindOf(b.measure);
    const cells: Cell[] = [
      `${b.name} (${b.period})`,
      { value: b.value, kind },
      OUR_FIGURE_NAMES[comparison.ours],
      { value: comparison.ourValue, kind },
      { value: comparison.difference, kind },
    ];
    return { cells, note: comparison.note };
  });
  const comparisonTable: DataTable = {
    id: 'comparison',
    caption: `Each benchmark beside ${options.name}’s figure counted the same way`,
    sheetName: 'Compared with benchmarks',
    columns: [
      { header: 'Benchmark', kind: 'text' },
      { header: 'Benchmark figure', kind: 'decimal' },
      { header: 'Compared with our', kind: 'text' },
      { header: 'Our figure', kind: 'decimal' },
      { header: 'Ours minus the benchmark', kind: 'decimal' },
    ],
    rows: comparisonRows,
  };

  const label = (b: AnyBenchmark) => `${b.shortName} (${b.period})`;
  return {
    shown: true,
    ours,
    tables: { ours: oursTable, comparison: comparisonTable, benchmarks: benchmarksTable },
    rateBars: [
      { label: 'Ours, hours method', value: ours.hoursRatePct },
      { label: 'Ours, calendar-day method', value: ours.calendarRatePct },
      ...all
        .filter((b) => b.measure === 'absence_rate_pct')
        .map((b) => ({ label: label(b), value: b.value })),
    ],
    daysBars: [
      { label: 'Ours, days lost per FTE', value: ours.daysLostPerFte },
      ...all
        .filter((b) => b.measure === 'days_lost_per_fte')
        .map((b) => ({ label: label(b), value: b.value })),
    ],
    own,
  };
}
