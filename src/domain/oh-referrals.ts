/**
 * The rules of a referral to occupational health before OH takes it up: what may happen to it in
 * each status (consent, withdrawal), who may see it, and its progress in words for the referrer
 * and the employee (never anything clinical). Plain functions of their arguments.
 */
import { addDays } from './dates.ts';
import { workingDaysAfter } from './working-days.ts';
import { ukDate } from './date-words.ts';

/** Where a referral stands (the contract between the parts of the OH service). */
export const REFERRAL_STATUSES = {
  draft: 'Waiting for consent',
  submitted: 'With occupational health',
  accepted: 'Accepted by occupational health',
  rejected: 'Not accepted by occupational health',
  withdrawn: 'Consent withdrawn',
  closed: 'Closed',
} as const;

export type ReferralStatus = keyof typeof REFERRAL_STATUSES;

/** The questions referrers usually ask, offered as checkboxes; they may add their own. */
export const USUAL_QUESTIONS = [
  'Is the employee fit for their role?',
  'What adjustments would help?',
  'Is the disability provision of the Equality Act likely to apply?',
  'When is a return likely?',
] as const;

/** The services an employee may refer themselves to. */
export const SELF_REFERRAL_SERVICES = {
  physio: 'Physiotherapy',
  counsellor: 'Counselling',
} as const;

export type SelfReferralService = keyof typeof SELF_REFERRAL_SERVICES;

/** The longest a referral's free text may be, in characters. */
export const REFERRAL_TEXT_LIMIT = 5000;
/** The most questions of their own a referrer may ask, and the longest each may be. */
export const OWN_QUESTIONS_LIMIT = 5;
export const QUESTION_LIMIT = 500;

interface ReferralState {
  kind: string;
  status: string;
}

/**
 * Whether the employee's consent may be given to the referral now: a management referral waiting
 * for it. A self-referral carries the employee's consent from the start.
 */
export function mayGiveConsent(referral: ReferralState): boolean {
  return referral.kind === 'management' && referral.status === 'draft';
}

/**
 * Whether the employee may withdraw (or, for a draft, refuse) their consent now: until OH has
 * triaged the referral.
 */
export function mayWithdrawConsent(referral: ReferralState): boolean {
  return referral.status === 'draft' || referral.status === 'submitted';
}

/**
 * What is wrong with the date a referrer says the employee gave consent in a meeting, or null:
 * a consent is to this referral, so it cannot come before the referral was written, nor after today.
 */
export function consentDateProblem(date: string, draftedOn: string, today: string): string | null {
  if (date > today) return 'The date of the meeting must be today or in the past';
  if (date < draftedOn)
    return `The date of the meeting must be on or after ${ukDate(draftedOn)}, when the referral was written`;
  return null;
}

/** How the viewer stands to the person a referral is about: HR, their line manager, or neither. */
export type ReferrerRelation = 'hr' | 'manager' | null;

/**
 * Whether a referrer may see a referral: never a self-referral; HR every management referral of
 * the organisation; a line manager those they made, and those about their reporting line.
 */
export function referrerMaySee(
  referral: { kind: string; referredByUserId: number | null },
  viewer: { userId: number; relation: ReferrerRelation },
): boolean {
  if (referral.kind !== 'management') return false;
  if (viewer.relation !== null) return true;
  return referral.referredByUserId === viewer.userId;
}

/** One step of a referral's progress, in words. */
export interface ProgressStep {
  text: string;
  done: boolean;
}

/** What the referrer and the employee may know of a referral's progress: dates and outcomes only. */
export interface ProgressFacts {
  status: string;
  referredOn: string | null;
  triagedOn: string | null;
  rejectionReason: string | null;
  consentWithdrawnOn: string | null;
  closedOn: string | null;
  /** The date of the case's latest appointment that is not cancelled, if any. */
  appointmentOn: string | null;
  /** The report's status and the day it was released or withheld, if there is one. */
  report: {
    status: string;
    releasedOn: string | null;
    withheldOn: string | null;
    reviewEndsOn?: string | null;
  } | null;
}

/**
 * The referral's progress: submitted → triaged → appointment on a date → report released or
 * withheld; withdrawn or closed where it ended so. Nothing clinical. For the employee's own page
 * (`toEmployee`) it speaks to them.
 */
export function referralProgress(facts: ProgressFacts, toEmployee = false): ProgressStep[] {
  const on = (date: string | null) => (date ? ` on ${ukDate(date)}` : '');
  const steps: ProgressStep[] = [];
  if (facts.status === 'draft') {
    return [{ text: `Waiting for ${toEmployee ? 'your' : 'the employee’s'} consent`, done: false }];
  }
  if (facts.referredOn)
    steps.push({ text: `Sent to occupational health${on(facts.referredOn)}`, done: true });
  if (facts.status === 'withdrawn') {
    steps.push({ text: `Consent withdrawn${on(facts.consentWithdrawnOn)}`, done: true });
    return steps;
  }
  if (facts.status === 'rejected' || facts.rejectionReason) {
    const reason = facts.rejectionReason ? `: ${facts.rejectionReason}` : '';
    steps.push({ text: `Not accepted${on(facts.triagedOn)}${reason}`, done: true });
  } else if (facts.triagedOn) {
    steps.push({ text: `Accepted${on(facts.triagedOn)}`, done: true });
    if (facts.appointmentOn) steps.push({ text: `Appointment${on(facts.appointmentOn)}`, done: true });
    else if (facts.status !== 'closed') steps.push({ text: 'Waiting for an appointment', done: false });
    if (facts.report?.status === 'released') {
      steps.push({ text: `Report released${on(facts.report.releasedOn)}`, done: true });
    } else if (facts.report?.status === 'withheld') {
      steps.push({
        text: `Report withheld by ${toEmployee ? 'you' : 'the employee'}${on(facts.report.withheldOn)}`,
        done: true,
      });
    } else if (toEmployee && facts.report?.status === 'with_employee') {
      const by = facts.report.reviewEndsOn ? ` by ${ukDate(facts.report.reviewEndsOn)}` : '';
      steps.push({
        text: `Your report is ready for you to read: release it, ask for corrections or withhold it${by}`,
        done: false,
      });
    } else if (facts.appointmentOn && facts.status !== 'closed') {
      steps.push({ text: 'Report not yet released', done: false });
    }
  } else if (facts.status !== 'closed') {
    steps.push({ text: 'Waiting to be triaged', done: false });
  }
  if (facts.status === 'closed') steps.push({ text: `Closed${on(facts.closedOn)}`, done: true });
  return steps;
}

/**
 * The working days of an absence, as the referral's history gives it: Monday to Friday, less the
 * bank holidays given, from its first day to its last (an open one to `today`).
 */
export function workingDaysOff(
  startDate: string,
  endDate: string | null,
  today: string,
  bankHolidays: ReadonlySet<string>,
): number {
  const last = endDate === null || endDate > today ? today : endDate;
  if (last < startDate) return 0;
  // The working days from the first day on: those after the day before it.
  return workingDaysAfter(addDays(startDate, -1), last, bankHolidays);
}
