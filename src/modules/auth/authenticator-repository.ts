import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { authenticatorApps, recoveryCodes } from './auth-schema.ts';

export type AuthenticatorRow = typeof authenticatorApps.$inferSelect;

/** Each account's authenticator app and recovery codes: the only code that queries their tables. */
export function authenticatorRepository(db: Db) {
  return {
    async find(userId: number): Promise<AuthenticatorRow | null> {
      const rows = await db.select().from(authenticatorApps).where(eq(authenticatorApps.userId, userId));
      return rows[0] ?? null;
    },

    /** Starts setting up an app with this sealed secret, replacing one not yet confirmed. */
    async startSetUp(userId: number, secretSealed: string): Promise<void> {
      await db
        .insert(authenticatorApps)
        .values({ userId, secretSealed })
        .onConflictDoUpdate({
          target: authenticatorApps.userId,
          set: { secretSealed, confirmedAt: null, lastUsedStep: null, createdAt: sql`now()` },
          where: isNull(authenticatorApps.confirmedAt),
        });
    },

    /**
     * Records that the code of time step `step` was used: only if no code of that step or a later
     * one was used before, so that a code works once even when sent twice at the same moment.
     * Confirms the app if it was being set up. True if recorded.
     */
    async useStep(userId: number, step: number, at: Date): Promise<boolean> {
      const rows = await db
        .update(authenticatorApps)
        .set({ lastUsedStep: step, confirmedAt: sql`coalesce(${authenticatorApps.confirmedAt}, ${at})` })
        .where(
          and(
            eq(authenticatorApps.userId, userId),
            or(isNull(authenticatorApps.lastUsedStep), lt(authenticatorApps.lastUsedStep, step)),
          ),
        )
        .returning({ userId: authenticatorApps.userId });
      return rows.length > 0;
    },

    /** Replaces the account's recovery codes with these (hashed). */
    async replaceRecoveryCodes(userId: number, codeHashes: readonly string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length > 0) {
        await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      }
    },

    /** Marks an unused recovery code used; true if it was the account's and unused. */
    async useRecoveryCode(userId: number, codeHash: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: at })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ userId: recoveryCodes.userId });
      return rows.length > 0;
    },

    async unusedRecoveryCodes(userId: number): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return rows[0]?.count ?? 0;
    },

    /** Removes the account's app and recovery codes; true if it had an app. */
    async remove(userId: number): Promise<boolean> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      const rows = await db
        .delete(authenticatorApps)
        .where(eq(authenticatorApps.userId, userId))
        .returning({ userId: authenticatorApps.userId });
      return rows.length > 0;
    },
  };
}
