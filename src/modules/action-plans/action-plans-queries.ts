import { sql } from 'drizzle-orm';

/**
 * A person's action plans as a JSON array, latest first, as SQL for another module's statement
 * to select: the person page reads every kind of attendance record in one statement.
 */
export function plansOfPersonAsJson(organisationId: number, personId: number) {
  return sql`coalesce((select json_agg(json_build_object('id', p.id, 'createdAt', p.created_at,
                                                     'nextReviewDate', p.next_review_date, 'status', p.status)
                                   order by p.created_at desc, p.id desc)
                   from action_plans p
                   where p.organisation_id = ${organisationId} and p.person_id = ${personId}), '[]')`;
}
