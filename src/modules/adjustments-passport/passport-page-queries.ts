import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { employmentTermsOf, peopleOf } from '../people/people-sources-queries.ts';

/** The person's line manager on a date, from their terms in force then; null when they have none. */
export async function currentManager(db: Db, organisationId: number, personId: number, onDate: string) {
  const [row] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select m.id, m.first_name || ' ' || m.last_name as name
        from ${employmentTermsOf(organisationId)} s join ${peopleOf(organisationId)} m on m.organisation_id = s.organisation_id and m.id = s.manager_person_id
        where s.organisation_id = ${organisationId} and s.person_id = ${personId} and s.effective_from <= ${onDate}::date
        order by s.effective_from desc limit 1`,
  );
  return row ?? null;
}

/**
 * The person's absences recorded as disability related that began in the year before a date:
 * how many, and their calendar days (one still open counted to that date).
 */
export async function disabilityRelatedAbsences(
  db: Db,
  organisationId: number,
  personId: number,
  onDate: string,
): Promise<{ spells: number; days: number }> {
  const rows = await queryRows<{ spells: number; days: number }>(
    db,
    sql`select count(*)::int as spells, coalesce(sum(coalesce(end_date, ${onDate}::date) - start_date + 1), 0)::int as days
          from ${absencesOf(organisationId)} a where person_id = ${personId} and disability_related
          and start_date > ${onDate}::date - 365`,
  );
  return rows[0] ?? { spells: 0, days: 0 };
}
