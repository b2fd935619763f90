import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvFile, spreadsheetSafe } from './csv-file.ts';

const PAYLOADS = [
  '=HYPERLINK("http://evil.example";"x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3+cmd|calc',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
];

test('text that a spreadsheet would read as a formula begins with an apostrophe', () => {
  for (const payload of PAYLOADS) assert.equal(spreadsheetSafe(payload), `'${payload}`, payload);
});

test('numbers stay numbers, negatives and plain decimals written as text included', () => {
  assert.equal(spreadsheetSafe(-3.5), -3.5);
  assert.equal(spreadsheetSafe(0), 0);
  assert.equal(spreadsheetSafe('-3.5'), '-3.5');
  assert.equal(spreadsheetSafe('-12'), '-12');
  assert.equal(spreadsheetSafe('1250.00'), '1250.00');
  assert.equal(spreadsheetSafe(null), null);
  assert.equal(spreadsheetSafe('Adult Social Care'), 'Adult Social Care');
  assert.equal(spreadsheetSafe('Care - North'), 'Care - North');
  assert.equal(spreadsheetSafe(''), '');
  // Only a plain decimal passes as a number: an exponent or a second sign is text.
  assert.equal(spreadsheetSafe('-1e3'), "'-1e3");
  assert.equal(spreadsheetSafe('-1-1'), "'-1-1");
});

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
