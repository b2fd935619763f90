import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { ReportRow } from '../../domain/absence-report.ts';
import { plainDecimal, reportCsv, reportJson, reportTable } from './report-format.ts';

const row = (group: string, n: number): ReportRow => ({
  group,
  averageFte: 1.5,
  hoursAvailable: 22.2,
  hoursLost: 7.4 + 7.4 + 7.4,
  fteDaysLost: 3,
  fteDaysAvailable: 46.5,
  daysLostPerFte: 2,
  absenceRatePct: 100 / 3,
  episodes: n,
  shortTermEpisodes: n,
  longTermEpisodes: 0,
  costGbp: 1234.5678,
});

test('numbers are plain decimals: whole as they are, others with at least two places', () => {
  assert.equal(plainDecimal(12), '12');
  assert.equal(plainDecimal(12.5), '12.50');
  assert.equal(plainDecimal(1 / 3), '0.333333');
  assert.equal(plainDecimal(7.4 + 7.4 + 7.4), '22.20');
  assert.equal(plainDecimal(-0), '0');
  assert.equal(plainDecimal(1e-9), '0');
  assert.equal(plainDecimal(1234.5678, { min: 2, max: 2 }), '1234.57');
});

test('the CSV has the columns of SPEC §7 in order and a final TOTAL row', () => {
  const csv = reportCsv([row('Adult Social Care', 2), row('TOTAL', 2)], 'hours');
  const records: Record<string, string>[] = parse(csv, { columns: true });
  assert.deepEqual(Object.keys(records[0] ?? {}), [
    'group',
    'average_fte',
    'hours_available',
    'hours_lost',
    'fte_days_lost',
    'days_lost_per_fte',
    'absence_rate_pct',
    'episodes',
    'short_term_episodes',
    'long_term_episodes',
    'cost_gbp',
  ]);
  assert.equal(records.at(-1)?.group, 'TOTAL');
  assert.equal(records[0]?.hours_lost, '22.20');
  assert.equal(records[0]?.cost_gbp, '1234.57');
  assert.equal(records[0]?.absence_rate_pct, '33.333333');
});

test('the calendar method has its own columns', () => {
  const csv = reportCsv([row('TOTAL', 1)], 'calendar');
  assert.equal(
    csv.split('\n')[0],
    'group,average_fte,fte_days_lost,days_lost_per_fte,absence_rate_pct,episodes,short_term_episodes,long_term_episodes,fte_days_available',
  );
});

test('JSON is an array of rows with numbers, and the table aligns its columns', () => {
  const json = JSON.parse(reportJson([row('2025-01', 3), row('TOTAL', 3)], 'hours')) as Record<
    string,
    unknown
  >[];
  assert.equal(json.length, 2);
  assert.equal(json[0]?.group, '2025-01');
  assert.equal(json[0]?.episodes, 3);
  assert.equal(json[0]?.hours_lost, 22.2);
  const table = reportTable([row('TOTAL', 3)], 'hours').split('\n');
  assert.match(table[0] ?? '', /^group\s+average_fte/);
  assert.match(table[2] ?? '', /^TOTAL\s+1\.50/);
});
