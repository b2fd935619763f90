import { sql, type SQLWrapper } from 'drizzle-orm';
import { employmentSpells, people, units } from './people-schema.ts';

// Published by the people module: an organisation's people, their terms and its units as sources
// of rows for another module's statement to read from, joined in the database rather than fetched
// and matched in memory. Each source names the columns it publishes; the tables behind them are
// the people module's own. A source is a plain subquery, which PostgreSQL folds into the statement
// that reads it, so it costs what a join on the table would.

type OrganisationId = number | SQLWrapper;

/**
 * The organisation's people: `organisation_id`, `id`, `employee_number`, `first_name`,
 * `last_name`, `email`, `job_title`, `start_date`, `end_date` (null while employed) and `user_id`
 * (their account, if any).
 */
export function peopleOf(organisationId: OrganisationId) {
  return sql`(select organisation_id, id, employee_number, first_name, last_name, email, job_title,
                     start_date, end_date, user_id
              from ${people} where organisation_id = ${organisationId})`;
}

/**
 * The organisation's employment terms: each row (`person_id`, `effective_from`) holds the terms
 * in force from `effective_from` until the day before the person's next row, or for good when it
 * is their latest: `unit_id`, `manager_person_id`, `site_id`, `staff_group`, `weekly_hours`,
 * `hours_mon` to `hours_sun`, `works_bank_holidays` and `annual_salary`.
 */
export function employmentTermsOf(organisationId: OrganisationId) {
  return sql`(select organisation_id, id, person_id, effective_from, unit_id, manager_person_id, site_id,
                     staff_group, weekly_hours, hours_mon, hours_tue, hours_wed, hours_thu, hours_fri,
                     hours_sat, hours_sun, works_bank_holidays, annual_salary
              from ${employmentSpells} where organisation_id = ${organisationId})`;
}

/**
 * The organisation's units: `organisation_id`, `id`, `parent_id`, `name`, `path` (from the top
 * of the organisation, levels joined by " > "), `depth` and `policy_model`.
 */
export function unitsOf(organisationId: OrganisationId) {
  return sql`(select organisation_id, id, parent_id, name, path, depth, policy_model
              from ${units} where organisation_id = ${organisationId})`;
}
