import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRealDate } from '../domain/dates.ts';
import { benchmarksFor, NATIONAL_BENCHMARKS } from './national-benchmarks.ts';

test('each shipped benchmark says what, when and where from', () => {
  for (const b of NATIONAL_BENCHMARKS) {
    assert.ok(isRealDate(b.periodEnd), `${b.id} has a real period end`);
    assert.ok(b.publisher && b.source && b.method && b.period, `${b.id} has its source`);
    assert.ok(b.value > 0 && b.value < 100, `${b.id} has a plausible value`);
  }
  assert.equal(new Set(NATIONAL_BENCHMARKS.map((b) => b.id)).size, NATIONAL_BENCHMARKS.length);
});

test('the SPEC’s published figures are shipped as stated', () => {
  const value = (id: string) => NATIONAL_BENCHMARKS.find((b) => b.id === id)?.value;
  assert.equal(value('ons-2024-all'), 2.0);
  assert.equal(value('ons-2024-public'), 2.9);
  assert.equal(value('ons-2024-private'), 1.8);
  assert.equal(value('nhs-england-2025-01'), 5.7);
  assert.equal(value('cipd-2023-all'), 7.8);
  assert.equal(value('cipd-2023-public'), 10.6);
});

test('an organisation is compared with everyone and with its own sector', () => {
  const ids = (sector: string) => benchmarksFor(sector).map((b) => b.id);
  assert.deepEqual(ids('nhs'), [
    'ons-2024-all',
    'ons-2024-public',
    'nhs-england-2025-01',
    'cipd-2023-all',
    'cipd-2023-public',
  ]);
  assert.deepEqual(ids('private'), ['ons-2024-all', 'ons-2024-private', 'cipd-2023-all']);
  assert.deepEqual(ids('local_government'), [
    'ons-2024-all',
    'ons-2024-public',
    'cipd-2023-all',
    'cipd-2023-public',
  ]);
});
