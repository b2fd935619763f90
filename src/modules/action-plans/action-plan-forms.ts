import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { textField } from '../../web/request-context.ts';
import type { Goal } from './action-plans-repository.ts';

/** How many goals the form offers at once (more can be added at a review). */
export const GOAL_ROWS = 3;

export const PLAN_REVIEW_OUTCOMES = {
  continue: 'Carry on with the plan, with another review',
  goals_met: 'The goals are met: close the plan',
  informal_stage: 'Support has not been enough: close the plan and move to an informal stage meeting',
} as const;
export type PlanReviewOutcome = keyof typeof PLAN_REVIEW_OUTCOMES;

const LIMIT = 2000;

/** Reads the new plan form: at least one complete goal, the support committed and the first review. */
export function actionPlanForm(
  body: Record<string, unknown>,
  today: string,
): {
  value: { goals: Goal[]; supportCommitted: string; nextReviewDate: string } | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const goals: Goal[] = [];
  for (let i = 1; i <= GOAL_ROWS; i++) {
    const what = textField(body, `goal${i}What`);
    const measure = textField(body, `goal${i}Measure`);
    const owner = textField(body, `goal${i}Owner`);
    const by = dateFromParts(body, `goal${i}By`, `Goal ${i}’s date`);
    const any = what || measure || owner || by.value || by.error;
    if (!any) continue;
    if (!what) errors.push({ text: `Goal ${i}: say what will be done`, href: `#goal${i}What` });
    if (!measure)
      errors.push({ text: `Goal ${i}: say how progress will be measured`, href: `#goal${i}Measure` });
    if (!owner) errors.push({ text: `Goal ${i}: say who owns it`, href: `#goal${i}Owner` });
    if (by.error) errors.push({ text: by.error, href: `#goal${i}By-day` });
    else if (!by.value)
      errors.push({ text: `Goal ${i}: enter the date it is to be done by`, href: `#goal${i}By-day` });
    else if (by.value < today)
      errors.push({ text: `Goal ${i}: the date cannot be in the past`, href: `#goal${i}By-day` });
    for (const [name, value] of [
      ['What', what],
      ['Measure', measure],
      ['Owner', owner],
    ] as const) {
      if (value.length > LIMIT)
        errors.push({ text: `Goal ${i}: keep each answer to ${LIMIT} characters`, href: `#goal${i}${name}` });
    }
    if (what && measure && owner && by.value) goals.push({ what, measure, owner, byWhen: by.value });
  }
  if (goals.length === 0 && errors.length === 0) {
    errors.push({
      text: 'Enter at least one goal: what, how it is measured, who owns it and by when',
      href: '#goal1What',
    });
  }
  const supportCommitted = textField(body, 'supportCommitted');
  if (!supportCommitted) {
    errors.push({ text: 'Say what support the organisation commits to', href: '#supportCommitted' });
  } else if (supportCommitted.length > 5000) {
    errors.push({
      text: 'The support committed must be 5,000 characters or fewer',
      href: '#supportCommitted',
    });
  }
  const review = dateFromParts(body, 'nextReviewDate', 'The review date');
  if (review.error) errors.push({ text: review.error, href: '#nextReviewDate-day' });
  else if (!review.value)
    errors.push({ text: 'Enter the date of the first review', href: '#nextReviewDate-day' });
  else if (review.value <= today)
    errors.push({ text: 'The first review must be after today', href: '#nextReviewDate-day' });
  if (errors.length > 0 || !review.value) return { value: null, errors };
  return { value: { goals, supportCommitted, nextReviewDate: review.value }, errors };
}

/** Reads a plan review: when, progress, outcome, and the next review when the plan carries on. */
export function planReviewForm(
  body: Record<string, unknown>,
  today: string,
  planCreatedOn: string,
): {
  value: {
    heldOn: string;
    progress: string;
    outcome: PlanReviewOutcome;
    nextReviewDate: string | null;
  } | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const held = dateFromParts(body, 'heldOn', 'The date of the review');
  if (held.error) errors.push({ text: held.error, href: '#heldOn-day' });
  else if (!held.value) errors.push({ text: 'Enter the date of the review', href: '#heldOn-day' });
  else if (held.value > today)
    errors.push({ text: 'The date of the review cannot be in the future', href: '#heldOn-day' });
  else if (held.value < planCreatedOn)
    errors.push({ text: 'The review cannot be before the plan was agreed', href: '#heldOn-day' });
  const progress = textField(body, 'progress');
  if (!progress) errors.push({ text: 'Describe the progress made against the goals', href: '#progress' });
  else if (progress.length > 10_000)
    errors.push({ text: 'The progress must be 10,000 characters or fewer', href: '#progress' });
  const outcomeText = textField(body, 'outcome');
  const outcome = outcomeText in PLAN_REVIEW_OUTCOMES ? (outcomeText as PlanReviewOutcome) : null;
  if (!outcome) errors.push({ text: 'Choose the outcome of the review', href: '#outcome' });
  let nextReviewDate: string | null = null;
  if (outcome === 'continue') {
    const next = dateFromParts(body, 'nextReviewDate', 'The next review date');
    if (next.error) errors.push({ text: next.error, href: '#nextReviewDate-day' });
    else if (!next.value)
      errors.push({ text: 'Enter the date of the next review', href: '#nextReviewDate-day' });
    else if (next.value <= today)
      errors.push({ text: 'The next review must be after today', href: '#nextReviewDate-day' });
    nextReviewDate = next.value;
  }
  if (errors.length > 0 || !held.value || !outcome) return { value: null, errors };
  return { value: { heldOn: held.value, progress, outcome, nextReviewDate }, errors };
}
