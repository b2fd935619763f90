/**
 * The period of a report, as every report page asks for it: a choice of the usual periods (the
 * last 12 months, this month so far, the last financial year) or a custom one given as two GOV.UK
 * date inputs (`from-day`, `from-month`, `from-year`; `to-…`). Links and bookmarks may still
 * give the period as `from` and `to` in the form YYYY-MM-DD. One reader for every page, so that
 * every page offers the same choices and explains a mistake the same way: every problem listed,
 * each naming the field and linking to it.
 */
import { isRealDate } from '../domain/dates.ts';
import {
  DEFAULT_PERIOD_CHOICE,
  lastFinancialYear,
  MANAGEMENT_INFORMATION_PERIOD_RULES,
  PERIOD_CHOICE_TEXT,
  PERIOD_CHOICES,
  periodProblemText,
  reportPeriodProblems,
  usualPeriods,
  type Period,
  type PeriodChoice,
  type PeriodEnd,
  PERIOD_END_NAMES,
  type ReportPeriodProblem,
  type ReportPeriodRules,
  type UsualPeriodChoice,
} from '../domain/report-period-rules.ts';
import { dateFromParts, dateParts, type FieldError } from './forms.ts';
import { ukDate } from './nunjucks.ts';

export { lastFinancialYear, PERIOD_CHOICES, type PeriodChoice };

/** The periods each choice stands for on a date. */
export const presetPeriods = usualPeriods;

type DateFields = ReturnType<typeof dateParts>;

/** What the period fields of a report form show: the choice made and the dates typed. */
export interface ReportPeriodForm {
  choice: PeriodChoice;
  choices: { value: PeriodChoice; text: string; hint: string | null }[];
  from: DateFields;
  to: DateFields;
  /**
   * The dates the fields showed when the page was made, sent back with the form: dates that
   * differ were typed, and typed dates mean another period whichever choice is ticked.
   */
  shown: string;
}

export type ReportPeriodReading =
  | {
      ok: true;
      period: Period;
      form: ReportPeriodForm;
      /** The period as a link gives it, for downloads, pages of rows and bookmarks. */
      query: { from: string; to: string };
    }
  | { ok: false; errors: FieldError[]; form: ReportPeriodForm };

export interface ReportPeriodOptions {
  today: string;
  /** The choice when the query makes none. */
  defaultChoice?: UsualPeriodChoice;
  /** The report's rules for its period: the management information's unless given. */
  rules?: ReportPeriodRules;
}

/** A date of a link (YYYY-MM-DD) as the three fields, as far as it can be split. */
function partsOfIsoText(value: string): DateFields {
  const match = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The three fields of one end of a custom period, as typed. */
function typedParts(values: Readonly<Record<string, string | undefined>>, end: PeriodEnd): DateFields {
  return {
    day: values[`${end}-day`]?.trim() ?? '',
    month: values[`${end}-month`]?.trim() ?? '',
    year: values[`${end}-year`]?.trim() ?? '',
  };
}

/** The dates of the fields as one text, to tell whether they were changed. */
function datesText(from: DateFields, to: DateFields): string {
  return [from.day, from.month, from.year, to.day, to.month, to.year].join('/');
}

/**
 * One end of a custom period, from its three fields or, failing those, from a link's YYYY-MM-DD:
 * a real date, or what is wrong with what was given in the words of the fields.
 */
function readEnd(
  values: Readonly<Record<string, string | undefined>>,
  end: PeriodEnd,
): { value: string | null; parts: DateFields; error: FieldError | null } {
  const name = PERIOD_END_NAMES[end];
  const typed = typedParts(values, end);
  const href = (part: keyof DateFields = 'day') => `#${end}-${part}`;
  const iso = values[end]?.trim() ?? '';
  if (!typed.day && !typed.month && !typed.year) {
    if (!iso)
      return { value: null, parts: typed, error: { text: `Enter ${name.toLowerCase()}`, href: href() } };
    const parts = partsOfIsoText(iso);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isRealDate(iso)) {
      return {
        value: null,
        parts,
        error: {
          text: `${name} must be a real date, like 1 4 2025 (the address gave “${iso}”)`,
          href: href(),
        },
      };
    }
    return { value: iso, parts, error: null };
  }
  const missing = (['day', 'month', 'year'] as const).filter((part) => !typed[part]);
  if (missing.length > 0) {
    const words = missing.length === 1 ? `a ${missing[0]}` : `a ${missing.join(' and a ')}`;
    return {
      value: null,
      parts: typed,
      error: { text: `${name} must include ${words}`, href: href(missing[0]) },
    };
  }
  const read = dateFromParts(values, end, name);
  if (read.error !== null || read.value === null) {
    return {
      value: null,
      parts: typed,
      error: { text: `${name} must be a real date, like 1 4 2025`, href: href() },
    };
  }
  return { value: read.value, parts: typed, error: null };
}

