import { ukDate } from '../../domain/date-words.ts';
import { codeWords } from '../../domain/labels.ts';
import type { Db } from '../../db/database.ts';
import {
  conflictingAbsence,
  outsideEmployment,
  type AbsenceSpan,
  type AbsenceType,
} from '../../domain/absence-rules.ts';
import { dayNumber, weekdayIndex, weekOfHours } from '../../domain/absence-report.ts';
import { addDays } from '../../domain/dates.ts';
import { fitNoteGap, type FitNoteGap } from '../../domain/fit-notes.ts';
import { paths } from '../../web/paths.ts';
import type { FieldError } from '../../web/forms.ts';
import { isBankHoliday } from '../calendar/bank-holidays-repository.ts';
import { termsInForceOn } from '../people/employment-terms-queries.ts';
import { peopleRepository } from '../people/people-repository.ts';
import type { AbsenceInput } from './absence-form.ts';
import { absencesRepository, type AbsenceRecord } from './absences-repository.ts';
import { sicknessesPastSelfCertification } from './fit-notes-queries.ts';

/** The hours a person is scheduled to work on a date (SPEC §6), from their terms that day. */
export async function scheduledHoursOnDate(
  db: Db,
  organisation: { id: number; region: string },
  personId: number,
  date: string,
) {
  const spell = await termsInForceOn(db, organisation.id, personId, date);
  if (!spell) return 0;
  if (!spell.worksBankHolidays && (await isBankHoliday(db, organisation.region, date))) return 0;
  return weekOfHours(spell)[weekdayIndex(dayNumber(date))] ?? 0;
}

/** Checks an absence against the person's employment and their other absences. */
async function problemsWith(
  db: Db,
  organisation: { id: number; region: string },
  personId: number,
  absence: AbsenceSpan & { firstDayHours: number | null },
  ignoreAbsenceId: number | null,
): Promise<FieldError[]> {
  const person = await peopleRepository(db, organisation.id).find(personId);
  if (!person) return [{ text: 'That person is not in this organisation', href: '#startDate-day' }];
  const errors: FieldError[] = [];
  const outside = outsideEmployment(absence, person);
  if (outside) {
    errors.push({
      text: outside.text,
      href: outside.column === 'start_date' ? '#startDate-day' : '#endDate-day',
    });
  }
  const others = (await absencesRepository(db, organisation.id).forPerson(personId)).filter(
    (a) => a.id !== ignoreAbsenceId,
  );
  const conflict = conflictingAbsence(
    absence,
    others.map((a) => ({ ...a, type: a.type as AbsenceType })),
  );
  if (conflict) {
    errors.push({
      text: `This overlaps the ${codeWords('absenceType', conflict.type).toLowerCase()} from ${ukDate(conflict.startDate)}${
        conflict.endDate ? ` to ${ukDate(conflict.endDate)}` : ' that is still open'
      }`,
      href: '#startDate-day',
    });
  }
  if (absence.firstDayHours !== null) {
    const scheduled = await scheduledHoursOnDate(db, organisation, personId, absence.startDate);
    if (absence.firstDayHours > scheduled + 0.001) {
      errors.push({
        text: `The hours missed on the first day cannot be more than the ${scheduled} hours of that day’s shift`,
        href: '#firstDayHours',
      });
    }
  }
  return errors;
}

function columns(input: AbsenceInput) {
  return {
    type: input.type,
    startDate: input.startDate,
    endDate: input.endDate,
    reasonCode: input.reasonCode,
    workRelated: input.workRelated,
    firstDayHours: input.firstDayHours,
    certification: input.certification,
    fitNoteFrom: input.fitNoteFrom,
    fitNoteTo: input.fitNoteTo,
    fitNoteMayBeFit: input.fitNoteMayBeFit,
    fitNoteAdvice: input.fitNoteAdvice,
    disabilityRelated: input.disabilityRelated,
    notes: input.notes,
  };
}

/** Records a new absence with its first history entry, or says why it cannot be recorded. */
export async function recordAbsence(
  db: Db,
  organisation: { id: number; region: string },
  personId: number,
  input: AbsenceInput,
  actor: { userId: number; reason?: string },
): Promise<{ ok: true; absenceId: number } | { ok: false; errors: FieldError[] }> {
  const errors = await problemsWith(db, organisation, personId, input, null);
  if (errors.length > 0) return { ok: false, errors };
  const repository = absencesRepository(db, organisation.id);
  const [created] = await repository.insert([
    { organisationId: organisation.id, personId, ...columns(input), recordedByUserId: actor.userId },
  ]);
  if (!created) throw new Error('The absence was not recorded');
  await repository.recordChanges([
    {
      organisationId: organisation.id,
      absenceId: created.id,
      userId: actor.userId,
      action: 'recorded',
      changes: columns(input),
      reason: actor.reason ?? null,
    },
  ]);
  return { ok: true, absenceId: created.id };
}

