import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnTo } from './return-to.ts';

const site = 'https://wellwork.example';

test('return-to: a path on this service is kept, with its query and fragment', () => {
  assert.equal(
    safeReturnTo('/o/merrowby-council/people?q=smith#r', site),
    '/o/merrowby-council/people?q=smith#r',
  );
  assert.equal(safeReturnTo('/people/%C3%A9', site), '/people/%C3%A9');
});

test('return-to: anything that could lead elsewhere, or is not plain ASCII, goes home', () => {
  for (const value of [
    undefined,
    '',
    'people',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\t\\evil.example',
    '/ /evil.example',
    '/\r\nLocation: https://evil.example',
    '/\u0000',
    '/people\u3000',
    '/café',
    'https://evil.example/',
    'javascript:alert(1)',
  ]) {
    assert.equal(safeReturnTo(value, site), '/', JSON.stringify(value));
  }
});
