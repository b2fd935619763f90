/**
 * Who was where, for the pages that take their figures from `runAbsenceReport` and so do not
 * load the people themselves: each person's stays in a unit and staff group within a period
 * (for headcounts, which decide what is shown outside HR), and how many people had no salary
 * recorded (whose hours lost add no cost, SPEC §6). Set-based SQL, no query per person.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { Period } from '../../domain/scorecard.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';

/** A run of days a person spent under one set of employment terms, within the period. */
export interface Stay {
  personId: number;
  unitPath: string;
  /** '' when none is recorded. */
  staffGroup: string;
  annualSalary: number | null;
  from: string;
  to: string;
}

/**
 * Each employment spell in force at some time in the period, cut to the period and to the
 * person's employment (as `presences` in `headcount.ts` cuts them), in the unit given or below
 * it (everyone when null).
 */
function staysQuery(organisationId: number, period: Period, unitPath: string | null) {
  return sql`
    with spells as (
      select s.person_id, u.path as unit_path, coalesce(s.staff_group, '') as staff_group, s.annual_salary,
             greatest(s.effective_from, p.start_date, ${period.from}::date) as stay_from,
             least(coalesce(p.end_date, ${period.to}::date), ${period.to}::date,
                   coalesce(lead(s.effective_from) over (partition by s.person_id order by s.effective_from) - 1,
                            ${period.to}::date)) as stay_to
      from ${peopleOf(organisationId)} p
      join ${employmentTermsOf(organisationId)} s on s.organisation_id = p.organisation_id and s.person_id = p.id
      join ${unitsOf(organisationId)} u on u.organisation_id = s.organisation_id and u.id = s.unit_id
      where p.organisation_id = ${organisationId}
        and p.start_date <= ${period.to}::date and (p.end_date is null or p.end_date >= ${period.from}::date)
        and s.effective_from <= ${period.to}::date
    )
    select person_id, unit_path, staff_group, annual_salary, stay_from, stay_to from spells
    where stay_from <= stay_to
      and (${unitPath}::text is null or unit_path = ${unitPath}::text
           or left(unit_path, length(${unitPath}::text) + 3) = ${unitPath}::text || ' > ')`;
}

export async function staysIn(
  db: Db,
  organisationId: number,
  period: Period,
  unitPath: string | null,
): Promise<Stay[]> {
  const rows = await queryRows<{
    person_id: number;
    unit_path: string;
    staff_group: string;
    annual_salary: number | null;
    stay_from: string;
    stay_to: string;
  }>(
    db,
    sql`select person_id, unit_path, staff_group, annual_salary, stay_from::text, stay_to::text
        from (${staysQuery(organisationId, period, unitPath)}) stays`,
  );
  return rows.map((r) => ({
    personId: r.person_id,
    unitPath: r.unit_path,
    staffGroup: r.staff_group,
    annualSalary: r.annual_salary,
    from: r.stay_from,
    to: r.stay_to,
  }));
}

/**
 * How many people employed in the period (in the unit given or below it) had no salary recorded
 * on some day of it: their hours lost on those days add no cost (SPEC §6).
 */
export async function peopleWithoutSalary(
  db: Db,
  organisationId: number,
  period: Period,
  unitPath: string | null,
): Promise<number> {
  const [row] = await queryRows<{ people: number }>(
    db,
    sql`select count(distinct person_id)::int as people
        from (${staysQuery(organisationId, period, unitPath)}) stays
        where annual_salary is null`,
  );
  return row?.people ?? 0;
}
