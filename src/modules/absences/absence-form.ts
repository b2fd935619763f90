import { z } from 'zod';
import { ABSENCE_TYPES, type AbsenceType } from '../../domain/absence-rules.ts';
import { addDays } from '../../domain/dates.ts';
import { CERTIFICATIONS } from '../../domain/labels.ts';
import { isEsrReasonCode } from '../../reference/esr-sickness-reasons.ts';
import { ukDateWithDay } from '../../web/nunjucks.ts';
import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { listField, textField } from '../../web/request-context.ts';
import type { Subject } from '../../web/subject.ts';

export const FIT_NOTE_ADVICE = {
  phased_return: 'A phased return to work',
  altered_hours: 'Altered hours',
  amended_duties: 'Amended duties',
  workplace_adaptations: 'Workplace adaptations',
} as const;
export type FitNoteAdvice = keyof typeof FIT_NOTE_ADVICE;
export { CERTIFICATIONS };

/**
 * The certification choices in the employee's own words, for their own report, with the days
 * they may self-certify for.
 */
export function ownCertifications(
  selfCertificationDays: number,
): Record<keyof typeof CERTIFICATIONS, string> {
  return {
    none_yet: 'I have not got a fit note yet',
    self: `I am self-certifying (up to ${selfCertificationDays} days)`,
    fit_note: 'I have a fit note from a doctor',
  };
}

/** An absence as recorded in the browser or the API, after checking. */
export interface AbsenceInput {
  type: AbsenceType;
  startDate: string;
  endDate: string | null;
  reasonCode: string | null;
  workRelated: boolean | null;
  firstDayHours: number | null;
  certification: keyof typeof CERTIFICATIONS | null;
  fitNoteFrom: string | null;
  fitNoteTo: string | null;
  fitNoteMayBeFit: boolean | null;
  fitNoteAdvice: FitNoteAdvice[];
  disabilityRelated: boolean;
  notes: string | null;
}

const yesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

/**
 * Reads and checks an absence form. `fixedType` is set for forms that record only one type
 * (an employee reporting sickness); `subject` is whom it is about, for the words of its messages.
 * Answers that belong under another answer (the hours missed under "went home", the fit note's
 * details under "Fit note") are read only when that answer is chosen, and then checked.
 */
