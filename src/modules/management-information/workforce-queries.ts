/**
 * Set-based counts for the management information pages that the absence report does not give:
 * people employed, formal stages started and welcome-back reviews held on time, for groups of
 * units (each unit in at most one group; units in none are left out). One query each, whatever
 * the number of people; each also gives the total over every group (`null` group), counting a
 * person who moved between groups once.
 *
 * A person belongs to a unit on the days their employment terms place them there (SPEC §6: "a
 * group takes an employee's unit on each day"): each spell of terms runs from its
 * `effective_from` to the day before the next one.
 */
import { sql, type SQL } from 'drizzle-orm';
import { intArray, textArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import type { Period } from '../../domain/scorecard.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { attendanceCasesOf, stageMeetingsOf } from '../attendance-cases/attendance-cases-sources-queries.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';
import { welcomeBackReviewsOf } from '../welcome-back-reviews/welcome-back-reviews-queries.ts';

/** The formal stages of the attendance policy (SPEC §4C): not the informal stage, not an appeal. */
export const FORMAL_STAGES = ['first_formal', 'second_formal', 'final_formal'] as const;

/** The units and their policies, as set on each unit (null follows the unit above). */
export async function unitTree(
  db: Db,
  organisationId: number,
): Promise<{ id: number; parentId: number | null; path: string; policyModel: string | null }[]> {
  const rows = await queryRows<{
    id: number;
    parent_id: number | null;
    path: string;
    policy_model: string | null;
  }>(
    db,
    sql`select u.id, u.parent_id, u.path, u.policy_model from ${unitsOf(organisationId)} u order by u.path`,
  );
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, path: r.path, policyModel: r.policy_model }));
}

/** Each unit's group, as a table to join on: `unit_group(unit_id, label)`. */
function unitGroupTable(groups: ReadonlyMap<number, string>): SQL {
  const ids = [...groups.keys()];
  const labels = ids.map((id) => groups.get(id) ?? '');
  return sql`unit_group as (
      select * from unnest(${intArray(ids)}::int[], ${textArray(labels)}::text[]) as g(unit_id, label)
    )`;
}

/** Each person's spells of terms that begin by the end of the period, with the day the next begins. */
function spellsTable(organisationId: number, period: Period): SQL {
  return sql`spells as (
      select s.person_id, s.unit_id, s.effective_from,
             lead(s.effective_from) over (partition by s.person_id order by s.effective_from) as next_from
      from ${employmentTermsOf(organisationId)} s
      where s.organisation_id = ${organisationId} and s.effective_from <= ${period.to}::date
    )`;
}

/** Counts by group label; the total over every group under `null`. */
export type GroupCounts = Map<string | null, number>;

function byLabel<T extends { label: string | null }>(
  rows: readonly T[],
  value: (row: T) => number,
): GroupCounts {
  return new Map(rows.map((r) => [r.label, value(r)]));
}

/**
 * People employed in each group at any time in the period (as `headcount.ts` counts them), each
 * counted once per group however many of its units they were in.
 */
export async function peopleByGroup(
  db: Db,
  organisationId: number,
  period: Period,
  groups: ReadonlyMap<number, string>,
): Promise<GroupCounts> {
  const rows = await queryRows<{ label: string | null; people: number }>(
    db,
    sql`
    with ${unitGroupTable(groups)}, ${spellsTable(organisationId, period)}
    select g.label, count(distinct sp.person_id)::int as people
    from spells sp
    join unit_group g on g.unit_id = sp.unit_id
    join ${peopleOf(organisationId)} p on p.organisation_id = ${organisationId} and p.id = sp.person_id
    where greatest(sp.effective_from, p.start_date, ${period.from}::date)
          <= least(coalesce(sp.next_from - 1, ${period.to}::date), coalesce(p.end_date, ${period.to}::date), ${period.to}::date)
    group by rollup (g.label)`,
  );
  return byLabel(rows, (r) => r.people);
}

/**
 * Formal stages started in each group: meetings at a formal stage arranged for a date in the
 * period, each in the group of the person's unit on the meeting date.
 */
export async function formalStagesByGroup(
  db: Db,
  organisationId: number,
  period: Period,
  groups: ReadonlyMap<number, string>,
): Promise<GroupCounts> {
  const rows = await queryRows<{ label: string | null; stages: number }>(
    db,
    sql`
    with ${unitGroupTable(groups)}, ${spellsTable(organisationId, period)}
    select g.label, count(*)::int as stages
    from ${stageMeetingsOf(organisationId)} m
    join ${attendanceCasesOf(organisationId)} c on c.organisation_id = m.organisation_id and c.id = m.case_id
    join spells sp on sp.person_id = c.person_id
      and sp.effective_from <= m.meeting_date and (sp.next_from is null or m.meeting_date < sp.next_from)
    join unit_group g on g.unit_id = sp.unit_id
    where m.organisation_id = ${organisationId}
      and m.stage = any(${textArray(FORMAL_STAGES)}::text[])
      and m.meeting_date between ${period.from}::date and ${period.to}::date
    group by rollup (g.label)`,
  );
  return byLabel(rows, (r) => r.stages);
}

/**
 * Welcome-back reviews due in the period in each group (the person's unit on the due date), and
 * how many of them were held on or before the day they were due.
 */
export async function reviewsByGroup(
  db: Db,
  organisationId: number,
  period: Period,
  groups: ReadonlyMap<number, string>,
): Promise<{ due: GroupCounts; onTime: GroupCounts }> {
  const rows = await queryRows<{ label: string | null; due: number; on_time: number }>(
    db,
    sql`
    with ${unitGroupTable(groups)}, ${spellsTable(organisationId, period)}
    select g.label, count(*)::int as due,
           (count(*) filter (where r.held_on is not null and r.held_on <= r.due_date))::int as on_time
    from ${welcomeBackReviewsOf(organisationId)} r
    join spells sp on sp.person_id = r.person_id
      and sp.effective_from <= r.due_date and (sp.next_from is null or r.due_date < sp.next_from)
    join unit_group g on g.unit_id = sp.unit_id
    where r.organisation_id = ${organisationId}
      and r.due_date between ${period.from}::date and ${period.to}::date
    group by rollup (g.label)`,
  );
  return { due: byLabel(rows, (r) => r.due), onTime: byLabel(rows, (r) => r.on_time) };
}

/** The people with a sickness episode touching the period that is long term for it (`isLongTermEpisode`). */
export async function peopleWithLongTermSickness(
  db: Db,
  organisationId: number,
  period: Period,
): Promise<number[]> {
  const rows = await queryRows<{ person_id: number }>(
    db,
    sql`select distinct a.person_id from ${absencesOf(organisationId)} a
        where a.organisation_id = ${organisationId} and a.type = 'sickness'
          and a.start_date <= ${period.to}::date and (a.end_date is null or a.end_date >= ${period.from}::date)
          and coalesce(a.end_date, ${period.to}::date) - a.start_date + 1 >= 28`,
  );
  return rows.map((r) => r.person_id);
}
