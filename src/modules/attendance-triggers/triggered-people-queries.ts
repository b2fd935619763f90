import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { attendanceCasesOf } from '../attendance-cases/attendance-cases-sources-queries.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';

/** One spell of sickness in the window, with its person's terms, manager, case and latest talk. */
export interface SpellRow {
  person_id: number;
  first_name: string;
  last_name: string;
  unit_id: number;
  unit_path: string;
  manager_person_id: number | null;
  manager_name: string | null;
  manager_sort_name: string | null;
  has_open_case: boolean;
  talk_held_on: string | null;
  talk_outcome: string | null;
  start_date: string;
  end_date: string | null;
  disability_related: boolean;
}

/**
 * The organisation's policy and each of its units with its own policy: one row for each unit
 * (the organisation's policy on every one), or a single row with no unit when it has none.
 */
export async function unitPolicyTree(db: Db, organisationId: number) {
  return queryRows<{
    organisation_policy: string;
    id: number | null;
    parent_id: number | null;
    policy_model: string | null;
  }>(
    db,
    sql`select o.policy_model as organisation_policy, u.id, u.parent_id, u.policy_model
        from organisations o left join ${unitsOf(organisationId)} u on u.organisation_id = o.id
        where o.id = ${organisationId}`,
  );
}

/**
 * The sickness spells touching the window of the people employed on `asOf` whose terms that day
 * place them in one of `triggerUnits`, in name order and then by start; only those in `line`,
 * with `lineManagerPersonId` as their line manager, or who are `personId`, when given.
 */
export async function sicknessInTriggerUnits(
  db: Db,
  organisationId: number,
  filters: {
    asOf: string;
    window: { from: string; to: string };
    triggerUnits: readonly number[];
    line: readonly number[] | null;
    lineManagerPersonId: number | undefined;
    personId: number | undefined;
  },
) {
  const { asOf, window, triggerUnits, line, lineManagerPersonId, personId } = filters;
  const intList = (ids: readonly number[]) => `{${ids.join(',')}}`;
  return queryRows<SpellRow>(
    db,
    sql`
    with current_terms as (
      select distinct on (s.person_id) s.person_id, s.unit_id, s.manager_person_id
      from ${employmentTermsOf(organisationId)} s
      where s.organisation_id = ${organisationId} and s.effective_from <= ${asOf}::date
      order by s.person_id, s.effective_from desc
    )
    select p.id as person_id, p.first_name, p.last_name, t.unit_id, u.path as unit_path,
           t.manager_person_id,
           case when m.id is null then null else m.first_name || ' ' || m.last_name end as manager_name,
           case when m.id is null then null else m.last_name || ', ' || m.first_name end as manager_sort_name,
           exists (
             select 1 from ${attendanceCasesOf(organisationId)} c
             where c.organisation_id = p.organisation_id and c.person_id = p.id and c.closed_on is null
           ) as has_open_case,
           talk.held_on::text as talk_held_on, talk.outcome as talk_outcome,
           a.start_date::text, a.end_date::text, a.disability_related
    from current_terms t
    join ${peopleOf(organisationId)} p on p.organisation_id = ${organisationId} and p.id = t.person_id
    join ${unitsOf(organisationId)} u on u.organisation_id = p.organisation_id and u.id = t.unit_id
    join ${absencesOf(organisationId)} a on a.organisation_id = p.organisation_id and a.person_id = p.id and a.type = 'sickness'
      and a.start_date <= ${window.to}::date and (a.end_date is null or a.end_date >= ${window.from}::date)
    left join ${peopleOf(organisationId)} m on m.organisation_id = p.organisation_id and m.id = t.manager_person_id
    left join lateral (
      select k.held_on, k.outcome from attendance_trigger_talks k
      where k.organisation_id = p.organisation_id and k.person_id = p.id
      order by k.held_on desc, k.id desc limit 1
    ) talk on true
    where t.unit_id = any(${intList(triggerUnits)}::int[])
      and p.start_date <= ${asOf}::date and (p.end_date is null or p.end_date >= ${asOf}::date)
      ${line === null ? sql`` : sql`and p.id = any(${intList(line)}::int[])`}
      ${lineManagerPersonId === undefined ? sql`` : sql`and t.manager_person_id = ${lineManagerPersonId}`}
      ${personId === undefined ? sql`` : sql`and p.id = ${personId}`}
    order by p.last_name, p.first_name, p.id, a.start_date`,
  );
}
