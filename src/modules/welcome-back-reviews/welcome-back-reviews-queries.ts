import { sql } from 'drizzle-orm';

/**
 * A person's welcome-back reviews as a JSON array, latest first, as SQL for another module's
 * statement to select: the person page reads every kind of attendance record in one statement.
 */
export function reviewsOfPersonAsJson(organisationId: number, personId: number) {
  return sql`coalesce((select json_agg(json_build_object('id', r.id, 'dueDate', r.due_date, 'heldOn', r.held_on,
                                                     'completedAt', r.completed_at, 'confirmedAt', r.confirmed_at)
                                   order by r.due_date desc, r.id desc)
                   from welcome_back_reviews r
                   where r.organisation_id = ${organisationId} and r.person_id = ${personId}), '[]')`;
}
