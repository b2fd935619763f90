import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';

/** What the person page lists of a person's support at work: enough to show and link each. */
export interface AttendanceAtAGlance {
  reviews: {
    id: number;
    dueDate: string;
    heldOn: string | null;
    completedAt: string | null;
    confirmedAt: string | null;
  }[];
  cases: { id: number; openedOn: string; closedOn: string | null }[];
  plans: { id: number; createdAt: string; nextReviewDate: string | null; status: string }[];
  dyingToWork: boolean;
}

/**
 * A person's welcome-back reviews (latest due first), attendance cases (latest opened first),
 * action plans (latest first) and whether the Dying to Work charter applies to them: one
 * statement, as the person page is among the most visited and each round trip costs the server.
 */
export async function attendanceAtAGlance(
  db: Db,
  organisationId: number,
  personId: number,
): Promise<AttendanceAtAGlance> {
  const [row] = await queryRows<{
    reviews: AttendanceAtAGlance['reviews'];
    cases: AttendanceAtAGlance['cases'];
    plans: AttendanceAtAGlance['plans'];
    dying_to_work: boolean;
  }>(
    db,
    sql`select
          coalesce((select json_agg(json_build_object('id', r.id, 'dueDate', r.due_date, 'heldOn', r.held_on,
                                                      'completedAt', r.completed_at, 'confirmedAt', r.confirmed_at)
                                    order by r.due_date desc, r.id desc)
                    from welcome_back_reviews r
                    where r.organisation_id = ${organisationId} and r.person_id = ${personId}), '[]') as reviews,
          coalesce((select json_agg(json_build_object('id', c.id, 'openedOn', c.opened_on, 'closedOn', c.closed_on)
                                    order by c.opened_on desc, c.id desc)
                    from attendance_cases c
                    where c.organisation_id = ${organisationId} and c.person_id = ${personId}), '[]') as cases,
          coalesce((select json_agg(json_build_object('id', p.id, 'createdAt', p.created_at,
                                                      'nextReviewDate', p.next_review_date, 'status', p.status)
                                    order by p.created_at desc, p.id desc)
                    from action_plans p
                    where p.organisation_id = ${organisationId} and p.person_id = ${personId}), '[]') as plans,
          exists (select 1 from dying_to_work d
                  where d.organisation_id = ${organisationId} and d.person_id = ${personId}) as dying_to_work`,
  );
  return {
    reviews: row?.reviews ?? [],
    cases: row?.cases ?? [],
    plans: row?.plans ?? [],
    dyingToWork: row?.dying_to_work ?? false,
  };
}
