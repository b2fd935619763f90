import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';

/**
 * The people's sickness absences that had run past the self-certification period by a date, and
 * had not ended more than `endedWithinDays` before it, oldest first, with the dates of their fit
 * notes. Each person's absences are read through the index by person (a lateral query that is kept as
 * it is written): left to choose, the planner cannot tell how many organisations the row-level
 * policy admits, prices one lookup per person as ten, and reads the organisation's every sickness
 * instead.
 */
export async function sicknessesPastSelfCertification(
  db: Db,
  organisationId: number,
  personIds: readonly number[],
  options: { onDate: string; selfCertificationDays: number; endedWithinDays: number },
) {
  return queryRows<{
    id: number;
    person_id: number;
    start_date: string;
    end_date: string | null;
    days: number;
    fit_note_from: string | null;
    fit_note_to: string | null;
  }>(
    db,
    sql`
    select a.id, team.person_id, a.start_date::text, a.end_date::text, a.days,
           a.fit_note_from::text, a.fit_note_to::text
    from unnest(${`{${[...new Set(personIds)].join(',')}}`}::int[]) as team(person_id)
    cross join lateral (
      select a.id, a.start_date, a.end_date,
             (least(coalesce(a.end_date, ${options.onDate}::date), ${options.onDate}::date) - a.start_date + 1)::int as days,
             -- A fit note recorded without its dates is taken to cover the absence: it was had.
             case when a.certification = 'fit_note' then coalesce(a.fit_note_from, a.start_date) end as fit_note_from,
             case when a.certification = 'fit_note' then coalesce(a.fit_note_to, a.end_date, ${options.onDate}::date) end as fit_note_to
      from absences a
      where a.organisation_id = ${organisationId} and a.person_id = team.person_id and a.type = 'sickness'
        and a.start_date <= ${options.onDate}::date
        and (least(coalesce(a.end_date, ${options.onDate}::date), ${options.onDate}::date) - a.start_date + 1) > ${options.selfCertificationDays}
        and coalesce(a.end_date, ${options.onDate}::date) >= ${options.onDate}::date - ${options.endedWithinDays}::int
      offset 0) a
    order by a.start_date, a.id`,
  );
}
