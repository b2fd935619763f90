import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGEMENT_INFORMATION_PERIOD_RULES } from '../domain/report-period-rules.ts';
import { lastFinancialYear, presetPeriods, readReportPeriod } from './report-period.ts';

const today = '2026-12-07';

test('the usual periods: the last 12 whole months, this month so far, the last financial year', () => {
  assert.deepEqual(presetPeriods(today), {
    'last-12-months': { from: '2025-12-01', to: '2026-11-30' },
    'this-month': { from: '2026-12-01', to: '2026-12-07' },
    'last-financial-year': { from: '2025-04-01', to: '2026-03-31' },
  });
  // Until 31 March, the last financial year over is the one before.
  assert.deepEqual(lastFinancialYear('2026-03-31'), { from: '2024-04-01', to: '2025-03-31' });
  assert.deepEqual(lastFinancialYear('2026-04-01'), { from: '2025-04-01', to: '2026-03-31' });
});

test('a choice, the date fields, or a link’s from and to', () => {
  const chosen = readReportPeriod({ period: 'last-financial-year' }, { today });
  assert.ok(chosen.ok);
  assert.deepEqual(chosen.period, { from: '2025-04-01', to: '2026-03-31' });
  assert.equal(chosen.form.choice, 'last-financial-year');
  const byDefault = readReportPeriod({}, { today });
  assert.ok(byDefault.ok);
  assert.equal(byDefault.form.choice, 'last-12-months');

  const typed = readReportPeriod(
    {
      period: 'custom',
      'from-day': '6',
      'from-month': '4',
      'from-year': '2025',
      'to-day': '05',
      'to-month': '04',
      'to-year': '2026',
    },
    { today },
  );
  assert.ok(typed.ok);
  assert.deepEqual(typed.query, { from: '2025-04-06', to: '2026-04-05' });

  const linked = readReportPeriod({ from: '2024-01-01', to: '2024-06-30' }, { today });
  assert.ok(linked.ok);
  assert.equal(linked.form.choice, 'custom');
  assert.deepEqual(linked.form.from, { day: '1', month: '1', year: '2024' });
  // A link with one end keeps the other of the usual period.
  const halfLinked = readReportPeriod({ from: '2026-01-01' }, { today });
  assert.ok(halfLinked.ok);
  assert.deepEqual(halfLinked.period, { from: '2026-01-01', to: '2026-11-30' });
});

test('every problem is listed, naming the field and linking to the part that is wrong', () => {
  const read = (values: Record<string, string>, maxYears?: number) => {
    const result = readReportPeriod(values, {
      today,
      rules: { ...MANAGEMENT_INFORMATION_PERIOD_RULES, longestYears: maxYears ?? null },
    });
    assert.ok(!result.ok, JSON.stringify(values));
    return result.errors;
  };
  assert.deepEqual(read({ period: 'custom' }), [
    { text: 'Enter the start of the period', href: '#from-day' },
    { text: 'Enter the end of the period', href: '#to-day' },
  ]);
  assert.deepEqual(read({ period: 'custom', 'from-day': '1', 'from-year': '2025', 'to-month': '2' }), [
    { text: 'The start of the period must include a month', href: '#from-month' },
    { text: 'The end of the period must include a day and a year', href: '#to-day' },
  ]);
  assert.deepEqual(
    read({
      period: 'custom',
      'from-day': '29',
      'from-month': '2',
      'from-year': '2025',
      'to-day': 'x',
      'to-month': '3',
      'to-year': '2025',
    }),
    [
      { text: 'The start of the period must be a real date, like 1 4 2025', href: '#from-day' },
      { text: 'The end of the period must be a real date, like 1 4 2025', href: '#to-day' },
    ],
  );
  assert.deepEqual(read({ from: '2025-06-01', to: '2025-05-01' }), [
    { text: 'The end of the period must not be before its start', href: '#to-day' },
  ]);
  assert.deepEqual(read({ from: '2010-01-01', to: '2025-05-01' }, 10), [
    { text: 'The period must be no longer than 10 years', href: '#from-day' },
  ]);
  assert.deepEqual(read({ from: '1999-12-31', to: '2025-05-01' }), [
    { text: 'The start of the period must be between the years 2000 and 2100', href: '#from-day' },
  ]);
  assert.deepEqual(read({ period: 'fortnight' }), [
    { text: 'Choose a period from the list', href: '#period' },
  ]);
  assert.match(read({ from: '01/04/2025' })[0]?.text ?? '', /the address gave “01\/04\/2025”/);
});

test('dates typed while a usual period is ticked mean another period; dates shown and left alone do not', () => {
  const fields = {
    'from-day': '1',
    'from-month': '6',
    'from-year': '2026',
    'to-day': '30',
    'to-month': '6',
    'to-year': '2026',
  };
  const typed = readReportPeriod({ period: 'last-12-months', ...fields }, { today });
  assert.ok(typed.ok);
  assert.equal(typed.form.choice, 'custom');
  assert.deepEqual(typed.period, { from: '2026-06-01', to: '2026-06-30' });
  // The page showed those dates; the person then ticks a usual period and leaves them.
  const switched = readReportPeriod({ period: 'this-month', shown: typed.form.shown, ...fields }, { today });
  assert.ok(switched.ok);
  assert.equal(switched.form.choice, 'this-month');
  assert.deepEqual(switched.period, { from: '2026-12-01', to: '2026-12-07' });
});

test('a period cannot end after today: sickness after today is not yet known', () => {
  const reading = readReportPeriod({ from: '2026-12-01', to: '2026-12-31' }, { today });
  assert.equal(reading.ok, false);
  assert.ok(!reading.ok);
  assert.deepEqual(
    reading.errors.map((e) => e.href),
    ['#to-day'],
  );
  assert.match(reading.errors[0]?.text ?? '', /must be today \(7 December 2026\) or earlier/);
  assert.ok(readReportPeriod({ from: '2026-12-01', to: today }, { today }).ok);
});
