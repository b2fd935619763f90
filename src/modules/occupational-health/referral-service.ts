/**
 * Referrals to OH before OH takes them up: a management referral drafted by a line manager or HR
 * and sent once the employee consents; a self-referral to physiotherapy or counselling; consent
 * withdrawn before triage. The rules are `src/domain/oh-referrals.ts`; the records are written
 * here with their audit events and emails, in the caller's transaction.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import {
  OWN_QUESTIONS_LIMIT,
  QUESTION_LIMIT,
  REFERRAL_TEXT_LIMIT,
  SELF_REFERRAL_SERVICES,
  USUAL_QUESTIONS,
  workingDaysOff,
  type SelfReferralService,
} from '../../domain/oh-referrals.ts';
import { today as todayIn } from '../../domain/today.ts';
import { esrReasonDescription } from '../../reference/esr-sickness-reasons.ts';
import type { Services } from '../../services.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { listField, textField } from '../../web/request-context.ts';
import { bankHolidayDatesBetween } from '../calendar/bank-holidays-repository.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople } from '../notifications/notify.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceServing } from './oh-service-scope-queries.ts';
import { referralConsentRepository } from './referral-consent-repository.ts';
import { personForReferral, personOfAccount, sicknessSince } from './referral-person-queries.ts';
import { insertReferral, type Referral } from './referrals-repository.ts';

/** How far back the absence history offered with a referral goes. */
export const ABSENCE_HISTORY_DAYS = 730;

/** What a referrer is told when no OH service serves the organisation. */
export const NO_SERVICE =
  'No occupational health service serves your organisation yet: ask your partnership’s administrator to arrange one';

export interface OrganisationRef {
  id: number;
  slug: string;
  name: string;
  region: string;
}

export type AbsenceHistory = Referral['absenceHistory'];

/** The person's sickness absence of the last two years, as a referral would give it. */
export async function absenceHistory(
  db: Db,
  organisation: OrganisationRef,
  personId: number,
  date: string,
): Promise<AbsenceHistory> {
  const rows = await sicknessSince(db, organisation.id, personId, addDays(date, -ABSENCE_HISTORY_DAYS));
  const earliest = rows.at(-1)?.startDate;
  const holidays = new Set(
    earliest ? await bankHolidayDatesBetween(db, organisation.region, earliest, date) : [],
  );
  return rows.map((a) => ({
    startDate: a.startDate,
    endDate: a.endDate,
    reason: (a.reasonCode ? esrReasonDescription(a.reasonCode) : null) ?? 'Reason not recorded',
    workingDays: workingDaysOff(a.startDate, a.endDate, date, holidays),
  }));
}

/** A management referral's form, read and checked: every problem at once. */
export function referralForm(body: Record<string, unknown>) {
  const errors: FieldError[] = [];
  const reason = textField(body, 'reason');
  const jobDemands = textField(body, 'jobDemands');
  const usual = listField(body, 'questions');
  const own = textField(body, 'ownQuestions')
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter((q) => q !== '');
  const includeAbsence = textField(body, 'includeAbsence');
  if (!reason) errors.push({ text: 'Say why you are referring them', href: '#reason' });
  else if (reason.length > REFERRAL_TEXT_LIMIT)
    errors.push({ text: 'The reason must be 5,000 characters or fewer', href: '#reason' });
  if (usual.some((q) => !(USUAL_QUESTIONS as readonly string[]).includes(q)))
    errors.push({ text: 'Choose questions from the list, or write your own', href: '#questions' });
  else if (usual.length === 0 && own.length === 0)
    errors.push({ text: 'Choose at least one question, or write your own', href: '#questions' });
  if (own.length > OWN_QUESTIONS_LIMIT)
    errors.push({ text: 'Write no more than 5 questions of your own', href: '#ownQuestions' });
  else if (own.some((q) => q.length > QUESTION_LIMIT))
    errors.push({ text: 'Each of your questions must be 500 characters or fewer', href: '#ownQuestions' });
  if (!jobDemands) errors.push({ text: 'Describe the demands of their job', href: '#jobDemands' });
  else if (jobDemands.length > REFERRAL_TEXT_LIMIT)
    errors.push({ text: 'The job’s demands must be 5,000 characters or fewer', href: '#jobDemands' });
  if (includeAbsence !== 'yes' && includeAbsence !== 'no')
    errors.push({ text: 'Say whether to include their absence history', href: '#includeAbsence' });
  if (errors.length > 0) return { value: null, errors };
  return {
    value: {
      reason,
      jobDemands,
      questions: [...USUAL_QUESTIONS.filter((q) => usual.includes(q)), ...own],
      includeAbsence: includeAbsence === 'yes',
    },
    errors,
  };
}

