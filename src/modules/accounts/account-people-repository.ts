import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { people } from '../../db/schema.ts';

export interface LinkedPerson {
  personId: number;
  name: string;
  employeeNumber: string;
}

/**
 * The link between user accounts and the people they belong to in one organisation
 * (`people.user_id`): who is linked to which account, and making a new link.
 */
export function accountPeopleRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(people.organisationId, organisationId);
  return {
    /** The person each of these accounts is linked to here, by account id. */
    async linkedTo(userIds: readonly number[]): Promise<Map<number, LinkedPerson>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({
          userId: people.userId,
          personId: people.id,
          firstName: people.firstName,
          lastName: people.lastName,
          employeeNumber: people.employeeNumber,
        })
        .from(people)
        .where(and(inOrganisation, inArray(people.userId, [...userIds])));
      const linked = new Map<number, LinkedPerson>();
      for (const row of rows) {
        if (row.userId === null) continue;
        linked.set(row.userId, {
          personId: row.personId,
          name: `${row.firstName} ${row.lastName}`,
          employeeNumber: row.employeeNumber,
        });
      }
      return linked;
    },

    async findByEmployeeNumber(employeeNumber: string) {
      const rows = await db
        .select({
          id: people.id,
          firstName: people.firstName,
          lastName: people.lastName,
          employeeNumber: people.employeeNumber,
          userId: people.userId,
        })
        .from(people)
        .where(and(inOrganisation, eq(people.employeeNumber, employeeNumber)));
      return rows[0] ?? null;
    },

    /**
     * Links the person to the account, unless the person is already linked to another
     * account. Returns whether the person is now linked to this account.
     */
    async link(personId: number, userId: number): Promise<boolean> {
      const rows = await db
        .update(people)
        .set({ userId })
        .where(
          and(inOrganisation, eq(people.id, personId), or(isNull(people.userId), eq(people.userId, userId))),
        )
        .returning({ id: people.id });
      return rows.length > 0;
    },
  };
}
