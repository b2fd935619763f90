import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ruleOn,
  SELF_CERTIFICATION_DAYS,
  STATUTORY_SICK_PAY_WAITING_DAYS,
  STATUTORY_SICK_PAY_WEEKLY,
} from './statutory-rules.ts';

test('a rule gives the value in force on each date', () => {
  assert.equal(ruleOn(STATUTORY_SICK_PAY_WEEKLY, '2024-04-05'), 109.4);
  assert.equal(ruleOn(STATUTORY_SICK_PAY_WEEKLY, '2024-04-06'), 116.75);
  assert.equal(ruleOn(STATUTORY_SICK_PAY_WAITING_DAYS, '2026-04-05'), 3);
  assert.equal(ruleOn(STATUTORY_SICK_PAY_WAITING_DAYS, '2026-04-06'), 0);
  assert.equal(ruleOn(SELF_CERTIFICATION_DAYS, '2026-11-23'), 7);
  assert.throws(() => ruleOn(STATUTORY_SICK_PAY_WEEKLY, '2010-01-01'), RangeError);
});
