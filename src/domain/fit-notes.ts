/**
 * When a fit note is still needed (SPEC §4B; the self-certification period is dated data in
 * `reference/statutory-rules.ts`): a person may self-certify the first days of a sickness, and
 * every later day of it, up to its last day or today while it runs on, should be covered by a
 * fit note. Pure: a function of the absence, its fit note and the day.
 */
import { addDays, earlierOf, laterOf } from './dates.ts';

export interface SicknessCertification {
  startDate: string;
  /** null while the absence runs on. */
  endDate: string | null;
  /** The fit note's dates when one is recorded; null for none (self-certified or not yet). */
  fitNote: { from: string; to: string } | null;
}

/** The days a fit note should cover but none does. */
export interface FitNoteGap {
  from: string;
  to: string;
  /** Whether a fit note is recorded at all (it then covers other days of the absence). */
  hasFitNote: boolean;
}

/**
 * The first stretch of days past the self-certification period that no fit note covers, as of
 * `today`; null when nothing is missing (the absence is short enough, or fully covered). A fit
 * note dated into the future covers a sickness that runs on until then.
 */
export function fitNoteGap(
  absence: SicknessCertification,
  today: string,
  selfCertificationDays: number,
): FitNoteGap | null {
  const neededFrom = addDays(absence.startDate, selfCertificationDays);
  const neededTo = earlierOf(absence.endDate ?? today, today);
  if (neededFrom > neededTo) return null;
  const note = absence.fitNote;
  if (note === null) return { from: neededFrom, to: neededTo, hasFitNote: false };
  if (note.from > neededFrom) {
    return { from: neededFrom, to: earlierOf(addDays(note.from, -1), neededTo), hasFitNote: true };
  }
  if (note.to < neededTo)
    return { from: laterOf(addDays(note.to, 1), neededFrom), to: neededTo, hasFitNote: true };
  return null;
}