/** A problem with the period as the error summary lists it: linked to the day of the end it is about. */
function periodError(problem: ReportPeriodProblem): FieldError {
  return { text: periodProblemText(problem), href: `#${problem.end}-day` };
}

/**
 * Reads a report's period from its query: `period` (one of the choices), the custom dates'
 * fields, or a link's `from` and `to`. Returns the period, or every problem with it.
 */
export function readReportPeriod(
  values: Readonly<Record<string, string | undefined>>,
  options: ReportPeriodOptions,
): ReportPeriodReading {
  const presets = presetPeriods(options.today);
  const rules = options.rules ?? MANAGEMENT_INFORMATION_PERIOD_RULES;
  const defaultChoice = options.defaultChoice ?? DEFAULT_PERIOD_CHOICE;
  const asked = values.period?.trim() ?? '';
  const fromLink = !asked && Boolean(values.from?.trim() || values.to?.trim());
  const choices = PERIOD_CHOICES.map((value) => {
    const period = value === 'custom' ? null : presets[value];
    return {
      value,
      text: PERIOD_CHOICE_TEXT[value],
      hint: period ? `${ukDate(period.from)} to ${ukDate(period.to)}` : null,
    };
  });
  const form = (choice: PeriodChoice, from: DateFields, to: DateFields): ReportPeriodForm => ({
    choice,
    choices,
    from,
    to,
    shown: datesText(from, to),
  });
  const blank = dateParts(null);

  if (asked && !(PERIOD_CHOICES as readonly string[]).includes(asked)) {
    return {
      ok: false,
      errors: [{ text: 'Choose a period from the list', href: '#period' }],
      form: form(defaultChoice, blank, blank),
    };
  }
  const typed = datesText(typedParts(values, 'from'), typedParts(values, 'to'));
  const datesTyped = typed !== datesText(blank, blank) && typed !== (values.shown ?? '');
  const choice = (datesTyped ? 'custom' : asked || (fromLink ? 'custom' : defaultChoice)) as PeriodChoice;
  if (choice !== 'custom') {
    const period = presets[choice];
    return { ok: true, period, form: form(choice, blank, blank), query: { ...period } };
  }

  // A link that gives one end only keeps the other of the usual period, as links always have.
  const fallback = presets[defaultChoice];
  const given = fromLink
    ? { ...values, from: values.from?.trim() || fallback.from, to: values.to?.trim() || fallback.to }
    : values;
  const start = readEnd(given, 'from');
  const end = readEnd(given, 'to');
  const problems = reportPeriodProblems({ from: start.value, to: end.value }, rules, options.today);
  // Each end's own problem (not a real date, or outside the years) first; then the whole
  // period's, once both ends are dates the page takes, so that one mistake is told once.
  const yearProblems = problems.filter((p) => p.kind === 'year-out-of-range');
  const problemOf = (side: PeriodEnd) => {
    const problem = yearProblems.find((p) => p.end === side);
    return problem ? periodError(problem) : null;
  };
  const errors = [
    start.error ?? problemOf('from'),
    end.error ?? problemOf('to'),
    ...(yearProblems.length > 0 ? [] : problems.map(periodError)),
  ].filter((e): e is FieldError => e !== null);
  const shown = form('custom', start.parts, end.parts);
  if (errors.length > 0 || start.value === null || end.value === null)
    return { ok: false, errors, form: shown };
  const period = { from: start.value, to: end.value };
  return {
    ok: true,
    period,
    form: form('custom', dateParts(period.from), dateParts(period.to)),
    query: { ...period },
  };
}

/** The period fields' names, to leave out of a query when a page reads its own fields. */
export const PERIOD_FIELD_NAMES: readonly string[] = [
  'period',
  'shown',
  'from',
  'to',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
];
