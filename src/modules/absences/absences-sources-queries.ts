import { sql, type SQLWrapper } from 'drizzle-orm';
import { absences } from './absences-schema.ts';

// Published by the absences module: an organisation's absences as a source of rows for another
// module's statement to read from. The source is a plain subquery, which PostgreSQL folds into the
// statement that reads it.

/**
 * The organisation's absences of every kind: `organisation_id`, `id`, `person_id`, `type`,
 * `start_date`, `end_date` (null while open), `reason_code`, `work_related`, `first_day_hours`,
 * `certification`, `fit_note_from`, `fit_note_to` and `disability_related`. Notes and fit-note
 * advice are not published.
 */
export function absencesOf(organisationId: number | SQLWrapper) {
  return sql`(select organisation_id, id, person_id, type, start_date, end_date, reason_code, work_related,
                     first_day_hours, certification, fit_note_from, fit_note_to, disability_related
              from ${absences} where organisation_id = ${organisationId})`;
}
