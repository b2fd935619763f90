/** A report in words for its pages and sections: no codes, dates left to the templates. */
import {
  CORRECTION_STATUSES,
  DISABILITY_OPINIONS,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
} from '../../domain/oh-reports.ts';
import type { Report, ReportCorrection, ReportVersion } from './reports-repository.ts';

function wordsOf<T extends Record<string, string>>(list: T, code: string): string {
  return (list as Record<string, string>)[code] ?? code.replaceAll('_', ' ');
}

/** The report's content as its pages show it. */
export function reportWords(report: Report) {
  return {
    ...report,
    outcomeText: wordsOf(REPORT_OUTCOMES, report.outcome),
    disabilityText: wordsOf(DISABILITY_OPINIONS, report.disabilityLikely),
    statusText: wordsOf(REPORT_STATUSES, report.status),
  };
}

/** The corrections asked for, with who answered them. */
export function correctionWords(
  corrections: readonly ReportCorrection[],
  names: ReadonlyMap<number, string>,
) {
  return corrections.map((c) => ({
    ...c,
    statusText: wordsOf(CORRECTION_STATUSES, c.status),
    answeredBy: c.answeredByUserId === null ? null : (names.get(c.answeredByUserId) ?? null),
  }));
}

/** The report's history: what it said before each correction, by whom and why. */
export function versionWords(versions: readonly ReportVersion[], names: ReadonlyMap<number, string>) {
  return versions.map((v) => {
    const before = v.before as { answers?: { question: string; answer: string }[]; advice?: string };
    return {
      changedAt: v.changedAt,
      why: v.why,
      by: names.get(v.changedByUserId) ?? 'A clinician',
      answers: before.answers ?? [],
      advice: before.advice ?? '',
    };
  });
}

export const OUTCOME_ITEMS = Object.entries(REPORT_OUTCOMES).map(([value, text]) => ({ value, text }));
export const DISABILITY_ITEMS = Object.entries(DISABILITY_OPINIONS).map(([value, text]) => ({ value, text }));
