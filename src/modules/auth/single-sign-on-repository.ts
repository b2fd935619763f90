import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { accountIdentities, singleSignOn } from './auth-schema.ts';

export type SingleSignOnRecord = typeof singleSignOn.$inferSelect;

/** What an organisation admin sets; the secret comes sealed, or is kept when not given. */
export interface SingleSignOnChanges {
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  allowedDomains: string[];
  enabled: boolean;
  required: boolean;
  breakGlassUserId: number | null;
  updatedBy: number;
}

/**
 * Organisations' single sign-on settings, read in a scope that holds the organisations (they are
 * under row-level security), and the accounts' identities at providers.
 */
export function singleSignOnRepository(db: Db) {
  return {
    async find(organisationId: number): Promise<SingleSignOnRecord | null> {
      const rows = await db
        .select()
        .from(singleSignOn)
        .where(eq(singleSignOn.organisationId, organisationId));
      return rows[0] ?? null;
    },

    /** The settings of these organisations that have single sign-on turned on. */
    async enabledAmong(organisationIds: readonly number[]): Promise<SingleSignOnRecord[]> {
      if (organisationIds.length === 0) return [];
      return db
        .select()
        .from(singleSignOn)
        .where(
          and(inArray(singleSignOn.organisationId, [...organisationIds]), eq(singleSignOn.enabled, true)),
        );
    },

    /** Saves the settings; a null sealed secret keeps the one saved (there must be one). */
    async save(organisationId: number, changes: SingleSignOnChanges): Promise<void> {
      const { clientSecretSealed, ...rest } = changes;
      const values = { ...rest, updatedAt: new Date() };
      if (clientSecretSealed === null) {
        const updated = await db
          .update(singleSignOn)
          .set(values)
          .where(eq(singleSignOn.organisationId, organisationId))
          .returning({ id: singleSignOn.organisationId });
        if (updated.length === 0) throw new Error('There is no saved secret to keep');
        return;
      }
      await db
        .insert(singleSignOn)
        .values({ organisationId, ...values, clientSecretSealed })
        .onConflictDoUpdate({ target: singleSignOn.organisationId, set: { ...values, clientSecretSealed } });
    },

    /** The account known at the provider by this issuer and subject, if any. */
    async accountOfIdentity(issuer: string, subject: string): Promise<number | null> {
      const rows = await db
        .select({ userId: accountIdentities.userId })
        .from(accountIdentities)
        .where(and(eq(accountIdentities.issuer, issuer), eq(accountIdentities.subject, subject)));
      return rows[0]?.userId ?? null;
    },

    /** Records the account's identity at the provider; false if it was recorded already. */
    async addIdentity(identity: { issuer: string; subject: string; userId: number }): Promise<boolean> {
      const added = await db
        .insert(accountIdentities)
        .values(identity)
        .onConflictDoNothing()
        .returning({ userId: accountIdentities.userId });
      return added.length > 0;
    },

    /** The account's identities at providers. */
    async identitiesOf(userId: number) {
      return db
        .select({ issuer: accountIdentities.issuer, subject: accountIdentities.subject })
        .from(accountIdentities)
        .where(eq(accountIdentities.userId, userId));
    },
  };
}
