import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from './dates.ts';
import { waitedOverCutoff } from './oh-casework.ts';
import { workingDaysAfter } from './working-days.ts';

// 25 and 28 December 2026 are bank holidays (Christmas Day on a Friday, Boxing Day moved to Monday).
const HOLIDAYS = new Set(['2026-12-25', '2026-12-28']);

test('a span of working days counts the days after the first up to and including the last', () => {
  assert.equal(workingDaysAfter('2026-11-02', '2026-11-02', HOLIDAYS), 0);
  assert.equal(workingDaysAfter('2026-11-02', '2026-11-03', HOLIDAYS), 1, 'Monday to Tuesday');
  assert.equal(workingDaysAfter('2026-11-06', '2026-11-09', HOLIDAYS), 1, 'Friday to Monday');
  assert.equal(workingDaysAfter('2026-11-02', '2026-11-16', HOLIDAYS), 10, 'two weeks');
  assert.equal(workingDaysAfter('2026-12-24', '2026-12-29', HOLIDAYS), 1, 'over Christmas');
  assert.equal(workingDaysAfter('2026-11-09', '2026-11-02', HOLIDAYS), 0, 'backwards');
});

test('a case has waited over N working days exactly when it was referred before the cutoff', () => {
  for (const onDate of ['2026-11-16', '2026-12-29', '2026-11-14', '2027-01-04']) {
    for (const days of [5, 10, 20]) {
      const cutoff = waitedOverCutoff(onDate, days, HOLIDAYS);
      for (let offset = 0; offset < 60; offset++) {
        const referred = addDays(onDate, -offset);
        assert.equal(
          workingDaysAfter(referred, onDate, HOLIDAYS) > days,
          referred < cutoff,
          `${referred} to ${onDate}, over ${days}: cutoff ${cutoff}`,
        );
      }
    }
  }
});