type ReferralInput = NonNullable<ReturnType<typeof referralForm>['value']>;

function ownReferralLink(services: Services, organisation: OrganisationRef, referralId: number) {
  return `${services.config.publicUrl}${ohPaths.own.referral.build({ org: organisation.slug, referralId })}`;
}

/**
 * Drafts a management referral, to go to OH once the employee consents, and asks the employee
 * for their consent by email. Null when no OH service serves the organisation, or the person is
 * not found.
 */
export async function draftManagementReferral(
  db: Db,
  services: Services,
  request: FastifyRequest,
  organisation: OrganisationRef,
  about: { personId: number; relation: 'hr' | 'manager'; userId: number },
  input: ReferralInput,
): Promise<Referral | null> {
  const date = todayIn();
  const providerId = await serviceServing(db, organisation.id, date);
  const person = await personForReferral(db, organisation.id, about.personId);
  if (providerId === null || !person) return null;
  const referral = await insertReferral(db, {
    organisationId: organisation.id,
    providerOrganisationId: providerId,
    personId: about.personId,
    kind: 'management',
    referredByUserId: about.userId,
    referrerRelation: about.relation,
    personName: person.name,
    jobTitle: person.jobTitle,
    personEmail: person.email,
    reason: input.reason,
    questions: input.questions,
    jobDemands: input.jobDemands,
    absenceHistory: input.includeAbsence ? await absenceHistory(db, organisation, about.personId, date) : [],
    status: 'draft',
  });
  await audit(db, request, {
    action: 'oh-referral.drafted',
    subjectType: 'oh_referral',
    subjectId: referral.id,
    detail: {
      personId: about.personId,
      relation: about.relation,
      absenceHistoryIncluded: input.includeAbsence,
      changed: changedFields(null, {
        reason: input.reason,
        questions: input.questions,
        jobDemands: input.jobDemands,
      }),
    },
  });
  await notifyPeople(db, services.mailer, organisation.id, [
    {
      key: `oh-referral-consent:${referral.id}`,
      personId: about.personId,
      subject: `${person.name}, a referral to occupational health needs your consent`,
      ...renderEmail('oh-referral-consent', {
        name: person.name,
        byWhom: about.relation === 'hr' ? 'HR' : 'Your line manager',
        link: ownReferralLink(services, organisation, referral.id),
        organisationName: organisation.name,
      }),
    },
  ]);
  return referral;
}

/** The referrer records the consent the employee gave in a meeting; null when it was no longer a draft. */
export async function recordConsentGivenInMeeting(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  referral: Referral,
  consentGivenOn: string,
): Promise<Referral | null> {
  const updated = await referralConsentRepository(db, organisationId).recordConsent(referral.id, {
    consentGivenOn,
    consentRecordedBy: 'referrer',
    referredOn: todayIn(),
  });
  if (updated) {
    await audit(db, request, {
      action: 'oh-referral.consent-recorded',
      subjectType: 'oh_referral',
      subjectId: referral.id,
      detail: { personId: referral.personId, consentGivenOn, recordedBy: 'referrer' },
    });
  }
  return updated;
}