export function absenceForm(
  body: Record<string, unknown>,
  options: { fixedType?: AbsenceType; subject: Subject },
): { value: AbsenceInput | null; errors: FieldError[] } {
  const { subject } = options;
  const errors: FieldError[] = [];
  const typeText = options.fixedType ?? textField(body, 'type');
  const type = (ABSENCE_TYPES as readonly string[]).includes(typeText) ? (typeText as AbsenceType) : null;
  if (!type) errors.push({ text: 'Choose the kind of absence', href: '#type' });

  const start = dateFromParts(body, 'startDate', 'The first day of absence');
  if (start.error) errors.push({ text: start.error, href: '#startDate-day' });
  else if (!start.value) errors.push({ text: 'Enter the first day of absence', href: '#startDate-day' });
  const end = dateFromParts(body, 'endDate', 'The last day of absence');
  if (end.error) errors.push({ text: end.error, href: '#endDate-day' });
  else if (end.value && start.value && end.value < start.value) {
    errors.push({ text: 'The last day of absence must be on or after the first day', href: '#endDate-day' });
  }

  const sickness = type === 'sickness';
  // The employee may keep the reason to themselves; a manager or HR recording it needs one.
  const reason = textField(body, 'reasonCode');
  if (sickness && !reason && !subject.self)
    errors.push({ text: 'Choose the reason for the sickness absence', href: '#reasonCode' });
  else if (sickness && reason && !isEsrReasonCode(reason))
    errors.push({ text: 'Choose a reason from the list', href: '#reasonCode' });

  let firstDayHours: number | null = null;
  if (sickness && textField(body, 'wentHome') === 'yes') {
    const parsed = z.coerce
      .number()
      .gt(0)
      .max(24)
      .safeParse(textField(body, 'firstDayHours') || 'x');
    if (!parsed.success) {
      errors.push({
        text: 'Enter the hours of the shift that were missed, as a number more than 0',
        href: '#firstDayHours',
      });
    } else firstDayHours = parsed.data;
  }

  const certificationText = textField(body, 'certification');
  const certification =
    sickness && Object.hasOwn(CERTIFICATIONS, certificationText)
      ? (certificationText as keyof typeof CERTIFICATIONS)
      : null;
  if (sickness && certificationText && !certification)
    errors.push({ text: 'Choose the certification from the list', href: '#certification' });
  let fitNoteFrom: string | null = null;
  let fitNoteTo: string | null = null;
  let fitNoteMayBeFit: boolean | null = null;
  let advice: FitNoteAdvice[] = [];
  if (certification === 'fit_note') {
    const from = dateFromParts(body, 'fitNoteFrom', 'The fit note’s start date');
    const to = dateFromParts(body, 'fitNoteTo', 'The fit note’s end date');
    if (from.error) errors.push({ text: from.error, href: '#fitNoteFrom-day' });
    else if (!from.value)
      errors.push({ text: 'Enter the date the fit note starts', href: '#fitNoteFrom-day' });
    if (to.error) errors.push({ text: to.error, href: '#fitNoteTo-day' });
    else if (to.value && from.value && to.value < from.value) {
      errors.push({ text: 'The fit note must end on or after the day it starts', href: '#fitNoteTo-day' });
    }
    fitNoteFrom = from.value;
    fitNoteTo = to.value;
    const mayBeFit = textField(body, 'fitNoteMayBeFit');
    fitNoteMayBeFit = yesNo(mayBeFit);
    if (mayBeFit && fitNoteMayBeFit === null) {
      errors.push({
        text: `Choose whether the fit note says ${subject.they} may be fit for work`,
        href: '#fitNoteMayBeFit',
      });
    }
    const chosen = listField(body, 'fitNoteAdvice').filter((a) => a !== '');
    advice = chosen.filter((a): a is FitNoteAdvice => Object.hasOwn(FIT_NOTE_ADVICE, a));
    if (advice.length < chosen.length) {
      errors.push({ text: 'Choose advice from the list', href: '#fitNoteAdvice' });
    } else if (advice.length > 0 && fitNoteMayBeFit === false) {
      errors.push({
        text: `Choose advice only if the fit note says ${subject.they} may be fit for work`,
        href: '#fitNoteAdvice',
      });
    }
  }
  const notes = z.string().max(2000).safeParse(textField(body, 'notes'));
  if (!notes.success) errors.push({ text: 'Notes must be 2,000 characters or fewer', href: '#notes' });

  if (errors.length > 0 || !type || !start.value) return { value: null, errors };
  return {
    value: {
      type,
      startDate: start.value,
      endDate: end.value,
      reasonCode: sickness && reason ? reason : null,
      workRelated: sickness ? yesNo(textField(body, 'workRelated')) : null,
      firstDayHours,
      certification,
      fitNoteFrom,
      fitNoteTo,
      fitNoteMayBeFit,
      fitNoteAdvice: advice,
      disabilityRelated: type === 'disability_leave' || listField(body, 'disabilityRelated').includes('yes'),
      notes: notes.success && notes.data ? notes.data : null,
    },
    errors,
  };
}

/**
 * Reads and checks "Tell us you are back". The person gives their first day back at work; the
 * sickness's last day is the day before. The first day back comes after the first day off sick
 * and no later than tomorrow (say it the day before, not weeks ahead). The answer is today,
 * tomorrow or an earlier day; the date typed under "an earlier day" is read only when that
 * answer is chosen.
 */
export function returnForm(
  body: Record<string, unknown>,
  sickness: { startDate: string },
  date: string,
): { value: { backOn: string; lastDay: string } | null; errors: FieldError[] } {
  const choice = textField(body, 'back');
  const tomorrow = addDays(date, 1);
  let backOn: string;
  let href = '#back';
  if (choice === 'today') backOn = date;
  else if (choice === 'tomorrow') backOn = tomorrow;
  else if (choice === 'other') {
    href = '#returnDate-day';
    const typed = dateFromParts(body, 'returnDate', 'Your first day back at work');
    if (typed.error) return { value: null, errors: [{ text: typed.error, href }] };
    if (!typed.value) return { value: null, errors: [{ text: 'Enter your first day back at work', href }] };
    backOn = typed.value;
  } else {
    return { value: null, errors: [{ text: 'Choose when you are back at work', href: '#back' }] };
  }
  if (backOn <= sickness.startDate) {
    return {
      value: null,
      errors: [
        {
          text: `Your first day back must be after your first day off sick, ${ukDateWithDay(sickness.startDate)}`,
          href,
        },
      ],
    };
  }
  if (backOn > tomorrow) {
    return {
      value: null,
      errors: [
        {
          text: `Your first day back cannot be later than tomorrow, ${ukDateWithDay(tomorrow)}: tell us the day before you come back`,
          href,
        },
      ],
    };
  }
  return { value: { backOn, lastDay: addDays(backOn, -1) }, errors: [] };
}
