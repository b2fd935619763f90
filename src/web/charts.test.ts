import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withShortCoordinates } from './charts.ts';

test('charts: mark positions are kept to a hundredth of a pixel, and text as it is', () => {
  assert.equal(
    withShortCoordinates(
      '<path transform="translate(252.526,317.85837045350917)" d="M0,4.108L-4.7431,-4.1"/><text transform="translate(1.23456,0)">12.3456%</text>',
    ),
    '<path transform="translate(252.52,317.85)" d="M0,4.10L-4.74,-4.1"/><text transform="translate(1.23,0)">12.3456%</text>',
  );
});
