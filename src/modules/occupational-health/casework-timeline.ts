/**
 * A case's timeline for the OH service: referred with consent, triaged, each appointment booked
 * and what came of it, the report's journey, and the closing. Dates and events only: nothing of
 * a note or of the report's content.
 */
import { ukDate } from '../../domain/date-words.ts';
import { CONSENT_RECORDERS, ROUTED_SERVICES, type RoutedService } from '../../domain/oh-casework.ts';
import type { caseworkRepository } from './casework-repository.ts';
import type { Referral } from './referrals-repository.ts';

export interface TimelineItem {
  label: { text: string };
  text: string;
  datetime: { timestamp: string; type: 'date' };
}

type Facts = Awaited<ReturnType<ReturnType<typeof caseworkRepository>['timelineFacts']>>;

const CANCELLED_BY = { employee: 'the employee', referrer: 'the referrer', service: 'the service' } as const;

/** What happened in the case, newest first; entries of one day keep the order they happened in. */
export function caseTimeline(referral: Referral, facts: Facts): TimelineItem[] {
  const entries: { date: string; order: number; item: TimelineItem }[] = [];
  const add = (date: string | null | undefined, order: number, title: string, text: string) => {
    if (!date) return;
    const day = date.slice(0, 10);
    entries.push({
      date: day,
      order,
      item: { label: { text: title }, text, datetime: { timestamp: day, type: 'date' } },
    });
  };
  const recorder = CONSENT_RECORDERS[referral.consentRecordedBy as keyof typeof CONSENT_RECORDERS];
  add(
    referral.consentGivenOn,
    0,
    'Consent given',
    recorder ? `The employee’s consent was recorded by ${recorder}.` : 'The employee consented.',
  );
  add(
    referral.referredOn,
    1,
    referral.kind === 'self' ? 'Self-referral made' : 'Referred to OH',
    'The referral reached the service.',
  );
  add(
    referral.consentWithdrawnOn,
    2,
    'Consent withdrawn',
    'The employee withdrew their consent before triage.',
  );
  if (referral.status === 'rejected' || (referral.triagedOn && referral.rejectionReason)) {
    add(referral.triagedOn, 3, 'Rejected at triage', referral.rejectionReason ?? '');
  } else if (referral.triagedOn) {
    const service = ROUTED_SERVICES[referral.service as RoutedService] ?? 'Not recorded';
    const out = referral.externalProvider ? `, ${referral.externalProvider}` : '';
    add(referral.triagedOn, 3, 'Accepted at triage', `Service: ${service}${out}.`);
  }
  for (const appointment of facts.appointments) {
    const when = `${ukDate(appointment.heldOn)} at ${appointment.startsAt}`;
    add(appointment.createdAt, 4, 'Appointment booked', `For ${when}.`);
    if (appointment.status === 'attended') add(appointment.heldOn, 5, 'Appointment attended', `On ${when}.`);
    if (appointment.status === 'did_not_attend')
      add(appointment.heldOn, 5, 'Did not attend', `The employee did not attend on ${when}.`);
    if (appointment.status === 'cancelled') {
      const by = CANCELLED_BY[appointment.cancelledBy as keyof typeof CANCELLED_BY];
      add(
        appointment.cancelledAt,
        5,
        'Appointment cancelled',
        `The appointment for ${when} was cancelled${by ? ` by ${by}` : ''}.`,
      );
    }
  }
  const report = facts.report;
  if (report) {
    add(
      report.sentToEmployeeOn,
      6,
      'Report sent to the employee',
      report.reviewEndsOn ? `Their review ends on ${ukDate(report.reviewEndsOn)}.` : 'For their review.',
    );
    for (const correction of facts.corrections) {
      add(correction.askedAt, 7, 'Correction asked for', 'The employee asked for a factual correction.');
      if (correction.status === 'corrected')
        add(correction.answeredAt, 8, 'Report corrected', 'A fact was corrected.');
      if (correction.status === 'declined')
        add(
          correction.answeredAt,
          8,
          'Correction declined',
          'A matter of professional opinion, not of fact.',
        );
    }
    add(report.releasedOn, 9, 'Report released', 'The report went to the referrer.');
    add(
      report.withheldOn,
      9,
      'Report withheld',
      'The employee withheld the report; the referrer is told only that.',
    );
  }
  add(referral.closedOn, 10, 'Case closed', referral.closeReason ?? '');
  return entries
    .sort((a, b) => (a.date === b.date ? b.order - a.order : a.date < b.date ? 1 : -1))
    .map((e) => e.item);
}
