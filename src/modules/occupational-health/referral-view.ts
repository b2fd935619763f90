/**
 * What the referrer's and the employee's pages show of a referral: its text as the employee
 * consents to it, and its progress. View models only: plain functions of the records.
 */
import { REFERRAL_STATUSES, SELF_REFERRAL_SERVICES, referralProgress } from '../../domain/oh-referrals.ts';
import type { CaseProgress } from './referral-consent-repository.ts';
import type { Referral } from './referrals-repository.ts';

/** The referral's status in words. */
export function statusWords(status: string): string {
  return REFERRAL_STATUSES[status as keyof typeof REFERRAL_STATUSES] ?? status;
}

/** What a self-referral asked for, in words. */
export function serviceAskedWords(service: string | null): string {
  return service ? (SELF_REFERRAL_SERVICES[service as keyof typeof SELF_REFERRAL_SERVICES] ?? service) : '';
}

/** A referral with its progress, for a page: the whole text, and the steps so far. */
export function referralView(
  referral: Referral,
  progress: ReadonlyMap<number, CaseProgress>,
  toEmployee: boolean,
) {
  const facts = progress.get(referral.id) ?? { appointmentOn: null, report: null };
  return {
    id: referral.id,
    kind: referral.kind,
    status: referral.status,
    statusText: statusWords(referral.status),
    personName: referral.personName,
    jobTitle: referral.jobTitle,
    personEmail: referral.personEmail,
    reason: referral.reason,
    questions: referral.questions,
    jobDemands: referral.jobDemands,
    absenceHistory: referral.absenceHistory,
    serviceAsked: serviceAskedWords(referral.serviceAsked),
    byHr: referral.referrerRelation === 'hr',
    draftedOn: referral.createdAt,
    consentGivenOn: referral.consentGivenOn,
    consentRecordedBy: referral.consentRecordedBy,
    referredOn: referral.referredOn,
    steps: referralProgress(
      {
        status: referral.status,
        referredOn: referral.referredOn,
        triagedOn: referral.triagedOn,
        rejectionReason: referral.rejectionReason,
        consentWithdrawnOn: referral.consentWithdrawnOn,
        closedOn: referral.closedOn,
        appointmentOn: facts.appointmentOn,
        report: facts.report,
      },
      toEmployee,
    ),
  };
}
