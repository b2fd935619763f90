/**
 * Comparing an organisation's sickness absence with a benchmark like with like (SPEC §4D, §9):
 * each benchmark is set beside the organisation's figure counted the same way — the hours
 * method for the ONS's share of working hours, the calendar-day method for NHS England's rate,
 * days lost per FTE for a figure of days — with a plain note where the methods still differ
 * (CIPD counts days per employee, not per FTE). Pure functions, no I/O.
 */
import type { BenchmarkBasis, BenchmarkMeasure } from '../reference/national-benchmarks.ts';

/** The organisation's own figures for the period, by the absence report (SPEC §6). */
export interface OurBenchmarkFigures {
  /** Absence rate (%), hours method: hours lost over hours available. */
  hoursRatePct: number;
  /** Absence rate (%), calendar-day method: FTE calendar days lost over FTE calendar days available. */
  calendarRatePct: number;
  /** FTE days lost per average FTE, hours method. */
  daysLostPerFte: number;
}

export type OurFigure = keyof OurBenchmarkFigures;

export const OUR_FIGURE_NAMES: Record<OurFigure, string> = {
  hoursRatePct: 'Absence rate, hours method (%)',
  calendarRatePct: 'Absence rate, calendar-day method (%)',
  daysLostPerFte: 'Days lost per FTE',
};

/**
 * How a benchmark was counted: one of the shipped bases, or `stated` for an organisation's own
 * benchmark, whose method is whatever its source says.
 */
export type ComparisonBasis = BenchmarkBasis | 'stated';

export interface BenchmarkComparison {
  /** Which of the organisation's figures it is compared with. */
  ours: OurFigure;
  ourValue: number;
  /** Ours minus the benchmark: positive when the organisation loses more to sickness. */
  difference: number;
  /** Whether the two are counted the same way; null when it cannot be known (an own benchmark). */
  likeForLike: boolean | null;
  /** What to bear in mind when comparing. */
  note: string;
}

/** The organisation's figure that a benchmark is compared with, and what to bear in mind. */
export function compareWithBenchmark(
  benchmark: { measure: BenchmarkMeasure; basis: ComparisonBasis; value: number },
  figures: OurBenchmarkFigures,
): BenchmarkComparison {
  const compared = (ours: OurFigure, likeForLike: boolean | null, note: string): BenchmarkComparison => ({
    ours,
    ourValue: figures[ours],
    difference: figures[ours] - benchmark.value,
    likeForLike,
    note,
  });
  if (benchmark.measure === 'absence_rate_pct') {
    switch (benchmark.basis) {
      case 'hours':
        return compared(
          'hoursRatePct',
          true,
          'Like for like: both are the share of working hours lost to sickness.',
        );
      case 'calendar_days':
        return compared(
          'calendarRatePct',
          true,
          'Counted by the calendar-day method, so compared with our rate by the same method, not with our hours-method rate.',
        );
      case 'per_employee':
        return compared(
          'hoursRatePct',
          false,
          'Counted per employee rather than from working hours: not like for like, so read it as a rough guide.',
        );
      case 'stated':
        return compared(
          'hoursRatePct',
          null,
          'Our own benchmark, compared with our hours-method rate: check that its source counts the share of working hours too.',
        );
      default:
        return unknownBasis(benchmark.basis);
    }
  }
  switch (benchmark.basis) {
    case 'per_employee':
      return compared(
        'daysLostPerFte',
        false,
        'Days per employee, not per FTE: where many people work part time, days per employee come out lower than days per FTE, so this is not like for like.',
      );
    case 'hours':
    case 'calendar_days':
      return compared('daysLostPerFte', true, 'Like for like: both are days lost per FTE.');
    case 'stated':
      return compared(
        'daysLostPerFte',
        null,
        'Our own benchmark, compared with our days lost per FTE: check that its source counts per FTE, not per employee.',
      );
    default:
      return unknownBasis(benchmark.basis);
  }
}

function unknownBasis(basis: never): never {
  throw new Error(`Unknown benchmark basis ${String(basis)}`);
}
