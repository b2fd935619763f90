import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { htmlTable, type DataTable } from './data-table.ts';
import { downloadHref, downloadLinks, tableCsv, tablesXlsx } from './downloads.ts';

const table: DataTable = {
  id: 'units',
  caption: 'Adult Social Care by service',
  sheetName: 'By service',
  columns: [
    { header: 'Unit', kind: 'text' },
    { header: 'People', kind: 'count' },
    { header: 'Days lost per FTE', kind: 'decimal' },
    { header: 'Absence rate (%)', kind: 'percent' },
    { header: 'Cost (£)', kind: 'money' },
  ],
  rows: [
    { cells: ['Home Care', 1234, 10.123456789, 4.5, 12_345.678], href: '/o/x/scorecard?unit=2' },
    { cells: ['Reablement', null, null, null, null], note: 'Not shown: fewer than 5 people' },
    { cells: ['Day Services', 'fewer than 5', 7.4 + 7.4 + 7.4, 3, 0] },
    { cells: ['All of Adult Social Care', 1250, 9.5, 4.25, 20_000], total: true },
  ],
};

test('a table as the page shows it: numbers formatted, a withheld row as one note across its figures', () => {
  const html = htmlTable(table);
  assert.equal(html.caption, 'Adult Social Care by service');
  assert.deepEqual(
    html.head.map((h) => [h.text, h.numeric]),
    [
      ['Unit', false],
      ['People', true],
      ['Days lost per FTE', true],
      ['Absence rate (%)', true],
      ['Cost (£)', true],
    ],
  );
  assert.deepEqual(
    html.rows[0]?.cells.map((c) => c.text),
    ['1,234', '10.12', '4.50', '£12,346'],
  );
  assert.equal(html.rows[0]?.header.href, '/o/x/scorecard?unit=2');
  assert.equal(html.rows[1]?.withheld, 'Not shown: fewer than 5 people');
  assert.equal(html.rows[2]?.cells[0]?.text, 'fewer than 5');
  assert.equal(html.rows[3]?.total, true);
  assert.equal(html.hasNotes, false, 'a withheld row’s note spans its figures instead');
});

test('CSV holds the unrounded numbers as plain decimals, money to the penny, and the notes', () => {
  const records: Record<string, string>[] = parse(tableCsv(table), { columns: true });
  assert.deepEqual(records[0], {
    Unit: 'Home Care',
    People: '1234',
    'Days lost per FTE': '10.123457',
    'Absence rate (%)': '4.50',
    'Cost (£)': '12345.68',
    Note: '',
  });
  assert.equal(records[1]?.People, '');
  assert.equal(records[1]?.Note, 'Not shown: fewer than 5 people');
  assert.equal(records[2]?.People, 'fewer than 5');
  assert.equal(records[2]?.['Days lost per FTE'], '22.20');
});

test('XLSX has an About sheet, then the table with numbers stored as numbers', async () => {
  const buffer = await tablesXlsx(
    [table, { ...table, id: 'again', sheetName: 'By service' }],
    [['Organisation', 'Merrowby Council']],
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  assert.deepEqual(
    workbook.worksheets.map((s) => s.name),
    ['About', 'By service', 'By service 2'],
  );
  const sheet = workbook.getWorksheet('By service');
  assert.ok(sheet);
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
    'Unit',
    'People',
    'Days lost per FTE',
    'Absence rate (%)',
    'Cost (£)',
    'Note',
  ]);
  assert.equal(sheet.getCell('C2').value, 10.123456789);
  assert.equal(sheet.getCell('E2').numFmt, '"£"#,##0.00');
  assert.equal(sheet.getCell('B4').value, 'fewer than 5');
  assert.equal(sheet.getCell('F3').value, 'Not shown: fewer than 5 people');
  assert.equal(workbook.getWorksheet('About')?.getCell('B1').value, 'Merrowby Council');
});

test('download links keep the page’s query and name the format and table', () => {
  assert.equal(
    downloadHref(
      '/o/m/management-information/scorecard',
      { unit: '4', month: undefined, format: 'csv' },
      'xlsx',
    ),
    '/o/m/management-information/scorecard?unit=4&format=xlsx',
  );
  assert.deepEqual(downloadLinks('/p', { level: 'teams' }, 'units'), {
    csv: '/p?level=teams&format=csv&table=units',
    xlsx: '/p?level=teams&format=xlsx&table=units',
  });
});
