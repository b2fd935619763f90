import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CsvColumns, CsvRecord, RowLimit } from '../../domain/csv-problems.ts';
import { readCsv, type CsvSource } from './read-csv.ts';

const columns = { required: ['employee_number', 'start_date'], optional: ['notes'] };

/** The whole file read: its header, its rows and its problems (only the refusal, if refused). */
async function readAll(input: CsvSource, fileColumns: CsvColumns = columns, limit?: RowLimit) {
  const table = await readCsv(input, fileColumns, limit);
  const records: CsvRecord[] = [];
  for await (const record of table.records) records.push(record);
  return { header: table.header, records, problems: table.refusal ? [table.refusal] : table.problems };
}

test('rows are numbered as a spreadsheet shows them: header row 1, blank rows counted but skipped', async () => {
  const table = await readAll('employee_number,start_date\nE1,2024-01-01\n\n,\nE2,2024-02-01\n', columns);
  assert.deepEqual(table.problems, []);
  assert.deepEqual(table.records, [
    { row: 2, values: { employee_number: 'E1', start_date: '2024-01-01' } },
    { row: 5, values: { employee_number: 'E2', start_date: '2024-02-01' } },
  ]);
});

test('quoted values keep their commas, doubled quotes and line breaks, and take one row', async () => {
  const table = await readAll(
    'employee_number,start_date,notes\r\nE1,2024-01-01,"Back pain, lifting; said ""better soon""\nsecond line"\r\nE2,2024-01-02,\r\n',
    columns,
  );
  assert.deepEqual(table.problems, []);
  assert.equal(table.records[0]?.values.notes, 'Back pain, lifting; said "better soon"\nsecond line');
  assert.equal(table.records[1]?.row, 3);
});

test('a byte order mark is accepted, in bytes or in text, and values and header names are trimmed', async () => {
  const text = '\uFEFFemployee_number , start_date\n  E1 , 2024-01-01 \n';
  for (const input of [text, Buffer.from(text, 'utf8')]) {
    const table = await readAll(input, columns);
    assert.deepEqual(table.problems, []);
    assert.deepEqual(table.header, ['employee_number', 'start_date']);
    assert.deepEqual(table.records[0]?.values, { employee_number: 'E1', start_date: '2024-01-01' });
  }
});

test('files that are not UTF-8 are refused with a way to fix them', async () => {
  const latin1 = Buffer.from('employee_number,start_date,notes\nE1,2024-01-01,Caf\xe9\n', 'latin1');
  const table = await readAll(latin1, columns);
  assert.equal(table.records.length, 0);
  assert.equal(table.problems.length, 1);
  assert.match(table.problems[0]?.message ?? '', /not UTF-8 .*CSV UTF-8/);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('employee_number\n', 'utf16le')]);
  assert.match((await readAll(utf16, columns)).problems[0]?.message ?? '', /UTF-16/);
});

test('broken quoting is a problem of the row it is on', async () => {
  const table = await readAll(
    'employee_number,start_date,notes\nE1,2024-01-01,ok\nE2,2024-01-02,"never closed\n',
    columns,
  );
  assert.equal(table.problems.length, 1);
  assert.equal(table.problems[0]?.row, 3);
  assert.match(table.problems[0]?.message ?? '', /^the file is not valid CSV: .*double quotes/);
});

test('an empty file needs a header row', async () => {
  for (const input of ['', '\n\n', Buffer.from('\uFEFF')]) {
    const { problems } = await readAll(input, columns);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.row, null);
    assert.match(problems[0]?.message ?? '', /^the file is empty: it needs a header row/);
  }
});

test('a header with only the header row reads as no data rows', async () => {
  const table = await readAll('employee_number,start_date\n', columns);
  assert.deepEqual(table, { header: ['employee_number', 'start_date'], records: [], problems: [] });
});

test('unknown and repeated columns are problems of row 1; each missing required column is a file problem', async () => {
  const table = await readAll(
    'Employee_Number,start_date,team,start_date\nE1,2024-01-01,North,2024-01-01\n',
    columns,
  );
  assert.deepEqual(table.problems, [
    {
      row: 1,
      column: 'Employee_Number',
      message:
        '"Employee_Number" is not a column this file can have; column names are lower case: did you mean "employee_number"?',
    },
    { row: 1, column: 'team', message: '"team" is not a column this file can have' },
    { row: 1, column: 'start_date', message: 'the column "start_date" appears more than once' },
    { row: null, column: 'employee_number', message: 'the required column "employee_number" is missing' },
  ]);
  // The rows are still read, so their own problems can be found too.
  assert.equal(table.records.length, 1);
});

test('a row with more values than the header is reported and not read; trailing empty values are fine', async () => {
  const table = await readAll('employee_number,start_date\nE1,2024-01-01,,\nE2,2024-01-02,Smith\n', columns);
  assert.deepEqual(table.problems, [
    {
      row: 3,
      column: null,
      message:
        'the row has 3 values but the header names 2 columns: put any value containing a comma in double quotes',
    },
  ]);
  assert.deepEqual(
    table.records.map((r) => r.row),
    [2],
  );
});

test('a short row reads its missing values as empty', async () => {
  const table = await readAll('employee_number,start_date,notes\nE1,2024-01-01\n', columns);
  assert.deepEqual(table.records[0]?.values, { employee_number: 'E1', start_date: '2024-01-01', notes: '' });
});

test('a file read as a stream reads as the same file whole, however its bytes are cut', async () => {
  const text = 'employee_number,start_date,notes\nE1,2024-01-01,Café au lait\nE2,2024-01-02,"two\nlines"\n';
  const bytes = Buffer.from(text, 'utf8');
  // Cut one byte at a time, so a character of two bytes (é) falls across two pieces.
  async function* pieces() {
    for (let at = 0; at < bytes.length; at++) yield bytes.subarray(at, at + 1);
  }
  assert.deepEqual(await readAll(pieces()), await readAll(text));
  assert.equal((await readAll(pieces())).records[0]?.values.notes, 'Café au lait');
});

test('bytes that are not UTF-8 deep in a long file refuse the whole file', async () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `E${i},2024-01-01,`).join('\n');
  const latin1 = Buffer.from(`employee_number,start_date,notes\n${rows}\nE9,2024-01-01,Caf\xe9\n`, 'latin1');
  const table = await readAll(latin1);
  assert.equal(table.problems.length, 1);
  assert.match(table.problems[0]?.message ?? '', /not UTF-8/);
});

test('with a limit, a file of that many rows is read and a longer one refused, read no further', async () => {
  const limit = { maxRows: 3, instead: 'split it' };
  const file = (count: number) =>
    ['employee_number,start_date', ...Array.from({ length: count }, (_, i) => `E${i},2024-01-01`)].join('\n');
  const blankRowsDoNotCount = `${file(3)}\n\n,\n`;
  assert.equal((await readAll(blankRowsDoNotCount, columns, limit)).records.length, 3);
  assert.deepEqual((await readAll(file(4), columns, limit)).problems, [
    {
      row: null,
      column: null,
      message: 'the file has more than 3 rows, the most a file may have here: split it',
    },
  ]);

  let piecesRead = 0;
  async function* endless() {
    yield 'employee_number,start_date\n';
    for (;;) {
      piecesRead += 1;
      yield `E${piecesRead},2024-01-01\n`.repeat(1000);
    }
  }
  const refused = await readAll(endless(), columns, { maxRows: 5000, instead: 'split it' });
  assert.match(refused.problems[0]?.message ?? '', /more than 5,000 rows/);
  assert.ok(piecesRead < 100, `read ${piecesRead} pieces of a thousand rows`);
});
