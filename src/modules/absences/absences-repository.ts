import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { absenceChanges, absences } from '../../db/schema.ts';

export type AbsenceRecord = typeof absences.$inferSelect;
export type NewAbsence = Omit<typeof absences.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type NewAbsenceChange = Omit<typeof absenceChanges.$inferInsert, 'id' | 'at'>;

/** Absences and their change history: the only code that queries those tables. */
export function absencesRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(absences.organisationId, organisationId);
  return {
    async forPeople(personIds: readonly number[]) {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(absences)
        .where(and(inOrganisation, inArray(absences.personId, [...personIds])));
    },

    async forPerson(personId: number) {
      return db
        .select()
        .from(absences)
        .where(and(inOrganisation, eq(absences.personId, personId)))
        .orderBy(sql`${absences.startDate} desc`);
    },

    async find(absenceId: number) {
      const rows = await db
        .select()
        .from(absences)
        .where(and(inOrganisation, eq(absences.id, absenceId)));
      return rows[0] ?? null;
    },

    async insert(rows: NewAbsence[]) {
      if (rows.length === 0) return [];
      return db.insert(absences).values(rows).returning({ id: absences.id });
    },

    async update(absenceId: number, changes: Partial<NewAbsence>) {
      await db
        .update(absences)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(inOrganisation, eq(absences.id, absenceId)));
    },

    async recordChanges(rows: NewAbsenceChange[]) {
      if (rows.length === 0) return;
      await db.insert(absenceChanges).values(rows);
    },

    async history(absenceId: number) {
      return db
        .select()
        .from(absenceChanges)
        .where(
          and(eq(absenceChanges.organisationId, organisationId), eq(absenceChanges.absenceId, absenceId)),
        )
        .orderBy(absenceChanges.at);
    },
  };
}
