import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { plansOfPersonAsJson } from '../action-plans/action-plans-queries.ts';
import { reviewsOfPersonAsJson } from '../welcome-back-reviews/welcome-back-reviews-queries.ts';
import type { AttendanceAtAGlance } from './attendance-at-a-glance.ts';

/**
 * A person's welcome-back reviews, attendance cases, action plans and whether the Dying to Work
 * charter applies to them, each list latest first: one statement, as the person page is among
 * the most visited and each round trip costs the server. Undefined only if the database
 * answers with no row.
 */
export async function attendanceRecordsOf(db: Db, organisationId: number, personId: number) {
  const [row] = await queryRows<{
    reviews: AttendanceAtAGlance['reviews'];
    cases: AttendanceAtAGlance['cases'];
    plans: AttendanceAtAGlance['plans'];
    dying_to_work: boolean;
  }>(
    db,
    sql`select
          ${reviewsOfPersonAsJson(organisationId, personId)} as reviews,
          coalesce((select json_agg(json_build_object('id', c.id, 'openedOn', c.opened_on, 'closedOn', c.closed_on)
                                    order by c.opened_on desc, c.id desc)
                    from attendance_cases c
                    where c.organisation_id = ${organisationId} and c.person_id = ${personId}), '[]') as cases,
          ${plansOfPersonAsJson(organisationId, personId)} as plans,
          exists (select 1 from dying_to_work d
                  where d.organisation_id = ${organisationId} and d.person_id = ${personId}) as dying_to_work`,
  );
  return row;
}
