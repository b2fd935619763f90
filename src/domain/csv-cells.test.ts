import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spreadsheetSafe } from './csv-cells.ts';

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
