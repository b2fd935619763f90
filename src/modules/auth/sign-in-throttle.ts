import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  currentFailures,
  waitRemaining,
  type ThrottleRule,
} from '../../domain/sign-in-throttle.ts';
import { signInThrottleRepository, type FailureCount } from './sign-in-throttle-repository.ts';

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

const keyOf = (prefix: string, kind: 'account' | 'address', value: string) =>
  createHash('sha256').update(`${prefix}${kind}:${value}`).digest('hex');

const keysOf = (prefix: string, attempt: SignInAttempt) => ({
  account: keyOf(prefix, 'account', attempt.email.trim().toLowerCase()),
  address: keyOf(prefix, 'address', attempt.address),
});

/**
 * Failed sign-ins counted in the database, so that every server shares the counts. An attempt is
 * counted as a failure *before* its password is checked, in a transaction that holds both
 * counts, so that many attempts sent at once are counted one after another rather than all let
 * through on the same count; a success then takes its count back. Refused attempts are not
 * counted.
 *
 * Other things worth rationing by email and address (asking for a password reset link) count
 * with the same rules under a `keyPrefix` of their own, so that their counts and sign-in's never
 * mix.
 */
export function signInThrottle(database: Database, options: { keyPrefix?: string } = {}) {
  const prefix = options.keyPrefix ?? '';
  return {
    async take(attempt: SignInAttempt, at = new Date()): Promise<AttemptTaken | AttemptRefused> {
      const keys = keysOf(prefix, attempt);
      return database.transaction(async (db) => {
        const counts = signInThrottleRepository(db);
        await counts.startCounts([keys.account, keys.address], at);
        const rows = await counts.lockCounts([keys.account, keys.address]);
        const account = rows.find((r) => r.key === keys.account) ?? null;
        const address = rows.find((r) => r.key === keys.address) ?? null;
        const accountWait = waitRemaining(account, ACCOUNT_RULE, at);
        const addressWait = waitRemaining(address, ADDRESS_RULE, at);
        if (accountWait > 0 || addressWait > 0) {
          return accountWait >= addressWait
            ? { refused: 'account' as const, waitMs: accountWait }
            : { refused: 'address' as const, waitMs: addressWait };
        }
        const counted = async (key: string, row: FailureCount | null, rule: ThrottleRule) => {
          await counts.setCount(key, currentFailures(row, rule, at) + 1, at);
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
      const keys = keysOf(prefix, attempt);
      await database.transaction(async (db) => {
        const counts = signInThrottleRepository(db);
        await counts.clearCount(keys.account);
        await counts.takeBackFailure(keys.address, taken.at, taken.addressLastFailedAt);
        // Counts nobody has added to for longer than any rule remembers are of no more use.
        const forgotten = new Date(
          taken.at.getTime() - Math.max(ACCOUNT_RULE.forgetAfterMs, ADDRESS_RULE.forgetAfterMs),
        );
        await counts.forgetCountsBefore(forgotten);
      });
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
