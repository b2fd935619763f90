import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBankHolidayFeed, shippedBankHolidays } from './bank-holidays.ts';

const dates = (region: string, year: string) =>
  shippedBankHolidays()
    .filter((h) => h.region === region && h.date.startsWith(year))
    .map((h) => h.date);

test('the shipped bank holidays match the published dates', () => {
  assert.deepEqual(dates('england-and-wales', '2025'), [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ]);
  assert.deepEqual(dates('england-and-wales', '2022'), [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ]);
  assert.ok(dates('scotland', '2025').includes('2025-12-01'), 'St Andrew’s Day substitute');
  assert.ok(dates('scotland', '2025').includes('2025-08-04'), 'Scotland’s summer holiday is in early August');
  assert.ok(!dates('scotland', '2025').includes('2025-04-21'), 'no Easter Monday in Scotland');
  assert.ok(dates('northern-ireland', '2026').includes('2026-03-17'));
  assert.deepEqual(dates('england-and-wales', '2027').slice(-2), ['2027-12-27', '2027-12-28']);
  assert.ok(dates('england-and-wales', '2023').includes('2023-05-08'), 'the coronation');
  assert.ok(dates('england-and-wales', '2020').includes('2020-05-08'), 'VE day');
});

test('a file that is not the feed is refused with a reason', () => {
  assert.throws(
    () =>
      parseBankHolidayFeed({
        'england-and-wales': { division: 'england-and-wales', events: [{ title: 'X', date: '2025-02-30' }] },
      }),
    /date/,
  );
  assert.throws(() => parseBankHolidayFeed([]), /format/);
  assert.throws(
    () => parseBankHolidayFeed({ mars: { division: 'mars', events: [{ title: 'X', date: '2025-01-01' }] } }),
    /mars/,
  );
});

test('Scotland’s New Year holidays move past the weekend one after the other', () => {
  assert.deepEqual(dates('scotland', '2022').slice(0, 2), ['2022-01-03', '2022-01-04']);
  assert.deepEqual(dates('scotland', '2023').slice(0, 2), ['2023-01-02', '2023-01-03']);
  assert.deepEqual(dates('scotland', '2025').slice(0, 2), ['2025-01-01', '2025-01-02']);
  assert.ok(dates('scotland', '2024').includes('2024-12-02'), 'St Andrew’s Day 2024 fell on a Saturday');
});

test('Northern Ireland’s own holidays have substitutes at the weekend', () => {
  assert.ok(
    dates('northern-ireland', '2024').includes('2024-03-18'),
    'St Patrick’s Day 2024 fell on a Sunday',
  );
  assert.ok(dates('northern-ireland', '2025').includes('2025-07-14'), 'the Boyne 2025 fell on a Saturday');
  assert.ok(dates('northern-ireland', '2026').includes('2026-07-13'), 'the Boyne 2026 fell on a Sunday');
  assert.ok(!dates('northern-ireland', '2025').includes('2025-08-04'));
  assert.ok(dates('northern-ireland', '2025').includes('2025-08-25'));
});

test('every division is covered from 2018 to 2028, with substitute days marked', () => {
  const holidays = shippedBankHolidays();
  for (const region of ['england-and-wales', 'scotland', 'northern-ireland']) {
    for (let year = 2018; year <= 2028; year++) {
      assert.ok(dates(region, String(year)).length >= 8, `${region} ${year}`);
    }
  }
  assert.equal(
    new Set(holidays.map((h) => `${h.region} ${h.date}`)).size,
    holidays.length,
    'no date twice in a division',
  );
  const christmas2027 = holidays.filter((h) => h.region === 'scotland' && h.date === '2027-12-27');
  assert.deepEqual(
    christmas2027.map((h) => h.title),
    ['Christmas Day'],
  );
});
