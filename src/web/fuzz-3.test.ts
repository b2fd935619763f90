/**
 * Bad input never breaks the service, and a refused request writes nothing: the third of
 * four shares of the routes, fuzzed as src/testing/fuzzing.ts describes. The four files run side
 * by side.
 */
import { test } from 'node:test';
import { fuzzRoutes } from '../testing/fuzzing.ts';

test('no route of the third share answers bad input with a 5xx, or writes when it refuses it', (t) =>
  fuzzRoutes(t, 2, 4));
