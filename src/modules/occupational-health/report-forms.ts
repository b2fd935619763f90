/** Reading the report's forms: what the clinician writes, sends and corrects, and what the employee asks. */
import { z } from 'zod';
import {
  adjustmentLines,
  DISABILITY_OPINIONS,
  LONGEST_REVIEW_WINDOW,
  REPORT_OUTCOMES,
} from '../../domain/oh-reports.ts';
import { dateFromParts, dateParts, errorSummary, type FieldError } from '../../web/forms.ts';
import { textField } from '../../web/request-context.ts';
import type { Report, ReportContent } from './reports-repository.ts';

const MOST_ADJUSTMENTS = 30;

const reportFields = z.object({
  outcome: z.enum(Object.keys(REPORT_OUTCOMES) as [string, ...string[]], {
    error: 'Choose the outcome of the assessment',
  }),
  disabilityLikely: z.enum(Object.keys(DISABILITY_OPINIONS) as [string, ...string[]], {
    error: 'Say whether the disability provisions of the Equality Act are likely to apply',
  }),
  advice: z
    .string()
    .trim()
    .max(10_000, 'The further facts and advice must be 10,000 characters or fewer')
    .default(''),
  employeeSeesFirst: z
    .enum(['yes', 'no'], { error: 'Say whether the employee asked to see the report before it is released' })
    .transform((v) => v === 'yes'),
});

/** The answers to the referrer's questions, each required. */
function readAnswers(body: Record<string, unknown>, questions: readonly string[], errors: FieldError[]) {
  return questions.map((question, i) => {
    const answer = textField(body, `answer-${i}`);
    if (answer === '') errors.push({ text: `Answer the question “${question}”`, href: `#answer-${i}` });
    else if (answer.length > 5000) {
      errors.push({
        text: `The answer to “${question}” must be 5,000 characters or fewer`,
        href: `#answer-${i}`,
      });
    }
    return { question, answer };
  });
}

/** Reads the clinician's report form, answering the referral's questions. */
export function reportForm(
  body: Record<string, unknown>,
  questions: readonly string[],
  onDate: string,
): { value: ReportContent | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const parsed = reportFields.safeParse(body);
  if (!parsed.success)
    errors.push(...errorSummary(parsed.error.issues, { employeeSeesFirst: 'employeeSeesFirst' }));
  const outcome = parsed.success ? parsed.data.outcome : textField(body, 'outcome');

  const likelyReturn = dateFromParts(body, 'likelyReturnOn', 'The likely date of return');
  if (outcome === 'temporarily_unfit') {
    if (likelyReturn.error) errors.push({ text: likelyReturn.error, href: '#likelyReturnOn-day' });
    else if (!likelyReturn.value) {
      errors.push({
        text: 'Enter the date they are likely to be able to return',
        href: '#likelyReturnOn-day',
      });
    } else if (likelyReturn.value < onDate) {
      errors.push({ text: 'The likely date of return must be today or later', href: '#likelyReturnOn-day' });
    }
  }

  const adjustments = adjustmentLines(textField(body, 'adjustments'));
  if (outcome === 'fit_with_adjustments' && adjustments.length === 0) {
    errors.push({ text: 'Enter the adjustments you recommend, one a line', href: '#adjustments' });
  } else if (adjustments.length > MOST_ADJUSTMENTS) {
    errors.push({ text: `Recommend ${MOST_ADJUSTMENTS} adjustments or fewer`, href: '#adjustments' });
  } else if (adjustments.some((a) => a.length > 500)) {
    errors.push({ text: 'Each adjustment must be 500 characters or fewer', href: '#adjustments' });
  }

  const answers = readAnswers(body, questions, errors);

  const review = dateFromParts(body, 'reviewOn', 'The review date');
  if (review.error) errors.push({ text: review.error, href: '#reviewOn-day' });
  else if (review.value && review.value <= onDate) {
    errors.push({ text: 'The review date must be in the future', href: '#reviewOn-day' });
  }

  if (errors.length > 0 || !parsed.success) return { value: null, errors };
  return {
    value: {
      outcome: parsed.data.outcome,
      likelyReturnOn: outcome === 'temporarily_unfit' ? likelyReturn.value : null,
      adjustments,
      answers,
      disabilityLikely: parsed.data.disabilityLikely,
      advice: parsed.data.advice,
      reviewOn: review.value,
      employeeSeesFirst: parsed.data.employeeSeesFirst,
    },
    errors: [],
  };
}

