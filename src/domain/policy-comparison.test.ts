import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow } from './absence-report.ts';
import { addUpByGroup, percentOf, perHundred, policyStartingPoints } from './policy-comparison.ts';
import { emptyRow } from './scorecard.ts';

function row(group: string, figures: Partial<ReportRow>): ReportRow {
  return { ...emptyRow(group), ...figures };
}

test('rows by unit add up per group: sums first, then the ratios from the sums', () => {
  const rows = [
    // 10 FTE losing 74 hours of 18,500 (20 days of 7.4 hours lost); 2 FTE losing 148 of 3,700.
    row('Care > North', {
      averageFte: 10,
      hoursAvailable: 18_500,
      hoursLost: 74,
      fteDaysLost: 10,
      episodes: 3,
      costGbp: 1000,
    }),
    row('Care > South', {
      averageFte: 2,
      hoursAvailable: 3_700,
      hoursLost: 148,
      fteDaysLost: 20,
      episodes: 2,
      costGbp: 2000,
    }),
    row('Place', { averageFte: 4, hoursAvailable: 7_400, hoursLost: 37, fteDaysLost: 5, episodes: 1 }),
    row('TOTAL', { averageFte: 16, hoursAvailable: 29_600, hoursLost: 259, fteDaysLost: 35, episodes: 6 }),
  ];
  const groups = addUpByGroup(rows, ['person_centred', 'trigger_based'], (path) =>
    path.startsWith('Care') ? 'person_centred' : 'trigger_based',
  );
  const pc = groups.get('person_centred');
  assert.ok(pc);
  assert.equal(pc.averageFte, 12);
  assert.equal(pc.fteDaysLost, 30);
  assert.equal(pc.daysLostPerFte, 2.5); // 30 / 12, not the mean of 1 and 10
  assert.equal(pc.absenceRatePct, 1); // 100 × 222 / 22,200
  assert.equal(pc.episodes, 5);
  assert.equal(pc.costGbp, 3000);
  const tb = groups.get('trigger_based');
  assert.equal(tb?.daysLostPerFte, 1.25);
  assert.equal(tb?.absenceRatePct, 0.5);
});

test('a group with no rows is all zeros, and rows of no group are left out', () => {
  const groups = addUpByGroup([row('Care', { averageFte: 3, fteDaysLost: 6 })], ['a', 'b'], () => undefined);
  assert.equal(groups.get('a')?.averageFte, 0);
  assert.equal(groups.get('a')?.daysLostPerFte, 0);
  assert.equal(groups.get('b')?.absenceRatePct, 0);
});

test('rates per 100 people and percentages, with nothing to divide by as null', () => {
  assert.equal(perHundred(3, 14), 300 / 14);
  assert.equal(perHundred(2, 20), 10);
  assert.equal(perHundred(0, 0), null);
  assert.equal(percentOf(1, 3), 100 / 3);
  assert.equal(percentOf(1, 2), 50);
  assert.equal(percentOf(0, 0), null);
});

test('a policy starts where it differs from the unit above it, or at the top from the organisation’s', () => {
  const units = [
    { id: 1, parentId: null }, // Adult Social Care: person-centred, as the organisation
    { id: 2, parentId: 1 },
    { id: 3, parentId: null }, // Place: trigger-based
    { id: 4, parentId: 3 }, // Waste: trigger-based, from Place
    { id: 5, parentId: 3 }, // Parks: person-centred again
    { id: 6, parentId: 5 },
  ];
  const policies = new Map([
    [1, 'person_centred'],
    [2, 'person_centred'],
    [3, 'trigger_based'],
    [4, 'trigger_based'],
    [5, 'person_centred'],
    [6, 'person_centred'],
  ] as const);
  const starts = policyStartingPoints(units, policies, 'person_centred');
  assert.deepEqual(starts.get('trigger_based'), [3]);
  assert.deepEqual(starts.get('person_centred'), [5]);
  const trigger = policyStartingPoints(units, policies, 'trigger_based');
  assert.deepEqual(trigger.get('person_centred'), [1, 5]);
  assert.equal(trigger.get('trigger_based'), undefined);
});
