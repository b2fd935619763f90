import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvFile } from './write-csv.ts';

const PAYLOADS = [
  '=HYPERLINK("http://evil.example";"x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3+cmd|calc',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
];

test('a CSV file has its header and rows, every text cell made safe, numbers as numbers', () => {
  const text = csvFile(
    ['group', 'change'],
    [
      [PAYLOADS[0] ?? '', -3.5],
      ['@SUM(1+1)', '-0.25'],
      ['North Team', null],
    ],
  );
  assert.equal(
    text,
    [
      'group,change',
      `"'=HYPERLINK(""http://evil.example"";""x"")",-3.5`,
      "'@SUM(1+1),-0.25",
      'North Team,',
      '',
    ].join('\n'),
  );
  const records: string[][] = parse(text);
  assert.deepEqual(records[1], [`'${PAYLOADS[0]}`, '-3.5']);
});
