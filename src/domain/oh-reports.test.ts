import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  adjustmentLines,
  adjustmentsToAdd,
  referrerSees,
  reportAllows,
  reviewEndsOn,
  statusOnSending,
  type ReportAction,
} from './oh-reports.ts';

const ACTIONS: ReportAction[] = [
  'edit',
  'send',
  'release',
  'withhold',
  'ask-correction',
  'answer-correction',
  'add-adjustments',
];

test('what may happen to a report in each status', () => {
  const allowed = (status: string) => ACTIONS.filter((a) => reportAllows(status, a));
  assert.deepEqual(allowed('draft'), ['edit', 'send']);
  assert.deepEqual(allowed('with_employee'), ['release', 'withhold', 'ask-correction', 'answer-correction']);
  assert.deepEqual(allowed('released'), ['add-adjustments']);
  assert.deepEqual(allowed('withheld'), [], 'a withheld report is final');
});

test('a sent report goes to the employee first only when they asked to see it', () => {
  assert.equal(statusOnSending(true), 'with_employee');
  assert.equal(statusOnSending(false), 'released');
});

test('the review window ends its working days after the report was sent, bank holidays skipped', () => {
  // Sent on Thursday 3 December 2026: two working days take it to Monday 7 December.
  assert.equal(reviewEndsOn('2026-12-03', 2, new Set()), '2026-12-07');
  // Sent on Christmas Eve 2026, with Christmas Day and the Boxing Day substitute off.
  assert.equal(reviewEndsOn('2026-12-24', 2, new Set(['2026-12-25', '2026-12-28'])), '2026-12-30');
  // A longer window, agreed: five working days from a Monday is the next Monday.
  assert.equal(reviewEndsOn('2026-11-30', 5, new Set()), '2026-12-07');
});

test('the referrer learns only where a report stands until it is released', () => {
  assert.equal(referrerSees('draft'), 'nothing');
  assert.equal(referrerSees('with_employee'), 'with_employee');
  assert.equal(referrerSees('withheld'), 'withheld');
  assert.equal(referrerSees('released'), 'released');
});

test('recommended adjustments are read one a line, and added to the passport once', () => {
  assert.deepEqual(adjustmentLines('- A later start\n\n• Phased return over 4 weeks\r\nA later start\n'), [
    'A later start',
    'Phased return over 4 weeks',
  ]);
  const released = { status: 'released', adjustments: ['A later start'], adjustmentsAddedOn: null };
  assert.deepEqual(adjustmentsToAdd(released), ['A later start']);
  assert.deepEqual(adjustmentsToAdd({ ...released, adjustmentsAddedOn: '2026-12-07' }), []);
  assert.deepEqual(adjustmentsToAdd({ ...released, status: 'withheld' }), []);
});
