import { and, eq, inArray, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { people } from './people-schema.ts';

/**
 * Which person of the organisation each user account belongs to: a person is linked to at most
 * one account, and only while they are linked to none is a new link made.
 */
export function personAccountsRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(people.organisationId, organisationId);
  return {
    /** Links the account to the person of this employee number; false if there is none unlinked. */
    async linkByEmployeeNumber(employeeNumber: string, userId: number): Promise<boolean> {
      const updated = await db
        .update(people)
        .set({ userId })
        .where(and(inOrganisation, eq(people.employeeNumber, employeeNumber), isNull(people.userId)))
        .returning({ id: people.id });
      return updated.length > 0;
    },

    /** Links the account to the person of this employee number, in place of any account they had. */
    async assignByEmployeeNumber(employeeNumber: string, userId: number): Promise<void> {
      await db
        .update(people)
        .set({ userId })
        .where(and(inOrganisation, eq(people.employeeNumber, employeeNumber)));
    },

    /** Links the account to the person, unless they are linked already; whether it linked them. */
    async linkPerson(personId: number, userId: number): Promise<boolean> {
      const updated = await db
        .update(people)
        .set({ userId })
        .where(and(inOrganisation, eq(people.id, personId), isNull(people.userId)))
        .returning({ id: people.id });
      return updated.length > 0;
    },

    /** The people linked to these accounts: names and employee numbers. */
    async linkedTo(userIds: readonly number[]) {
      return db
        .select({
          userId: people.userId,
          firstName: people.firstName,
          lastName: people.lastName,
          employeeNumber: people.employeeNumber,
        })
        .from(people)
        .where(and(inOrganisation, inArray(people.userId, [...userIds])));
    },

    /**
     * The organisation's people with this email address (in any case), linked to an account or
     * not, those still employed first: whom single sign-on matches a verified email to.
     */
    async findByEmail(email: string) {
      return db
        .select({
          id: people.id,
          firstName: people.firstName,
          lastName: people.lastName,
          email: people.email,
          endDate: people.endDate,
          userId: people.userId,
        })
        .from(people)
        .where(and(inOrganisation, sql`lower(${people.email}) = ${email.trim().toLowerCase()}`))
        .orderBy(sql`${people.endDate} is not null`, people.id);
    },

    /** The person of this employee number, linked to an account or not. */
    async findByEmployeeNumber(employeeNumber: string) {
      const rows = await db
        .select()
        .from(people)
        .where(and(inOrganisation, eq(people.employeeNumber, employeeNumber)));
      return rows[0];
    },
  };
}

/**
 * The people an account is linked to, as a source of rows (`organisation_id`, `id`) for another
 * module's query to read from: what signing in reads on every request, in the one statement that
 * loads the account.
 */
export function peopleOfAccount(userId: SQLWrapper) {
  return sql`(select p.organisation_id, p.id from ${people} p where p.user_id = ${userId})`;
}
