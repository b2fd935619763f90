/**
 * The fitness-for-work report's rules, under the Faculty of Occupational Medicine's ethics
 * guidance: the clinician writes it as a draft; sent, it goes straight to the referrer, or, when
 * the employee asked at the appointment to see it first, to the employee for a review window of
 * working days. The employee may then release it, withhold it, or ask for factual corrections,
 * which the clinician makes (facts, never opinion) or declines.
 */
import { addWorkingDays } from './working-days.ts';

export const REPORT_OUTCOMES = {
  fit: 'Fit for their role',
  fit_with_adjustments: 'Fit for their role with adjustments',
  temporarily_unfit: 'Temporarily unfit for their role',
  unfit: 'Unfit for their role',
} as const;
export type ReportOutcome = keyof typeof REPORT_OUTCOMES;

export const DISABILITY_OPINIONS = {
  likely: 'Likely to apply',
  unlikely: 'Unlikely to apply',
  not_known: 'Cannot yet say',
} as const;
export type DisabilityOpinion = keyof typeof DISABILITY_OPINIONS;

export const REPORT_STATUSES = {
  draft: 'Draft',
  with_employee: 'With the employee to review',
  released: 'Released',
  withheld: 'Withheld by the employee',
} as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;

export const CORRECTION_STATUSES = {
  open: 'Waiting for the clinician',
  corrected: 'Corrected',
  declined: 'Not changed: a matter of clinical opinion',
} as const;
export type CorrectionStatus = keyof typeof CORRECTION_STATUSES;

/** What may be done to a report, by whom. */
export type ReportAction =
  'edit' | 'send' | 'release' | 'withhold' | 'ask-correction' | 'answer-correction' | 'add-adjustments';

/** Whether the action may be taken on a report in the status. */
export function reportAllows(status: string, action: ReportAction): boolean {
  switch (action) {
    case 'edit':
    case 'send':
      return status === 'draft';
    case 'release':
    case 'withhold':
    case 'ask-correction':
    case 'answer-correction':
      return status === 'with_employee';
    case 'add-adjustments':
      return status === 'released';
  }
}

/** Where a sent report goes: to the employee first when they asked to see it, else to the referrer. */
export function statusOnSending(employeeSeesFirst: boolean): 'with_employee' | 'released' {
  return employeeSeesFirst ? 'with_employee' : 'released';
}

/** The most working days a review window may be agreed for. */
export const LONGEST_REVIEW_WINDOW = 20;

/** The last day of the employee's review: the window's working days after the day it was sent. */
export function reviewEndsOn(sentOn: string, workingDays: number, bankHolidays: ReadonlySet<string>): string {
  return addWorkingDays(sentOn, workingDays, bankHolidays);
}

/** What the referrer and HR may know of a report: its content once released, or only where it stands. */
export function referrerSees(status: string): 'nothing' | 'with_employee' | 'withheld' | 'released' {
  if (status === 'with_employee' || status === 'withheld' || status === 'released') return status;
  return 'nothing';
}

/** The recommended adjustments, one a line as the clinician wrote them, without blanks or repeats. */
export function adjustmentLines(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
    .filter((line) => line !== '');
  return [...new Set(lines)];
}

/**
 * The adjustments still to add to the passport and plan: none once they have been added, so a
 * second request adds nothing twice.
 */
export function adjustmentsToAdd(report: {
  status: string;
  adjustments: readonly string[];
  adjustmentsAddedOn: string | null;
}): string[] {
  if (!reportAllows(report.status, 'add-adjustments') || report.adjustmentsAddedOn !== null) return [];
  return [...report.adjustments];
}
