/**
 * What a valid report period is, for every way of asking for one: the report pages, the JSON
 * API and the command line each read the period their own way (form fields, query string,
 * flags) and show a problem their own way, but the checks, their wording and the usual periods
 * are these.
 *
 * Two reports ask for periods, with rules of their own:
 * - the absence report (SPEC §6 and §7) takes any real dates, of any length;
 * - the management information (hotspots, reasons, cost, the policy comparison)
 *   takes periods from 2000 on and of at most 10 years, as its scorecard's months do.
 * A period must end by today, as sickness after today is not yet known, except on the command
 * line and its twin in the API, whose contract (SPEC §7) has always taken any period in order.
 */
import { addDays, EARLIEST_YEAR, LATEST_YEAR, monthStart } from './dates.ts';
import { ukDate } from './date-words.ts';
import { rollingTwelveMonths, type Period } from './scorecard.ts';

export type { Period };

// ------------------------------------------------------------------ the usual periods

/** The usual periods, as the choices of a report page name them, and `custom` for any other. */
export const PERIOD_CHOICES = ['last-12-months', 'this-month', 'last-financial-year', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];
export type UsualPeriodChoice = Exclude<PeriodChoice, 'custom'>;

export const PERIOD_CHOICE_TEXT: Record<PeriodChoice, string> = {
  'last-12-months': 'Last 12 months',
  'this-month': 'This month so far',
  'last-financial-year': 'Last financial year (April to March)',
  custom: 'Another period',
};

/**
 * The period of a report when none is asked for: the last 12 months (the rolling 12 months,
 * the 12 full months before the current one), the period the organisation's target is set for.
 */
export const DEFAULT_PERIOD_CHOICE: UsualPeriodChoice = 'last-12-months';

/** The last financial year (1 April to 31 March) that is over by a date. */
export function lastFinancialYear(today: string): Period {
  const year = Number(today.slice(0, 4));
  const endYear = today.slice(5) >= '04-01' ? year : year - 1;
  return { from: `${endYear - 1}-04-01`, to: `${endYear}-03-31` };
}

/** The periods each usual choice stands for on a date. */
export function usualPeriods(today: string): Record<UsualPeriodChoice, Period> {
  return {
    'last-12-months': rollingTwelveMonths(today),
    'this-month': { from: monthStart(today), to: today },
    'last-financial-year': lastFinancialYear(today),
  };
}

/** The period of a report when none is asked for, on a date. */
export function defaultReportPeriod(today: string): Period {
  return usualPeriods(today)[DEFAULT_PERIOD_CHOICE];
}

// ------------------------------------------------------------------ the rules

export interface ReportPeriodRules {
  /** The years the dates must lie in, inclusive. */
  earliestYear: number;
  latestYear: number;
  /** The longest period allowed, in years of 366 days; null for any length. */
  longestYears: number | null;
  /** Whether the period must end today or earlier. */
  endsByToday: boolean;
}

/** The absence report's periods on its page: any real dates, of any length, ending by today. */
export const ABSENCE_REPORT_PERIOD_RULES: ReportPeriodRules = {
  earliestYear: EARLIEST_YEAR,
  latestYear: LATEST_YEAR,
  longestYears: null,
  endsByToday: true,
};

/**
 * The absence report's periods on the command line and through the API's absence report: the
 * contract of SPEC §7, which has always taken a period ending after today (open absences then
 * count to its end, SPEC §6).
 */
export const ABSENCE_REPORT_CONTRACT_PERIOD_RULES: ReportPeriodRules = {
  ...ABSENCE_REPORT_PERIOD_RULES,
  endsByToday: false,
};

/** The management information's periods, on its pages and through the API. */
export const MANAGEMENT_INFORMATION_PERIOD_RULES: ReportPeriodRules = {
  earliestYear: 2000,
  latestYear: LATEST_YEAR,
  longestYears: 10,
  endsByToday: true,
};

/** One end of a period: its start (`from`) or its end (`to`). */
export type PeriodEnd = 'from' | 'to';

/** What can be wrong with a period whose dates are real ones. */
export type ReportPeriodProblem =
  | { kind: 'year-out-of-range'; end: PeriodEnd; earliestYear: number; latestYear: number }
  | { kind: 'ends-after-today'; end: 'to'; today: string }
  | { kind: 'ends-before-start'; end: 'to' }
  | { kind: 'too-long'; end: 'from'; longestYears: number };

/**
 * Every problem with a period, in the order a person reads them: each end's year, then the
 * period as a whole. Either end may be missing (not given, or not a real date, which each reader
 * tells in its own words): the other is still checked, and the whole only when both are there.
 */
export function reportPeriodProblems(
  period: { from: string | null; to: string | null },
  rules: ReportPeriodRules,
  today: string,
): ReportPeriodProblem[] {
  const problems: ReportPeriodProblem[] = [];
  for (const end of ['from', 'to'] as const) {
    const value = period[end];
    if (value === null) continue;
    const year = Number(value.slice(0, 4));
    if (year < rules.earliestYear || year > rules.latestYear) {
      problems.push({
        kind: 'year-out-of-range',
        end,
        earliestYear: rules.earliestYear,
        latestYear: rules.latestYear,
      });
    }
  }
  const { from, to } = period;
  if (from === null || to === null) return problems;
  if (rules.endsByToday && to > today) problems.push({ kind: 'ends-after-today', end: 'to', today });
  if (to < from) {
    problems.push({ kind: 'ends-before-start', end: 'to' });
  } else if (rules.longestYears !== null && from <= addDays(to, -366 * rules.longestYears)) {
    problems.push({ kind: 'too-long', end: 'from', longestYears: rules.longestYears });
  }
  return problems;
}

// ------------------------------------------------------------------ the problems in words

export const PERIOD_END_NAMES: Record<PeriodEnd, string> = {
  from: 'The start of the period',
  to: 'The end of the period',
};

/** A problem as a report page tells it, about its date fields. */
export function periodProblemText(problem: ReportPeriodProblem): string {
  switch (problem.kind) {
    case 'year-out-of-range':
      return `${PERIOD_END_NAMES[problem.end]} must be between the years ${problem.earliestYear} and ${problem.latestYear}`;
    case 'ends-after-today':
      return `The end of the period must be today (${ukDate(problem.today)}) or earlier: sickness after today is not yet known`;
    case 'ends-before-start':
      return 'The end of the period must not be before its start';
    case 'too-long':
      return `The period must be no longer than ${problem.longestYears} years`;
  }
}

/** A problem as the API and the command line tell it, about their `from` and `to` parameters. */
export function periodParameterProblemText(problem: ReportPeriodProblem): string {
  switch (problem.kind) {
    case 'year-out-of-range':
      return `from and to must be between the years ${problem.earliestYear} and ${problem.latestYear}`;
    case 'ends-after-today':
      return `to must be today (${problem.today}) or earlier: sickness after today is not yet known`;
    case 'ends-before-start':
      return 'to must not be before from';
    case 'too-long':
      return `the period from from to to must be no longer than ${problem.longestYears} years`;
  }
}
