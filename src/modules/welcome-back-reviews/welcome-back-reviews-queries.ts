import { sql, type SQLWrapper } from 'drizzle-orm';
import { welcomeBackReviews } from './welcome-back-reviews-schema.ts';

/**
 * A person's welcome-back reviews as a JSON array, latest first, as SQL for another module's
 * statement to select: the person page reads every kind of attendance record in one statement.
 */
export function reviewsOfPersonAsJson(organisationId: number, personId: number) {
  return sql`coalesce((select json_agg(json_build_object('id', r.id, 'dueDate', r.due_date, 'heldOn', r.held_on,
                                                     'completedAt', r.completed_at, 'confirmedAt', r.confirmed_at)
                                   order by r.due_date desc, r.id desc)
                   from ${welcomeBackReviews} r
                   where r.organisation_id = ${organisationId} and r.person_id = ${personId}), '[]')`;
}

/**
 * The organisation's welcome-back reviews, as a source of rows for another module's statement to
 * read from: `organisation_id`, `id`, `person_id`, `absence_id`, `manager_person_id`, `due_date`,
 * `held_on`, `completed_at` and `confirmed_at`. What was said is not published.
 */
export function welcomeBackReviewsOf(organisationId: number | SQLWrapper) {
  return sql`(select organisation_id, id, person_id, absence_id, manager_person_id, due_date, held_on,
                     completed_at, confirmed_at
              from ${welcomeBackReviews} where organisation_id = ${organisationId})`;
}
