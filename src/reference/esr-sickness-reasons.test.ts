import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESR_SICKNESS_REASONS, esrReasonDescription, isEsrReasonCode } from './esr-sickness-reasons.ts';

test('the ESR reasons are S10 to S32, S98 and S99', () => {
  const codes = ESR_SICKNESS_REASONS.map((r) => r.code);
  const expected = [...Array.from({ length: 23 }, (_, i) => `S${10 + i}`), 'S98', 'S99'];
  assert.deepEqual(codes, expected);
  assert.equal(esrReasonDescription('S10'), 'Anxiety/stress/depression/other psychiatric illnesses');
  assert.equal(esrReasonDescription('S13'), 'Cold, Cough, Flu - Influenza');
  assert.equal(esrReasonDescription('S99'), 'Unknown causes / Not specified');
  assert.equal(esrReasonDescription('S33'), null);
});

test('only ESR codes, written exactly, are reasons', () => {
  assert.equal(isEsrReasonCode('S28'), true);
  assert.equal(isEsrReasonCode('S98'), true);
  assert.equal(isEsrReasonCode('S33'), false);
  assert.equal(isEsrReasonCode('s28'), false);
  assert.equal(isEsrReasonCode('S 28'), false);
  assert.equal(isEsrReasonCode(''), false);
});
