/**
 * What a referral gives OH about the employee, read from what the people and absences modules
 * publish: their name, job title and email, and their sickness absence, which the referrer may
 * choose to include. It is kept on the referral as it read on the day.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { peopleOf } from '../people/people-sources-queries.ts';
import { emailAddressesOf } from '../people/recipients-queries.ts';

/** The person's name, job title and email (their account's, else their work email); null if none such. */
export async function personForReferral(db: Db, organisationId: number, personId: number) {
  const [person] = await queryRows<{ id: number; name: string; jobTitle: string | null }>(
    db,
    sql`select p.id, p.first_name || ' ' || p.last_name as name, p.job_title as "jobTitle"
        from ${peopleOf(organisationId)} p where p.id = ${personId}`,
  );
  if (!person) return null;
  const [address] = await emailAddressesOf(db, organisationId, [personId]);
  return { id: person.id, name: person.name, jobTitle: person.jobTitle ?? '', email: address?.email ?? null };
}

/** The person record of an account in the organisation, if it has one. */
export async function personOfAccount(
  db: Db,
  organisationId: number,
  userId: number,
): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select p.id from ${peopleOf(organisationId)} p where p.user_id = ${userId} limit 1`,
  );
  return row?.id ?? null;
}

/** The person's sickness absences that ran on or after `since`, the latest first. */
export async function sicknessSince(db: Db, organisationId: number, personId: number, since: string) {
  return queryRows<{ startDate: string; endDate: string | null; reasonCode: string | null }>(
    db,
    sql`select a.start_date::text as "startDate", a.end_date::text as "endDate", a.reason_code as "reasonCode"
        from ${absencesOf(organisationId)} a
        where a.person_id = ${personId} and a.type = 'sickness'
          and (a.end_date is null or a.end_date >= ${since}::date)
        order by a.start_date desc`,
  );
}