/** Changes an absence, keeping what changed, who changed it and why in its history. */
export async function changeAbsence(
  db: Db,
  organisation: { id: number; region: string },
  absence: AbsenceRecord,
  input: AbsenceInput,
  actor: { userId: number; reason: string | null; action?: string },
): Promise<FieldError[]> {
  const errors = await problemsWith(db, organisation, absence.personId, input, absence.id);
  if (errors.length > 0) return errors;
  const after = columns(input);
  const before = absence as unknown as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null))
      .map(([key, value]) => [key, { from: before[key] ?? null, to: value ?? null }]),
  );
  if (Object.keys(changed).length === 0) return [];
  const repository = absencesRepository(db, organisation.id);
  await repository.update(absence.id, after);
  await repository.recordChanges([
    {
      organisationId: organisation.id,
      absenceId: absence.id,
      userId: actor.userId,
      action: actor.action ?? 'changed',
      changes: changed,
      reason: actor.reason,
    },
  ]);
  return [];
}

export function inputFromRecord(absence: AbsenceRecord): AbsenceInput {
  return {
    type: absence.type as AbsenceType,
    startDate: absence.startDate,
    endDate: absence.endDate,
    reasonCode: absence.reasonCode,
    workRelated: absence.workRelated,
    firstDayHours: absence.firstDayHours,
    certification: (absence.certification as AbsenceInput['certification']) ?? null,
    fitNoteFrom: absence.fitNoteFrom,
    fitNoteTo: absence.fitNoteTo,
    fitNoteMayBeFit: absence.fitNoteMayBeFit,
    fitNoteAdvice: (absence.fitNoteAdvice ?? []) as AbsenceInput['fitNoteAdvice'],
    disabilityRelated: absence.disabilityRelated,
    notes: absence.notes,
  };
}

/** How long after a sickness ends a fit note still missing for it is asked for. */
export const FIT_NOTE_CHASED_FOR_DAYS = 90;

/** A sickness past the self-certification period with days that no fit note covers. */
export interface FitNoteNeeded {
  id: number;
  person_id: number;
  start_date: string;
  end_date: string | null;
  /** Calendar days of the sickness so far (to its last day, or today while it runs on). */
  days: number;
  /** The days a fit note should cover but none does (the first such stretch). */
  missing: FitNoteGap;
}

/**
 * Sickness absences that have run past the self-certification period with days that no fit
 * note covers: none recorded, or one that ran out (or started late). Once a fit note covering
 * every day past the period is recorded, the absence is no longer listed; nor is one that ended
 * more than {@link FIT_NOTE_CHASED_FOR_DAYS} days ago.
 */
export async function fitNotesNeeded(
  db: Db,
  organisationId: number,
  personIds: readonly number[],
  onDate: string,
  selfCertificationDays: number,
): Promise<FitNoteNeeded[]> {
  if (personIds.length === 0) return [];
  const rows = await sicknessesPastSelfCertification(db, organisationId, personIds, {
    onDate,
    selfCertificationDays,
    endedWithinDays: FIT_NOTE_CHASED_FOR_DAYS,
  });
  const needed: FitNoteNeeded[] = [];
  for (const { fit_note_from, fit_note_to, ...row } of rows) {
    const fitNote = fit_note_from && fit_note_to ? { from: fit_note_from, to: fit_note_to } : null;
    const missing = fitNoteGap(
      { startDate: row.start_date, endDate: row.end_date, fitNote },
      onDate,
      selfCertificationDays,
    );
    if (missing) needed.push({ ...row, missing });
  }
  return needed;
}

/** A person who is off sick on a date, as their own pages and their manager's show it. */
export interface OffSick {
  absenceId: number;
  /** The first day off sick. */
  since: string;
  /** The last day off, when it is known (the person has said when they will be back). */
  lastDay: string | null;
  /** The day they are back at work, when it is known. */
  backOn: string | null;
  /** Where the person tells us they are back. */
  imBackHref: string;
}

/** The sickness a person is off with on a date, as shown to them, or null when they are not off sick. */
export function offSickFrom(
  absence: { id: number; type: string; startDate: string; endDate: string | null } | null | undefined,
  organisationSlug: string,
  date: string,
): OffSick | null {
  if (!absence || absence.type !== 'sickness') return null;
  if (absence.startDate > date || (absence.endDate !== null && absence.endDate < date)) return null;
  return {
    absenceId: absence.id,
    since: absence.startDate,
    lastDay: absence.endDate,
    backOn: absence.endDate === null ? null : addDays(absence.endDate, 1),
    imBackHref: paths.organisation.imBack.build({ org: organisationSlug, absenceId: absence.id }),
  };
}

/** Whether a person is off sick on a date, read from their record: what home pages ask. */
export async function offSickOn(
  db: Db,
  organisation: { id: number; slug: string },
  personId: number,
  date: string,
): Promise<OffSick | null> {
  const absence = await absencesRepository(db, organisation.id).sicknessOn(personId, date);
  return offSickFrom(absence, organisation.slug, date);
}
