import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';

// Published by the people module for the notifications module: whom an email goes to.

/**
 * Where each person's emails go: the address of their account, unless it is disabled, or else
 * their work email. Null when they have neither.
 */
export async function emailAddressesOf(db: Db, organisationId: number, personIds: readonly number[]) {
  return queryRows<{ id: number; email: string | null }>(
    db,
    sql`select p.id, coalesce(u.email, p.email) as email
        from people p left join users u on u.id = p.user_id and not u.disabled
        where p.organisation_id = ${organisationId} and p.id = any(${`{${personIds.join(',')}}`}::int[])`,
  );
}

/**
 * A person's name and their line manager on a date (by their terms in force then): the
 * manager's id, first name and account. Undefined when the organisation has no such person.
 */
export async function personAndLineManager(db: Db, organisationId: number, personId: number, onDate: string) {
  const [found] = await queryRows<{
    name: string;
    managerId: number | null;
    managerFirstName: string | null;
    managerUserId: number | null;
  }>(
    db,
    sql`select p.first_name || ' ' || p.last_name as name, m.id as "managerId",
               m.first_name as "managerFirstName", m.user_id as "managerUserId"
        from people p
        left join lateral (
          select s.manager_person_id from employment_spells s
          where s.organisation_id = ${organisationId} and s.person_id = p.id
            and s.effective_from <= ${onDate}
          order by s.effective_from desc limit 1
        ) spell on true
        left join people m on m.id = spell.manager_person_id and m.organisation_id = ${organisationId}
        where p.organisation_id = ${organisationId} and p.id = ${personId}`,
  );
  return found;
}
