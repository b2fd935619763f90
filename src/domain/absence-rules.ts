/**
 * Rules about absences that hold whatever records them (browser, API or CSV): which records
 * may overlap, and which fall outside a person's employment.
 */

import { ukDate } from './date-words.ts';

export const ABSENCE_TYPES = [
  'sickness',
  'annual_leave',
  'disability_leave',
  'medical_appointment',
  'other_leave',
] as const;
export type AbsenceType = (typeof ABSENCE_TYPES)[number];

export const ABSENCE_TYPE_NAMES: Record<AbsenceType, string> = {
  sickness: 'Sickness',
  annual_leave: 'Annual leave',
  disability_leave: 'Disability leave',
  medical_appointment: 'Medical appointment',
  other_leave: 'Other leave',
};

export function isAbsenceType(value: string): value is AbsenceType {
  return (ABSENCE_TYPES as readonly string[]).includes(value);
}

export interface AbsenceSpan {
  type: AbsenceType;
  startDate: string;
  /** null while the absence is open: it runs on with no end. */
  endDate: string | null;
}

/** Two absences of one person may overlap only when one is sickness and the other annual leave. */
export function mayOverlap(a: AbsenceType, b: AbsenceType): boolean {
  return (a === 'sickness' && b === 'annual_leave') || (a === 'annual_leave' && b === 'sickness');
}

export function overlaps(a: AbsenceSpan, b: AbsenceSpan): boolean {
  const aEnd = a.endDate ?? '9999-12-31';
  const bEnd = b.endDate ?? '9999-12-31';
  return a.startDate <= bEnd && b.startDate <= aEnd;
}

/** The first of `others` that `candidate` may not overlap, or null. */
export function conflictingAbsence<T extends AbsenceSpan>(
  candidate: AbsenceSpan,
  others: readonly T[],
): T | null {
  for (const other of others) {
    if (overlaps(candidate, other) && !mayOverlap(candidate.type, other.type)) return other;
  }
  return null;
}

/**
 * Why an absence falls outside the person's employment, or null when it does not: `message` for
 * a CSV file (naming its columns and values as written), `text` for a form (in words and dates
 * for people).
 */
export function outsideEmployment(
  absence: AbsenceSpan,
  employment: { startDate: string; endDate: string | null },
): { column: 'start_date' | 'end_date'; message: string; text: string } | null {
  if (absence.startDate < employment.startDate) {
    return {
      column: 'start_date',
      message: `start_date ${absence.startDate} is before the person started on ${employment.startDate}`,
      text: `The first day cannot be before they started, on ${ukDate(employment.startDate)}`,
    };
  }
  if (employment.endDate) {
    if (absence.startDate > employment.endDate) {
      return {
        column: 'start_date',
        message: `start_date ${absence.startDate} is after the person left on ${employment.endDate}`,
        text: `The first day cannot be after they left, on ${ukDate(employment.endDate)}`,
      };
    }
    if (absence.endDate === null) {
      return {
        column: 'end_date',
        message: `the absence has no end_date but the person left on ${employment.endDate}`,
        text: `Enter the last day: they left on ${ukDate(employment.endDate)}`,
      };
    }
    if (absence.endDate > employment.endDate) {
      return {
        column: 'end_date',
        message: `end_date ${absence.endDate} is after the person left on ${employment.endDate}`,
        text: `The last day cannot be after they left, on ${ukDate(employment.endDate)}`,
      };
    }
  }
  return null;
}
