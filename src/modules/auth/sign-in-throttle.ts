import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { signInThrottle as throttleTable } from '../../db/schema.ts';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  currentFailures,
  waitRemaining,
  type ThrottleRule,
} from '../../domain/sign-in-throttle.ts';

/** What a sign-in attempt is counted against: the email typed and the address it came from. */
export interface SignInAttempt {
  email: string;
  address: string;
}

/** An attempt that may go ahead, counted as a failure until `succeeded` takes that back. */
export interface AttemptTaken {
  refused: null;
  /** When the address last failed before this attempt, to put back if it succeeds. */
  addressLastFailedAt: Date;
  at: Date;
}

/** An attempt refused before its password is looked at, and how long to wait. */
export interface AttemptRefused {
  refused: 'account' | 'address';
  waitMs: number;
}

const keyOf = (kind: 'account' | 'address', value: string) =>
  createHash('sha256').update(`${kind}:${value}`).digest('hex');

const keysOf = (attempt: SignInAttempt) => ({
  account: keyOf('account', attempt.email.trim().toLowerCase()),
  address: keyOf('address', attempt.address),
});

/**
 * Failed sign-ins counted in the database (the only code that queries their table), so that
 * every server shares the counts. An attempt is counted as a failure *before* its password is
 * checked, in a transaction that holds both counts, so that many attempts sent at once are
 * counted one after another rather than all let through on the same count; a success then takes
 * its count back. Refused attempts are not counted.
 */
export function signInThrottle(database: Database) {
  return {
    async take(attempt: SignInAttempt, at = new Date()): Promise<AttemptTaken | AttemptRefused> {
      const keys = keysOf(attempt);
      return database.transaction(async (db) => {
        await db
          .insert(throttleTable)
          .values([
            { key: keys.account, failures: 0, lastFailureAt: at },
            { key: keys.address, failures: 0, lastFailureAt: at },
          ])
          .onConflictDoNothing();
        // Locked in key order, so that two attempts never wait on each other's locks.
        const rows = await db
          .select()
          .from(throttleTable)
          .where(inArray(throttleTable.key, [keys.account, keys.address]))
          .orderBy(throttleTable.key)
          .for('update');
        const account = rows.find((r) => r.key === keys.account) ?? null;
        const address = rows.find((r) => r.key === keys.address) ?? null;
        const accountWait = waitRemaining(account, ACCOUNT_RULE, at);
        const addressWait = waitRemaining(address, ADDRESS_RULE, at);
        if (accountWait > 0 || addressWait > 0) {
          return accountWait >= addressWait
            ? { refused: 'account' as const, waitMs: accountWait }
            : { refused: 'address' as const, waitMs: addressWait };
        }
        const counted = async (key: string, row: typeof account, rule: ThrottleRule) => {
          await db
            .update(throttleTable)
            .set({ failures: currentFailures(row, rule, at) + 1, lastFailureAt: at })
            .where(eq(throttleTable.key, key));
        };
        await counted(keys.account, account, ACCOUNT_RULE);
        await counted(keys.address, address, ADDRESS_RULE);
        return {
          refused: null,
          addressLastFailedAt: address?.lastFailureAt ?? at,
          at,
        };
      });
    },

    /**
     * The attempt succeeded: its account's count is cleared, and its address's count is put
     * back as it was (unless another failure has been counted there since).
     */
    async succeeded(attempt: SignInAttempt, taken: AttemptTaken): Promise<void> {
      const keys = keysOf(attempt);
      await database.transaction(async (db) => {
        await db.delete(throttleTable).where(eq(throttleTable.key, keys.account));
        await db
          .update(throttleTable)
          .set({
            failures: sql`greatest(${throttleTable.failures} - 1, 0)`,
            lastFailureAt: sql`case when ${throttleTable.lastFailureAt} = ${taken.at}::timestamptz
              then ${taken.addressLastFailedAt}::timestamptz else ${throttleTable.lastFailureAt} end`,
          })
          .where(eq(throttleTable.key, keys.address));
        await db
          .delete(throttleTable)
          .where(and(eq(throttleTable.key, keys.address), lte(throttleTable.failures, 0)));
        // Counts nobody has added to for longer than any rule remembers are of no more use.
        const forgotten = new Date(
          taken.at.getTime() - Math.max(ACCOUNT_RULE.forgetAfterMs, ADDRESS_RULE.forgetAfterMs),
        );
        await db.delete(throttleTable).where(lt(throttleTable.lastFailureAt, forgotten));
      });
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
