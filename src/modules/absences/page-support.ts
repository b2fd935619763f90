/**
 * What the absence pages share: an absence as a row for a table, the choices an absence form
 * offers in words for whom it is about, and telling the line manager of a new sickness.
 */
import type { FastifyRequest } from 'fastify';
import { ABSENCE_TYPE_NAMES, ABSENCE_TYPES } from '../../domain/absence-rules.ts';
import { codeWords, reasonWords } from '../../domain/labels.ts';
import { today } from '../../domain/today.ts';
import { ESR_SICKNESS_REASONS } from '../../reference/esr-sickness-reasons.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import type { Services } from '../../services.ts';
import type { Db } from '../../db/database.ts';
import { CERTIFICATIONS, FIT_NOTE_ADVICE, ownCertifications, type AbsenceInput } from './absence-form.ts';
import { notifySicknessReported } from '../notifications/sickness-reported.ts';
import type { AbsenceRecord } from './absences-repository.ts';
import type { Subject } from '../../web/subject.ts';

/**
 * The choices an absence form offers, with the self-certification period in force on the day.
 * The employee reporting their own sickness sees plain words; a manager or HR also sees the
 * payroll reason codes they report against.
 */
function formOptions(date: string, subject: Subject) {
  const selfCertificationDays = ruleOn(SELF_CERTIFICATION_DAYS, date);
  const certificationWords = subject.self ? ownCertifications(selfCertificationDays) : CERTIFICATIONS;
  return {
    types: ABSENCE_TYPES.map((t) => ({ value: t, text: ABSENCE_TYPE_NAMES[t] })),
    reasons: ESR_SICKNESS_REASONS.map((r) => ({
      value: r.code,
      text: subject.self ? r.description : `${r.code} ${r.description}`,
    })),
    certifications: Object.entries(certificationWords).map(([value, text]) => ({ value, text })),
    advice: Object.entries(FIT_NOTE_ADVICE).map(([value, text]) => ({ value, text })),
    selfCertificationDays,
  };
}

/** Whom an absence form is about, with the choices in words for them. */
export function formSubject(subject: Subject) {
  return { subject, options: formOptions(today(), subject) };
}

/** An absence as a row for a table. */
export function absenceRow(a: AbsenceRecord, href: string | null) {
  return {
    id: a.id,
    href,
    type: codeWords('absenceType', a.type),
    isSickness: a.type === 'sickness',
    startDate: a.startDate,
    endDate: a.endDate,
    reason: a.reasonCode ? reasonWords(a.reasonCode) : null,
    certification: a.certification
      ? (CERTIFICATIONS[a.certification as keyof typeof CERTIFICATIONS] ?? null)
      : null,
    disabilityRelated: a.disabilityRelated,
    open: a.endDate === null,
  };
}

/** A new sickness, reported by the person or recorded by someone else: their manager is told. */
export const tellManagerOfSickness = async (
  db: Db,
  services: Services,
  organisation: { id: number; slug: string; name: string },
  personId: number,
  input: AbsenceInput,
  absenceId: number,
  request: FastifyRequest,
) => {
  if (input.type !== 'sickness') return;
  await notifySicknessReported(db, services, organisation, {
    absenceId,
    personId,
    startDate: input.startDate,
    recordedByUserId: request.principal?.userId ?? null,
  });
};
