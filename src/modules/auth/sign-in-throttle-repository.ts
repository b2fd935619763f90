import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { signInThrottle as throttleTable } from './auth-schema.ts';

/** The failed sign-ins counted against one key (a hashed account or address). */
export type FailureCount = typeof throttleTable.$inferSelect;

/**
 * Failed sign-ins counted in the database, one count a key: the only code that queries their
 * table. What the counts mean is the sign-in throttle's business.
 */
export function signInThrottleRepository(db: Db) {
  return {
    /** Starts a count of nothing for each key that has none. */
    async startCounts(keys: readonly string[], at: Date): Promise<void> {
      await db
        .insert(throttleTable)
        .values(keys.map((key) => ({ key, failures: 0, lastFailureAt: at })))
        .onConflictDoNothing();
    },

    /**
     * The counts of these keys, locked until the transaction ends. Locked in key order, so that
     * two attempts never wait on each other's locks.
     */
    async lockCounts(keys: readonly string[]): Promise<FailureCount[]> {
      return db
        .select()
        .from(throttleTable)
        .where(inArray(throttleTable.key, [...keys]))
        .orderBy(throttleTable.key)
        .for('update');
    },

    async setCount(key: string, failures: number, lastFailureAt: Date): Promise<void> {
      await db.update(throttleTable).set({ failures, lastFailureAt }).where(eq(throttleTable.key, key));
    },

    async clearCount(key: string): Promise<void> {
      await db.delete(throttleTable).where(eq(throttleTable.key, key));
    },

    /**
     * Takes one failure, counted at `countedAt`, back from the key's count: its last failure is
     * put back to `lastFailedBefore`, unless another failure has been counted there since. A
     * count left at nothing is deleted.
     */
    async takeBackFailure(key: string, countedAt: Date, lastFailedBefore: Date): Promise<void> {
      await db
        .update(throttleTable)
        .set({
          failures: sql`greatest(${throttleTable.failures} - 1, 0)`,
          lastFailureAt: sql`case when ${throttleTable.lastFailureAt} = ${countedAt}::timestamptz
              then ${lastFailedBefore}::timestamptz else ${throttleTable.lastFailureAt} end`,
        })
        .where(eq(throttleTable.key, key));
      await db.delete(throttleTable).where(and(eq(throttleTable.key, key), lte(throttleTable.failures, 0)));
    },

    /** Deletes the counts whose last failure was before `before`. */
    async forgetCountsBefore(before: Date): Promise<void> {
      await db.delete(throttleTable).where(lt(throttleTable.lastFailureAt, before));
    },
  };
}
