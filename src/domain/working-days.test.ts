import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, isWorkingDay, workingDaysReach } from './working-days.ts';

const none = new Set<string>();

test('working days skip weekends and the bank holidays given', () => {
  assert.equal(isWorkingDay('2026-12-04', none), true, 'a Friday');
  assert.equal(isWorkingDay('2026-12-05', none), false, 'a Saturday');
  assert.equal(isWorkingDay('2026-12-25', new Set(['2026-12-25'])), false, 'Christmas Day');
  // Thursday + 2 working days = the Monday after.
  assert.equal(addWorkingDays('2026-12-03', 2, none), '2026-12-07');
  // Over Christmas 2026 (Friday 25 and Monday 28 December, England and Wales).
  const christmas = new Set(['2026-12-25', '2026-12-28']);
  assert.equal(addWorkingDays('2026-12-24', 2, christmas), '2026-12-30');
  assert.equal(addWorkingDays('2026-12-24', 0, christmas), '2026-12-24');
  assert.ok(workingDaysReach(2) >= 10);
});
