import { ukDate } from '../../domain/date-words.ts';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { today } from '../../domain/today.ts';
import { dateFromParts, errorSummary, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople, type Notice } from '../notifications/notify.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { ensureWelcomeBackReviews, type ReviewRecord } from './welcome-back-reviews-repository.ts';

/**
 * After an absence is recorded or changed in the browser: sets its welcome-back review when a
 * sickness has ended, and tells the line manager it is due, naming the person (never why they
 * were off).
 */
export async function afterAbsenceChange(
  db: Db,
  services: { mailer: Mailer; config: Config },
  organisation: { id: number; slug: string; name: string },
  absenceIds: readonly number[],
): Promise<void> {
  const created = await ensureWelcomeBackReviews(db, organisation.id, today(), { absenceIds });
  const people = peopleRepository(db, organisation.id);
  const notices: Notice[] = [];
  for (const review of created) {
    if (review.managerPersonId === null) continue;
    const [person, manager] = await Promise.all([
      people.find(review.personId),
      people.find(review.managerPersonId),
    ]);
    if (!person) continue;
    const name = `${person.firstName} ${person.lastName}`;
    const link = `${services.config.publicUrl}${paths.organisation.welcomeBackReview.build({
      org: organisation.slug,
      personId: review.personId,
      reviewId: review.id,
    })}`;
    notices.push({
      key: `welcome-back-review-due:${review.id}`,
      personId: review.managerPersonId,
      subject: `Hold ${name}’s welcome-back review by ${ukDate(review.dueDate)}`,
      ...renderEmail('welcome-back-review-due', {
        name,
        managerFirstName: manager?.firstName ?? null,
        dueDate: review.dueDate,
        link,
        organisationName: organisation.name,
      }),
    });
  }
  await notifyPeople(db, services.mailer, organisation.id, notices);
}

const yesNo = (label: string) =>
  z.enum(['yes', 'no'], { error: label }).transform((value) => value === 'yes');

const reviewFields = z.object({
  howTheyAre: z
    .string({ error: 'Enter how the person is' })
    .trim()
    .min(1, 'Enter how the person is')
    .max(5000, 'How the person is must be 5,000 characters or fewer'),
  affectingWellbeing: z
    .string()
    .trim()
    .max(5000, 'What is affecting their wellbeing must be 5,000 characters or fewer')
    .default(''),
  supportNotes: z
    .string()
    .trim()
    .max(5000, 'The support notes must be 5,000 characters or fewer')
    .default(''),
  adjustmentsDiscussed: z
    .string()
    .trim()
    .max(5000, 'The adjustments discussed must be 5,000 characters or fewer')
    .default(''),
  actionPlanFollows: yesNo('Say whether an action plan follows'),
  ohReferralFollows: yesNo('Say whether a referral to occupational health follows'),
  agreedNotes: z
    .string({ error: 'Enter the notes you agreed together' })
    .trim()
    .min(1, 'Enter the notes you agreed together')
    .max(10_000, 'The agreed notes must be 10,000 characters or fewer'),
});

/** Reads the manager's review form; support offered must come from the directory given. */
export function reviewForm(
  body: Record<string, unknown>,
  directoryIds: ReadonlySet<number>,
  absenceEndDate: string,
): { value: ReviewRecord | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const held = dateFromParts(body, 'heldOn', 'The date of the review');
  if (held.error) errors.push({ text: held.error, href: '#heldOn-day' });
  else if (!held.value) errors.push({ text: 'Enter the date of the review', href: '#heldOn-day' });
  else if (held.value > today())
    errors.push({ text: 'The date of the review cannot be in the future', href: '#heldOn-day' });
  else if (held.value <= absenceEndDate) {
    errors.push({
      text: 'The review is held after the person is back: after their last day of absence',
      href: '#heldOn-day',
    });
  }
  const raw = body.supportOffered;
  const offered = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map((v) =>
    Number(v),
  );
  if (offered.some((id) => !directoryIds.has(id))) {
    errors.push({
      text: 'Choose support from the organisation’s support directory',
      href: '#supportOffered',
    });
  }
  const parsed = reviewFields.safeParse(body);
  if (!parsed.success) errors.push(...errorSummary(parsed.error.issues));
  if (errors.length > 0 || !parsed.success || !held.value) return { value: null, errors };
  return { value: { ...parsed.data, heldOn: held.value, supportOffered: offered }, errors: [] };
}

/** Where a review stands, in words and as a tag colour. */
export function reviewStatus(
  review: { dueDate: string; completedAt: string | null; confirmedAt: string | null; heldOn: string | null },
  onDate: string,
): { text: string; colour: string } {
  if (review.confirmedAt) return { text: 'Confirmed', colour: 'green' };
  if (review.completedAt) return { text: 'Waiting for the employee', colour: 'blue' };
  if (review.dueDate < onDate) return { text: 'Overdue', colour: 'red' };
  return { text: 'Due', colour: 'yellow' };
}
