import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitNoteGap } from './fit-notes.ts';

const TODAY = '2026-12-07';
const gap = (
  startDate: string,
  endDate: string | null,
  fitNote: { from: string; to: string } | null = null,
) => fitNoteGap({ startDate, endDate, fitNote }, TODAY, 7);

test('seven days of sickness are self-certified: no fit note is needed', () => {
  assert.equal(gap('2026-11-01', '2026-11-07'), null);
  assert.equal(gap('2026-12-01', null), null, 'open for seven days today');
});

test('from the eighth day a fit note is needed, up to the last day or today', () => {
  assert.deepEqual(gap('2026-07-04', '2026-09-10'), {
    from: '2026-07-11',
    to: '2026-09-10',
    hasFitNote: false,
  });
  assert.deepEqual(gap('2026-11-27', null), { from: '2026-12-04', to: TODAY, hasFitNote: false });
});

test('a fit note covering every day past the seventh leaves nothing to ask for', () => {
  assert.equal(gap('2026-07-04', '2026-09-10', { from: '2026-07-11', to: '2026-09-10' }), null);
  assert.equal(gap('2026-07-04', '2026-09-10', { from: '2026-07-04', to: '2026-09-30' }), null);
  assert.equal(
    gap('2026-11-20', null, { from: '2026-11-27', to: '2026-12-20' }),
    null,
    'runs on, covered to a later day',
  );
});

test('a fit note that ran out while the person is still off asks for the next one', () => {
  assert.deepEqual(gap('2026-10-01', null, { from: '2026-10-08', to: '2026-11-30' }), {
    from: '2026-12-01',
    to: TODAY,
    hasFitNote: true,
  });
});

test('days before a fit note starts, past the seventh, are still missing', () => {
  assert.deepEqual(gap('2026-10-01', '2026-10-31', { from: '2026-10-15', to: '2026-10-31' }), {
    from: '2026-10-08',
    to: '2026-10-14',
    hasFitNote: true,
  });
});
