import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateRange, dateTime, ukDate, ukDateShort } from './date-words.ts';

test('dates read as people write them', () => {
  assert.equal(ukDate('2026-11-11'), '11 November 2026');
  assert.equal(ukDateShort('2026-09-01'), '1 Sept 2026');
  assert.equal(dateRange('2025-12-01', '2026-11-30'), '1 December 2025 to 30 November 2026');
  assert.equal(dateTime('2026-07-01T13:05:00Z'), '1 July 2026 at 2:05pm');
  // Not a date: left as it is, for the text around it to make sense of.
  assert.equal(ukDate('2026-02-30'), '2026-02-30');
});
