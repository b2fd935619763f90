import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  currentFailures,
  waitAfter,
  waitInWords,
  waitRemaining,
} from './sign-in-throttle.ts';

const minutes = (n: number) => n * 60_000;

test('throttle: the first failures cost nothing, then the wait doubles from a minute to 15 minutes', () => {
  assert.deepEqual(
    [0, 1, 4, 5, 6, 7, 8, 9, 10, 50].map((failures) => waitAfter(failures, ACCOUNT_RULE) / 60_000),
    [0, 0, 0, 1, 2, 4, 8, 15, 15, 15],
  );
  assert.equal(waitAfter(19, ADDRESS_RULE), 0);
  assert.equal(waitAfter(20, ADDRESS_RULE), minutes(1));
});

test('throttle: the wait runs from the last failure, and a quiet spell forgets the count', () => {
  const last = new Date('2026-11-23T10:00:00Z');
  const at = (m: number) => new Date(last.getTime() + minutes(m));
  const count = { failures: 6, lastFailureAt: last };
  assert.equal(waitRemaining(count, ACCOUNT_RULE, at(0.5)), minutes(1.5));
  assert.equal(waitRemaining(count, ACCOUNT_RULE, at(2)), 0);
  assert.equal(waitRemaining(null, ACCOUNT_RULE, at(0)), 0);
  assert.equal(currentFailures(count, ACCOUNT_RULE, at(24 * 60 - 1)), 6);
  assert.equal(currentFailures(count, ACCOUNT_RULE, at(24 * 60)), 0);
  assert.equal(currentFailures({ failures: 25, lastFailureAt: last }, ADDRESS_RULE, at(60)), 0);
});

test('throttle: waits are said in whole minutes', () => {
  assert.equal(waitInWords(1_000), '1 minute');
  assert.equal(waitInWords(minutes(1)), '1 minute');
  assert.equal(waitInWords(minutes(1) + 1), '2 minutes');
  assert.equal(waitInWords(minutes(15)), '15 minutes');
});

test('throttle: free failures mean no wait, even when the last was counted a moment after this attempt began', () => {
  // Attempts sent at once take the lock in any order: one begun at 10:00:00.000 may find a
  // failure counted by one begun 40 ms later.
  const begun = new Date('2026-11-23T10:00:00Z');
  const counted = { failures: 4, lastFailureAt: new Date(begun.getTime() + 40) };
  assert.equal(waitRemaining(counted, ACCOUNT_RULE, begun), 0);
  assert.equal(waitRemaining({ ...counted, failures: 5 }, ACCOUNT_RULE, begun), minutes(1) + 40);
});
