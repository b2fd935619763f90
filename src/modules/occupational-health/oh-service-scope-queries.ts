/**
 * Which OH service serves which organisations, and the scope an OH service acts in: its own
 * organisation, and the OH rows of the organisations it serves (row-level security refuses the
 * rest). A service keeps the cases it holds when it stops serving an organisation.
 */
import { and, asc, eq, isNull, lte, or, gte } from 'drizzle-orm';
import type { Db, Scope } from '../../db/database.ts';
import { ohServiceClients } from './occupational-health-schema.ts';

/** The organisations a provider's OH service has served from any day up to `onDate`. */
export async function organisationsServed(db: Db, providerId: number, onDate: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: ohServiceClients.clientOrganisationId })
    .from(ohServiceClients)
    .where(
      and(eq(ohServiceClients.providerOrganisationId, providerId), lte(ohServiceClients.servedFrom, onDate)),
    )
    .orderBy(asc(ohServiceClients.clientOrganisationId));
  return rows.map((r) => r.id);
}

/** The provider whose OH service serves the organisation on the date, or null when none does. */
export async function serviceServing(db: Db, organisationId: number, onDate: string): Promise<number | null> {
  const [row] = await db
    .select({ providerId: ohServiceClients.providerOrganisationId })
    .from(ohServiceClients)
    .where(
      and(
        eq(ohServiceClients.clientOrganisationId, organisationId),
        lte(ohServiceClients.servedFrom, onDate),
        or(isNull(ohServiceClients.servedUntil), gte(ohServiceClients.servedUntil, onDate)),
      ),
    )
    .limit(1);
  return row?.providerId ?? null;
}

/**
 * The scope of a provider acting as its OH service: its own organisation, and the OH rows of
 * every organisation it has served; null when it runs no OH service.
 */
export async function serviceScope(db: Db, providerId: number, onDate: string): Promise<Scope | null> {
  const served = await organisationsServed(db, providerId, onDate);
  if (served.length === 0) return null;
  return { organisationIds: [providerId], ohOrganisationIds: served };
}