/** The report form's values from a report, or empty for a new one. */
export function reportValues(report: Report | null): Record<string, unknown> {
  if (!report) return {};
  const likely = dateParts(report.likelyReturnOn);
  const review = dateParts(report.reviewOn);
  return {
    outcome: report.outcome,
    'likelyReturnOn-day': likely.day,
    'likelyReturnOn-month': likely.month,
    'likelyReturnOn-year': likely.year,
    adjustments: report.adjustments.join('\n'),
    ...Object.fromEntries(report.answers.map((a, i) => [`answer-${i}`, a.answer])),
    disabilityLikely: report.disabilityLikely,
    advice: report.advice,
    'reviewOn-day': review.day,
    'reviewOn-month': review.month,
    'reviewOn-year': review.year,
    employeeSeesFirst: report.employeeSeesFirst ? 'yes' : 'no',
  };
}

/** The working days of the employee's review: the service's window, or a longer one agreed. */
export function reviewWindowForm(
  body: Record<string, unknown>,
  serviceDays: number,
): { value: number | null; errors: FieldError[] } {
  const text = textField(body, 'reviewDays');
  const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  const fail = (message: string) => ({ value: null, errors: [{ text: message, href: '#reviewDays' }] });
  if (text === '') return fail('Enter how many working days they have to review the report');
  if (!Number.isInteger(days))
    return fail('The review window must be a whole number of working days, like 2');
  if (days < serviceDays) {
    return fail(`The review window must be at least the service’s ${serviceDays} working days`);
  }
  if (days > LONGEST_REVIEW_WINDOW) {
    return fail(`The review window must be ${LONGEST_REVIEW_WINDOW} working days or fewer`);
  }
  return { value: days, errors: [] };
}

/** The employee's request for a factual correction. */
export function correctionRequestForm(body: Record<string, unknown>): {
  value: string | null;
  errors: FieldError[];
} {
  const request = textField(body, 'request');
  if (request === '') {
    return {
      value: null,
      errors: [{ text: 'Say which facts are wrong and what they should say', href: '#request' }],
    };
  }
  if (request.length > 5000) {
    return {
      value: null,
      errors: [{ text: 'Your request must be 5,000 characters or fewer', href: '#request' }],
    };
  }
  return { value: request, errors: [] };
}

/** The clinician's answer to a correction: the facts amended, or declined as opinion, with why. */
export function correctionAnswerForm(
  body: Record<string, unknown>,
  report: Report,
): {
  value:
    | { status: 'corrected'; answer: string; answers: ReportContent['answers']; advice: string }
    | { status: 'declined'; answer: string }
    | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const decision = textField(body, 'decision');
  const answer = textField(body, 'answer');
  if (decision !== 'corrected' && decision !== 'declined') {
    errors.push({
      text: 'Choose whether you correct the facts or leave the report as it is',
      href: '#decision',
    });
  }
  if (answer === '')
    errors.push({ text: 'Say what you changed, or why it is a matter of opinion', href: '#answer' });
  else if (answer.length > 5000)
    errors.push({ text: 'Your answer must be 5,000 characters or fewer', href: '#answer' });
  if (decision === 'declined')
    return errors.length > 0 ? { value: null, errors } : { value: { status: 'declined', answer }, errors };

  const answers = readAnswers(
    body,
    report.answers.map((a) => a.question),
    errors,
  );
  const advice = textField(body, 'advice');
  if (advice.length > 10_000) {
    errors.push({ text: 'The further facts and advice must be 10,000 characters or fewer', href: '#advice' });
  }
  const unchanged =
    advice === report.advice && answers.every((a, i) => a.answer === report.answers[i]?.answer);
  if (decision === 'corrected' && errors.length === 0 && unchanged) {
    errors.push({
      text: 'Change the facts the correction is about, or leave the report as it is',
      href: '#advice',
    });
  }
  if (errors.length > 0) return { value: null, errors };
  return { value: { status: 'corrected', answer, answers, advice }, errors: [] };
}
