/**
 * Which organisations each OH service serves, as the partnership admin keeps it. The table is
 * partnership-wide (no row-level security): only the partnership admin's pages change it.
 */
import { and, asc, desc, eq, gte, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { ohServiceClients } from './occupational-health-schema.ts';

export type ServingRecord = typeof ohServiceClients.$inferSelect;

export function ohServiceClientsRepository(db: Db) {
  return {
    /** Every period an organisation has been served, by provider and then client. */
    async all(): Promise<ServingRecord[]> {
      return db
        .select()
        .from(ohServiceClients)
        .orderBy(
          asc(ohServiceClients.providerOrganisationId),
          asc(ohServiceClients.clientOrganisationId),
          asc(ohServiceClients.servedFrom),
        );
    },

    /** The organisation's periods of being served that run on `from` or later. */
    async servedOnOrAfter(clientOrganisationId: number, from: string): Promise<ServingRecord[]> {
      return db
        .select()
        .from(ohServiceClients)
        .where(
          and(
            eq(ohServiceClients.clientOrganisationId, clientOrganisationId),
            or(isNull(ohServiceClients.servedUntil), gte(ohServiceClients.servedUntil, from)),
          ),
        )
        .orderBy(asc(ohServiceClients.servedFrom));
    },

    /** The organisation's period of being served that has no end yet, if any. */
    async openServing(clientOrganisationId: number): Promise<ServingRecord | null> {
      const [row] = await db
        .select()
        .from(ohServiceClients)
        .where(
          and(
            eq(ohServiceClients.clientOrganisationId, clientOrganisationId),
            isNull(ohServiceClients.servedUntil),
          ),
        )
        .orderBy(desc(ohServiceClients.servedFrom))
        .limit(1);
      return row ?? null;
    },

    async add(serving: { providerOrganisationId: number; clientOrganisationId: number; servedFrom: string }) {
      await db.insert(ohServiceClients).values(serving);
    },

    /** Sets the last day of an open period; false when it had already ended. */
    async end(clientOrganisationId: number, servedFrom: string, servedUntil: string): Promise<boolean> {
      const rows = await db
        .update(ohServiceClients)
        .set({ servedUntil })
        .where(
          and(
            eq(ohServiceClients.clientOrganisationId, clientOrganisationId),
            eq(ohServiceClients.servedFrom, servedFrom),
            isNull(ohServiceClients.servedUntil),
          ),
        )
        .returning({ from: ohServiceClients.servedFrom });
      return rows.length === 1;
    },
  };
}
