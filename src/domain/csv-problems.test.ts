import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowCheck, decimal, formatProblem, sortProblems, type CsvProblem } from './csv-problems.ts';

test('a problem is written as the file, row and column, then what is wrong', async () => {
  assert.equal(
    formatProblem(
      {
        row: 4,
        column: 'start_date',
        message: 'start_date "31/02/2024" is not a date in the form YYYY-MM-DD',
      },
      'people.csv',
    ),
    'people.csv row 4, column start_date: start_date "31/02/2024" is not a date in the form YYYY-MM-DD',
  );
  assert.equal(
    formatProblem({ row: 7, column: null, message: 'the row has 4 values' }, 'absences.csv'),
    'absences.csv row 7: the row has 4 values',
  );
  assert.equal(
    formatProblem(
      { row: null, column: 'unit', message: 'the required column "unit" is missing' },
      'people.csv',
    ),
    'people.csv column unit: the required column "unit" is missing',
  );
  assert.equal(
    formatProblem({ row: null, column: null, message: 'the file is empty' }, 'people.csv'),
    'people.csv: the file is empty',
  );
});

test('decimals are plain: digits and a point, nothing else', async () => {
  assert.equal(decimal('37.5'), 37.5);
  assert.equal(decimal('0'), 0);
  assert.equal(decimal('.5'), 0.5);
  assert.equal(decimal('-2'), -2);
  for (const bad of ['', '37,5', '1e3', '£200', '37.5h', '1,000', ' 7', 'NaN', 'Infinity', '7.']) {
    assert.equal(decimal(bad), null, bad);
  }
});

test('row checks name the column and quote the value', async () => {
  const problems: CsvProblem[] = [];
  const check = new RowCheck(
    { row: 6, values: { a: '', b: '2024-13-01', c: 'ten', d: '25', e: '-1', f: '0' } },
    problems,
  );
  assert.equal(check.required('a', 'give one'), null);
  assert.equal(check.required('missing'), null, 'a column not in the file is reported by the header check');
  assert.equal(check.date('b', true), null);
  assert.equal(check.decimal('c', { above: 0, example: '7.5' }, true), null);
  assert.equal(check.decimal('d', { atLeast: 0, atMost: 24, example: '7.5' }, true), null);
  assert.equal(check.decimal('e', { atLeast: 0, example: '100' }, false), null);
  assert.equal(check.decimal('f', { above: 0, atMost: 24, example: '3.5' }, false), null);
  assert.deepEqual(problems, [
    { row: 6, column: 'a', message: 'a is empty: give one' },
    { row: 6, column: 'b', message: 'b "2024-13-01" is not a date in the form YYYY-MM-DD' },
    { row: 6, column: 'c', message: 'c "ten" is not a number: write it like 7.5' },
    { row: 6, column: 'd', message: 'd "25" must be from 0 to 24' },
    { row: 6, column: 'e', message: 'e "-1" must be at least 0' },
    { row: 6, column: 'f', message: 'f "0" must be more than 0 and no more than 24' },
  ]);
});

test('problems are put in reading order: file, then row, then column as the file has them', async () => {
  const sorted = sortProblems(
    [
      { row: 3, column: 'b', message: '3b' },
      { row: 2, column: 'b', message: '2b' },
      { row: 2, column: 'a', message: '2a' },
      { row: null, column: 'x', message: 'file' },
      { row: 1, column: 'z', message: 'header' },
      { row: 2, column: null, message: '2' },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(
    sorted.map((p) => p.message),
    ['file', 'header', '2', '2a', '2b', '3b'],
  );
});