/** The employee gives their consent in self-service; null when it was no longer a draft. */
export async function giveConsent(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  referral: Referral,
): Promise<Referral | null> {
  const date = todayIn();
  const updated = await referralConsentRepository(db, organisationId).recordConsent(referral.id, {
    consentGivenOn: date,
    consentRecordedBy: 'employee',
    referredOn: date,
  });
  if (updated) {
    await audit(db, request, {
      action: 'oh-referral.consented',
      subjectType: 'oh_referral',
      subjectId: referral.id,
      detail: { personId: referral.personId, recordedBy: 'employee' },
    });
  }
  return updated;
}

/**
 * The employee withdraws their consent before triage (or refuses it to a draft). The referrer
 * of a management referral is emailed that it was withdrawn, and nothing of why.
 */
export async function withdrawConsent(
  db: Db,
  services: Services,
  request: FastifyRequest,
  organisation: OrganisationRef,
  referral: Referral,
): Promise<Referral | null> {
  const updated = await referralConsentRepository(db, organisation.id).withdrawConsent(
    referral.id,
    referral.personId,
    todayIn(),
  );
  if (!updated) return null;
  await audit(db, request, {
    action: 'oh-referral.consent-withdrawn',
    subjectType: 'oh_referral',
    subjectId: referral.id,
    detail: { personId: referral.personId, statusBefore: referral.status },
  });
  const referrer =
    referral.kind === 'management' && referral.referredByUserId !== null
      ? await personOfAccount(db, organisation.id, referral.referredByUserId)
      : null;
  if (referrer !== null) {
    await notifyPeople(db, services.mailer, organisation.id, [
      {
        key: `oh-referral-withdrawn:${referral.id}`,
        personId: referrer,
        subject: `${referral.personName} has withdrawn consent to the referral to occupational health`,
        ...renderEmail('oh-referral-withdrawn', {
          name: referral.personName,
          link: `${services.config.publicUrl}${ohPaths.referrer.referral.build({ org: organisation.slug, referralId: referral.id })}`,
          organisationName: organisation.name,
        }),
      },
    ]);
  }
  return updated;
}

/** A self-referral's form, read and checked. */
export function selfReferralForm(body: Record<string, unknown>) {
  const errors: FieldError[] = [];
  const service = textField(body, 'service');
  const reason = textField(body, 'reason');
  if (!(service in SELF_REFERRAL_SERVICES))
    errors.push({ text: 'Choose physiotherapy or counselling', href: '#service' });
  if (!reason) errors.push({ text: 'Say what you would like help with', href: '#reason' });
  else if (reason.length > REFERRAL_TEXT_LIMIT)
    errors.push({ text: 'What you would like help with must be 5,000 characters or fewer', href: '#reason' });
  if (errors.length > 0) return { value: null, errors };
  return { value: { service: service as SelfReferralService, reason }, errors };
}

/**
 * The employee refers themselves to physiotherapy or counselling: it goes to OH at once with their
 * consent, and nobody in their organisation is told. Null when no OH service serves it.
 */
export async function selfRefer(
  db: Db,
  request: FastifyRequest,
  organisation: OrganisationRef,
  who: { personId: number; userId: number },
  input: { service: SelfReferralService; reason: string },
): Promise<Referral | null> {
  const date = todayIn();
  const providerId = await serviceServing(db, organisation.id, date);
  const person = await personForReferral(db, organisation.id, who.personId);
  if (providerId === null || !person) return null;
  const referral = await insertReferral(db, {
    organisationId: organisation.id,
    providerOrganisationId: providerId,
    personId: who.personId,
    kind: 'self',
    referredByUserId: who.userId,
    referrerRelation: 'self',
    personName: person.name,
    jobTitle: person.jobTitle,
    personEmail: person.email,
    reason: input.reason,
    serviceAsked: input.service,
    status: 'submitted',
    consentGivenOn: date,
    consentRecordedBy: 'employee',
    referredOn: date,
  });
  await audit(db, request, {
    action: 'oh-referral.self-referred',
    subjectType: 'oh_referral',
    subjectId: referral.id,
    detail: { personId: who.personId, serviceAsked: input.service },
  });
  return referral;
}
