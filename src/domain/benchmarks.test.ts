import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_BENCHMARKS } from '../reference/national-benchmarks.ts';
import { compareWithBenchmark, type OurBenchmarkFigures } from './benchmarks.ts';

// An organisation losing 3.5% of its working hours, 4.25% of its FTE calendar days, and 8.8 days per FTE.
const ours: OurBenchmarkFigures = { hoursRatePct: 3.5, calendarRatePct: 4.25, daysLostPerFte: 8.8 };

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

test('the ONS’s share of working hours is compared with our hours-method rate, like for like', () => {
  const c = compareWithBenchmark({ measure: 'absence_rate_pct', basis: 'hours', value: 2.9 }, ours);
  assert.equal(c.ours, 'hoursRatePct');
  assert.equal(c.ourValue, 3.5);
  near(c.difference, 0.6);
  assert.equal(c.likeForLike, true);
});

test('NHS England’s calendar-day rate is compared with our calendar-day rate, not the hours method', () => {
  const c = compareWithBenchmark({ measure: 'absence_rate_pct', basis: 'calendar_days', value: 5.7 }, ours);
  assert.equal(c.ours, 'calendarRatePct');
  assert.equal(c.ourValue, 4.25);
  near(c.difference, -1.45);
  assert.equal(c.likeForLike, true);
  assert.match(c.note, /calendar-day method/);
});

test('CIPD’s days per employee are set beside our days per FTE, with a note that they are not like for like', () => {
  const c = compareWithBenchmark({ measure: 'days_lost_per_fte', basis: 'per_employee', value: 10.6 }, ours);
  assert.equal(c.ours, 'daysLostPerFte');
  near(c.difference, -1.8);
  assert.equal(c.likeForLike, false);
  assert.match(c.note, /per employee, not per FTE/);
});

test('an own benchmark is compared with the figure of its measure, its method left to its source', () => {
  const rate = compareWithBenchmark({ measure: 'absence_rate_pct', basis: 'stated', value: 4.1 }, ours);
  assert.equal(rate.ours, 'hoursRatePct');
  near(rate.difference, -0.6);
  assert.equal(rate.likeForLike, null);
  const days = compareWithBenchmark({ measure: 'days_lost_per_fte', basis: 'stated', value: 11.2 }, ours);
  assert.equal(days.ours, 'daysLostPerFte');
  near(days.difference, -2.4);
  assert.match(days.note, /per FTE, not per employee/);
});

test('every shipped benchmark has a basis it can be compared on', () => {
  for (const b of NATIONAL_BENCHMARKS) {
    const c = compareWithBenchmark(b, ours);
    assert.ok(c.note.length > 0, b.id);
  }
  const basis = (id: string) => NATIONAL_BENCHMARKS.find((b) => b.id === id)?.basis;
  assert.equal(basis('nhs-england-2025-01'), 'calendar_days');
  assert.equal(basis('cipd-2023-all'), 'per_employee');
  assert.equal(basis('ons-2024-all'), 'hours');
});
