import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeReading, reviewDueDate, rollingWindow, triggerReading } from './attendance-triggers.ts';

const settings = { bradfordTrigger: 200, episodesTrigger: 3, daysTrigger: 14 };
const spell = (startDate: string, endDate: string | null, disabilityRelated = false) => ({
  startDate,
  endDate,
  disabilityRelated,
});

test('the rolling 52 weeks are 364 days ending on the date', () => {
  assert.deepEqual(rollingWindow('2026-11-23'), { from: '2025-11-25', to: '2026-11-23' });
});

test('Bradford factor: S² × D, worked by hand', () => {
  // Three one-day spells and one of seven days: S = 4, D = 10, 4² × 10 = 160.
  const reading = triggerReading(
    [
      spell('2026-02-02', '2026-02-02'),
      spell('2026-04-13', '2026-04-13'),
      spell('2026-06-01', '2026-06-01'),
      spell('2026-09-07', '2026-09-13'),
    ],
    '2026-11-23',
    settings,
  );
  assert.deepEqual(reading, { spells: 4, days: 10, bradfordFactor: 160, reached: ['episodes'] });
  // One spell of 10 days: 1² × 10 = 10, while ten one-day spells give 10² × 10 = 1000.
  const many = Array.from({ length: 10 }, (_, i) =>
    spell(`2026-0${(i % 9) + 1}-1${i % 2}`, `2026-0${(i % 9) + 1}-1${i % 2}`),
  );
  assert.equal(triggerReading(many, '2026-11-23', settings).bradfordFactor, 1000);
});

test('disability-related absence is left out, spells are clipped to the window and open spells count to today', () => {
  const reading = triggerReading(
    [
      spell('2026-03-02', '2026-03-20', true),
      spell('2025-11-20', '2025-11-28'), // 4 days of it in the window (from 25 November)
      spell('2026-11-20', null), // open: 4 days to 23 November
      spell('2025-01-01', '2025-01-31'), // before the window
    ],
    '2026-11-23',
    settings,
  );
  assert.deepEqual(reading, { spells: 2, days: 8, bradfordFactor: 32, reached: [] });
});

test('each trigger can be reached on its own, and a trigger of 0 is off', () => {
  const long = triggerReading([spell('2026-05-01', '2026-05-20')], '2026-11-23', settings);
  assert.deepEqual(long.reached, ['days']);
  assert.equal(describeReading(long, settings), '20 days of sickness (trigger 14)');
  const both = triggerReading(
    [spell('2026-05-01', '2026-05-20'), spell('2026-07-01', '2026-07-01')],
    '2026-11-23',
    settings,
  );
  assert.equal(both.bradfordFactor, 84);
  assert.deepEqual(
    triggerReading([spell('2026-05-01', '2026-05-20')], '2026-11-23', { ...settings, daysTrigger: 0 })
      .reached,
    [],
  );
  const high = triggerReading(
    [spell('2026-05-01', '2026-05-30'), spell('2026-07-01', '2026-07-30'), spell('2026-08-03', '2026-08-03')],
    '2026-11-23',
    settings,
  );
  assert.equal(
    describeReading(high, settings),
    'Bradford factor 549 (trigger 200); 3 spells of sickness (trigger 3); 61 days of sickness (trigger 14)',
  );
  // Large readings are written with thousands separators.
  const many = triggerReading(
    Array.from({ length: 8 }, (_, i) => spell(`2026-0${i + 1}-01`, `2026-0${i + 1}-10`)),
    '2026-11-23',
    settings,
  );
  assert.match(describeReading(many, settings), /^Bradford factor 5,120 \(trigger 200\)/);
});

test('a welcome-back review falls due working days after the last day off, skipping weekends and bank holidays', () => {
  const none = new Set<string>();
  // Last day off Friday 20 November 2026: Monday 23, Tuesday 24, Wednesday 25.
  assert.equal(reviewDueDate('2026-11-20', 3, none), '2026-11-25');
  // Last day off Thursday 24 December 2026, with Christmas and Boxing Day (substitute Monday 28).
  const holidays = new Set(['2026-12-25', '2026-12-28']);
  assert.equal(reviewDueDate('2026-12-24', 3, holidays), '2026-12-31');
  assert.equal(reviewDueDate('2026-12-24', 1, holidays), '2026-12-29');
});
