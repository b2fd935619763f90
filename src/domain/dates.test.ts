import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, daysInclusive, isRealDate } from './dates.ts';

test('only real dates in the form YYYY-MM-DD are dates', () => {
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('2023-02-29'), false);
  assert.equal(isRealDate('2024-13-01'), false);
  assert.equal(isRealDate('31/01/2024'), false);
  assert.equal(isRealDate('2024-1-01'), false);
});

test('adding days crosses months, years and the clocks changing', () => {
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(addDays('2025-03-29', 2), '2025-03-31');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(daysInclusive('2025-01-01', '2025-12-31'), 365);
  assert.equal(daysInclusive('2025-10-25', '2025-10-27'), 3);
});
