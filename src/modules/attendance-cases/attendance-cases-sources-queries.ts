import { sql, type SQLWrapper } from 'drizzle-orm';
import { attendanceCases, stageMeetings } from './attendance-cases-schema.ts';

// Published by the attendance cases module: an organisation's cases and stage meetings as sources
// of rows for another module's statement to read from. Each is a plain subquery, which PostgreSQL
// folds into the statement that reads it. What was said at a meeting is not published.

type OrganisationId = number | SQLWrapper;

/** The organisation's attendance cases: `organisation_id`, `id`, `person_id`, `opened_on` and `closed_on` (null while open). */
export function attendanceCasesOf(organisationId: OrganisationId) {
  return sql`(select organisation_id, id, person_id, opened_on, closed_on
              from ${attendanceCases} where organisation_id = ${organisationId})`;
}

/**
 * The organisation's stage meetings: `organisation_id`, `id`, `case_id`, `stage`,
 * `meeting_date` (the date arranged), `held_on` and `outcome`.
 */
export function stageMeetingsOf(organisationId: OrganisationId) {
  return sql`(select organisation_id, id, case_id, stage, meeting_date, held_on, outcome
              from ${stageMeetings} where organisation_id = ${organisationId})`;
}
