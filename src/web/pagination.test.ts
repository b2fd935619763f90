import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchPage, pageOfRows, paginationLinks, requestedPage } from './pagination.ts';

test('pagination: a page of rows, the last page for one asked beyond it', () => {
  const rows = Array.from({ length: 250 }, (_, i) => i + 1);
  assert.deepEqual(
    { ...pageOfRows(rows, 1), rows: undefined },
    { rows: undefined, page: 1, pages: 3, first: 1, last: 100, total: 250 },
  );
  const last = pageOfRows(rows, 3);
  assert.deepEqual([last.first, last.last, last.rows.length, last.rows[0]], [201, 250, 50, 201]);
  assert.equal(pageOfRows(rows, 99).page, 3);
  assert.equal(pageOfRows(rows, 0).page, 1);
  assert.deepEqual(
    { ...pageOfRows([], 1), rows: [] },
    { rows: [], page: 1, pages: 1, first: 0, last: 0, total: 0 },
  );
});

test('pagination: the page asked for in a query string', () => {
  assert.equal(requestedPage({ page: '3' }), 3);
  for (const page of [undefined, '', 'two', '-1', '1.5', '12345678', ['2']]) {
    assert.equal(requestedPage({ page }), 1, String(page));
  }
  assert.equal(requestedPage({ page: '0' }), 1);
});

test('pagination: links to the first, last and nearby pages, with gaps marked', () => {
  assert.equal(paginationLinks(1, 1, String), null);
  const links = paginationLinks(6, 12, (n) => `?page=${n}`);
  assert.deepEqual(links?.previous, { href: '?page=5' });
  assert.deepEqual(links?.next, { href: '?page=7' });
  assert.deepEqual(
    links?.items.map((i) => ('ellipsis' in i ? '…' : i.current ? `[${i.number}]` : String(i.number))),
    ['1', '…', '4', '5', '[6]', '7', '8', '…', '12'],
  );
  const first = paginationLinks(1, 3, String);
  assert.equal(first?.previous, undefined);
  assert.equal(paginationLinks(3, 3, String)?.next, undefined);
});

test('pagination: a page the database pages and counts, the last for one asked beyond it', async () => {
  const all = Array.from({ length: 250 }, (_, i) => i + 1);
  const calls: [number, number][] = [];
  const fetch = async (limit: number, offset: number) => {
    calls.push([limit, offset]);
    const rows = all.slice(offset, offset + limit);
    return { rows, total: rows.length > 0 ? all.length : 0 };
  };
  const second = await fetchPage(fetch, 2);
  assert.deepEqual(
    [second.page, second.pages, second.first, second.last, second.rows[0]],
    [2, 3, 101, 200, 101],
  );
  assert.deepEqual(calls, [[100, 100]]);
  calls.length = 0;
  const beyond = await fetchPage(fetch, 9);
  assert.deepEqual([beyond.page, beyond.first, beyond.last, beyond.total], [3, 201, 250, 250]);
  assert.deepEqual(calls, [
    [100, 800],
    [1, 0],
    [100, 200],
  ]);
  const none = await fetchPage(async () => ({ rows: [], total: 0 }), 4);
  assert.deepEqual(
    { ...none, rows: none.rows.length },
    { rows: 0, page: 1, pages: 1, first: 0, last: 0, total: 0 },
  );
});
