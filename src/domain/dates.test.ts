import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  compareDates,
  daysBetween,
  daysInclusive,
  daysInMonth,
  eachDay,
  earlierOf,
  fromDayNumber,
  isoWeekday,
  isRealDate,
  laterOf,
  monthEnd,
  monthKey,
  monthStart,
  parseDate,
  toDayNumber,
} from './dates.ts';

test('only real dates in the form YYYY-MM-DD are dates', () => {
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('2000-02-29'), true);
  assert.equal(isRealDate('1900-02-29'), false);
  assert.equal(isRealDate('2023-02-29'), false);
  assert.equal(isRealDate('2024-04-31'), false);
  assert.equal(isRealDate('2024-13-01'), false);
  assert.equal(isRealDate('2024-00-10'), false);
  assert.equal(isRealDate('2024-01-00'), false);
  assert.equal(isRealDate('31/01/2024'), false);
  assert.equal(isRealDate('2024-1-01'), false);
  assert.equal(isRealDate('2024-01-01T00:00'), false);
  assert.equal(isRealDate(' 2024-01-01'), false);
});

test('dates outside the years 1900 to 2100 are mistakes, not dates', () => {
  assert.equal(isRealDate('1900-01-01'), true);
  assert.equal(isRealDate('2100-12-31'), true);
  assert.equal(isRealDate('0000-01-01'), false);
  assert.equal(isRealDate('1899-12-31'), false);
  assert.equal(isRealDate('2101-01-01'), false);
  assert.equal(isRealDate('9999-12-31'), false);
  assert.throws(() => parseDate('9999-12-31'), { message: /between 1900 and 2100/ });
});

test('parsing a date gives its day number or says what is wrong', () => {
  assert.equal(parseDate('1970-01-01'), 0);
  assert.equal(parseDate('1970-01-02'), 1);
  assert.equal(parseDate('1969-12-31'), -1);
  assert.equal(parseDate('2000-03-01'), 11_017);
  assert.throws(() => parseDate('2023-02-29'), {
    name: 'RangeError',
    message: /"2023-02-29" is not a real date/,
  });
});

test('adding days crosses months, years and the clocks changing', () => {
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(addDays('2025-03-29', 2), '2025-03-31');
  assert.equal(addDays('2025-10-25', 2), '2025-10-27');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('2025-01-31', 365), '2026-01-31');
  assert.equal(daysInclusive('2025-01-01', '2025-12-31'), 365);
  assert.equal(daysInclusive('2024-01-01', '2024-12-31'), 366);
  assert.equal(daysInclusive('2025-10-25', '2025-10-27'), 3);
  assert.equal(daysInclusive('2025-10-25', '2025-10-25'), 1);
  assert.equal(daysBetween('2025-10-25', '2025-10-27'), 2);
  assert.equal(daysBetween('2025-10-27', '2025-10-25'), -2);
});

test('day numbers agree with the Gregorian calendar from 1600 to 2400', () => {
  fc.assert(
    fc.property(fc.integer({ min: -135_000, max: 157_000 }), (day) => {
      const date = fromDayNumber(day);
      assert.equal(date, new Date(day * 86_400_000).toISOString().slice(0, 10));
      assert.equal(toDayNumber(date), day);
      assert.equal(isRealDate(date), date >= '1900-01-01' && date <= '2100-12-31');
    }),
    { numRuns: 2000 },
  );
});

test('ISO weekdays run from Monday 1 to Sunday 7', () => {
  assert.equal(isoWeekday('2025-11-24'), 1);
  assert.equal(isoWeekday('2025-11-28'), 5);
  assert.equal(isoWeekday('2025-11-29'), 6);
  assert.equal(isoWeekday('2025-11-30'), 7);
  assert.equal(isoWeekday('1970-01-01'), 4);
  assert.equal(isoWeekday('1969-12-28'), 7);
});

test('days can be walked one at a time, both ends included', () => {
  assert.deepEqual(
    [...eachDay('2024-02-27', '2024-03-02')],
    ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02'],
  );
  assert.deepEqual([...eachDay('2024-03-02', '2024-03-02')], ['2024-03-02']);
  assert.deepEqual([...eachDay('2024-03-02', '2024-03-01')], []);
});

test('months have a key, a first and a last day', () => {
  assert.equal(monthKey('2025-02-14'), '2025-02');
  assert.equal(monthStart('2025-02-14'), '2025-02-01');
  assert.equal(monthEnd('2025-02-14'), '2025-02-28');
  assert.equal(monthEnd('2024-02-01'), '2024-02-29');
  assert.equal(monthEnd('2025-04-30'), '2025-04-30');
  assert.equal(monthEnd('2025-12-01'), '2025-12-31');
  assert.equal(daysInMonth(2100, 2), 28);
});

test('dates compare in calendar order', () => {
  assert.ok(compareDates('2025-01-31', '2025-02-01') < 0);
  assert.ok(compareDates('2025-02-01', '2025-01-31') > 0);
  assert.equal(compareDates('2025-02-01', '2025-02-01'), 0);
  assert.deepEqual(['2025-03-01', '2024-12-31', '2025-01-15'].sort(compareDates), [
    '2024-12-31',
    '2025-01-15',
    '2025-03-01',
  ]);
  assert.equal(earlierOf('2025-03-01', '2025-02-28'), '2025-02-28');
  assert.equal(laterOf('2025-03-01', '2025-02-28'), '2025-03-01');
});
