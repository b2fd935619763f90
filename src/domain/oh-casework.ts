/**
 * The OH service's casework in words, and its rules of time: where a case stands, the choices of
 * triage, and how long a case has waited in working days (SPEC §6.1: Monday to Friday less the
 * provider's region's bank holidays; a span from A to B counts the working days after A up to and
 * including B).
 */
import { addDays } from './dates.ts';
import { isWorkingDay } from './working-days.ts';

/** Where a case stands, as the caseload shows it and filters by it. */
export const CASE_STAGES = {
  to_triage: 'To triage',
  to_book: 'To book',
  booked: 'Appointment booked',
  report_due: 'Report due',
  seen: 'Seen, no report needed',
  with_employee: 'Report with the employee',
  report_released: 'Report released',
  report_withheld: 'Report withheld',
  referred_out: 'Referred out',
  rejected: 'Rejected',
  withdrawn: 'Consent withdrawn',
  closed: 'Closed',
} as const;
export type CaseStage = keyof typeof CASE_STAGES;
export const CASE_STAGE_CODES = Object.keys(CASE_STAGES) as [CaseStage, ...CaseStage[]];

/** The stages of a case still open: not rejected, withdrawn or closed. */
export const OPEN_STAGES: readonly CaseStage[] = [
  'to_triage',
  'to_book',
  'booked',
  'report_due',
  'seen',
  'with_employee',
  'report_released',
  'report_withheld',
  'referred_out',
];

/**
 * The stages in which the employee still waits on the service: from referral until the report
 * goes to them or to the referrer (a case referred out waits on another provider).
 */
export const WAITING_STAGES: readonly CaseStage[] = ['to_triage', 'to_book', 'booked', 'report_due'];

/** The colour of a stage's tag. */
export function stageColour(stage: CaseStage): string {
  switch (stage) {
    case 'to_triage':
    case 'to_book':
    case 'report_due':
      return 'yellow';
    case 'booked':
    case 'with_employee':
      return 'blue';
    case 'report_released':
    case 'seen':
    case 'referred_out':
      return 'green';
    case 'report_withheld':
    case 'rejected':
    case 'withdrawn':
      return 'orange';
    case 'closed':
      return 'grey';
    default: {
      const unknown: never = stage;
      return unknown;
    }
  }
}

export const PRIORITIES = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' } as const;
export type Priority = keyof typeof PRIORITIES;

/** The services a case is routed to at triage. */
export const ROUTED_SERVICES = {
  nurse: 'OH nurse',
  physician: 'OH physician',
  physio: 'Physiotherapy',
  counsellor: 'Counselling',
  external: 'External provider (referral out)',
} as const;
export type RoutedService = keyof typeof ROUTED_SERVICES;

export const PROFESSIONS = {
  nurse: 'Nurse',
  physician: 'Physician',
  physiotherapist: 'Physiotherapist',
  counsellor: 'Counsellor',
} as const;
export type Profession = keyof typeof PROFESSIONS;

export const REFERRAL_KINDS = { management: 'Management referral', self: 'Self-referral' } as const;

/** The referrer's relation to the employee. */
export const REFERRER_RELATIONS = { manager: 'Line manager', hr: 'HR', self: 'The employee' } as const;

/** Who recorded the employee's consent. */
export const CONSENT_RECORDERS = {
  employee: 'the employee, in self-service',
  referrer: 'the referrer, given in a meeting',
} as const;

/** The waits the caseload filters by: over 5, 10 or 20 working days since referred. */
export const WAITS = [5, 10, 20] as const;

/**
 * The first day of referral that has waited no more than `days` working days by `onDate`: a case
 * referred before it has waited longer. It is the (days + 1)th working day counting back from
 * `onDate` (itself included when a working day).
 */
export function waitedOverCutoff(onDate: string, days: number, holidays: ReadonlySet<string>): string {
  let date = onDate;
  let found = 0;
  for (;;) {
    if (isWorkingDay(date, holidays)) {
      found += 1;
      if (found === days + 1) return date;
    }
    date = addDays(date, -1);
  }
}
