/**
 * How failed sign-ins slow down guessing, counted separately for each account (the email typed)
 * and each network address. A few failures cost nothing; after them, each further attempt waits
 * a while after the last failure, a minute at first and doubling up to a quarter of an hour.
 * Nothing is ever locked for good, so nobody can shut a person out by guessing at their account
 * for long, yet guessing slows to a handful of tries an hour. Only failures count: a successful
 * sign-in clears its account's count. Counts are forgotten after a quiet spell.
 */

export interface ThrottleRule {
  /** Failures allowed before anyone has to wait. */
  freeFailures: number;
  /** A count with no failure for this long starts again from nothing. */
  forgetAfterMs: number;
}

/** The email typed: people mistype their own password a few times, never many. */
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, forgetAfterMs: 24 * 60 * 60_000 };

/**
 * A network address: many people may sign in from one office's address, so more failures are
 * allowed, and forgotten sooner.
 */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, forgetAfterMs: 60 * 60_000 };

export const FIRST_WAIT_MS = 60_000;
export const LONGEST_WAIT_MS = 15 * 60_000;

export interface FailureCount {
  failures: number;
  lastFailureAt: Date;
}

/** The count as it stands at `now`: nothing once it has been forgotten. */
export function currentFailures(count: FailureCount | null, rule: ThrottleRule, now: Date): number {
  if (!count) return 0;
  return now.getTime() - count.lastFailureAt.getTime() >= rule.forgetAfterMs ? 0 : count.failures;
}

/** How long after the last of `failures` failures the next attempt must wait. */
export function waitAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 20);
  return Math.min(FIRST_WAIT_MS * 2 ** doublings, LONGEST_WAIT_MS);
}

/** How much longer, at `now`, an attempt must wait: 0 when one may be made. */
export function waitRemaining(count: FailureCount | null, rule: ThrottleRule, now: Date): number {
  const failures = currentFailures(count, rule, now);
  const wait = waitAfter(failures, rule);
  // Free failures mean no wait, even when the last failure was counted by an attempt begun after
  // this one (attempts sent at once are counted in the order they take the lock, not begin).
  if (!count || wait === 0) return 0;
  const until = count.lastFailureAt.getTime() + wait;
  return Math.max(0, until - now.getTime());
}

/** A wait in plain words, in whole minutes rounded up: "1 minute", "15 minutes". */
export function waitInWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
