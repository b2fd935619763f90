import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, similarNames, similarUnitNames } from './similar-names.ts';

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('Nrth Team', 'North Team'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(editDistance('Taem', 'Team'), 1, 'two letters swapped');
});

test('names a slip apart are similar; numbered siblings and different names are not', () => {
  assert.equal(similarNames('Nrth Team', 'North Team'), true);
  assert.equal(similarNames('north team', 'North Team'), true);
  assert.equal(similarNames('North  Team', 'North Team'), true);
  assert.equal(similarNames('Notrh Taem', 'North Team'), true, 'two swaps');
  assert.equal(similarNames('Nrth Tem', 'North Teams'), false, 'three edits');
  assert.equal(similarNames('Ward 1', 'Ward 2'), false);
  assert.equal(similarNames('Ward 12', 'Ward 1'), false);
  assert.equal(similarNames('HR', 'IT'), false);
  assert.equal(similarNames('NorthTeam', 'North Team'), true);
  assert.equal(similarNames('Administration Servics', 'Administration Services'), true);
  assert.equal(similarNames('South Team', 'North Team'), false);
  assert.equal(similarNames('North Team', 'North Team'), false, 'the same name is the same unit');
});

test('a new unit is compared with its siblings, existing or new earlier in the file', () => {
  const existing = [
    ['Adult Social Care'],
    ['Adult Social Care', 'Home Care'],
    ['Adult Social Care', 'Home Care', 'North Team'],
    ['Resources', 'North Tean'],
  ];
  const created = [
    ['Adult Social Care', 'Home Care', 'Nrth Team'],
    ['Adult Social Care', 'Day Care'],
    ['Adult Social Care', 'Day Care', 'East Team'],
    ['Adult Social Care', 'Day Care', 'East Teem'],
    ['Adult Social Car'],
  ];
  assert.deepEqual(similarUnitNames(created, existing), [
    {
      unit: 'Adult Social Care > Home Care > Nrth Team',
      similarTo: 'Adult Social Care > Home Care > North Team',
    },
    {
      unit: 'Adult Social Care > Day Care > East Teem',
      similarTo: 'Adult Social Care > Day Care > East Team',
    },
    { unit: 'Adult Social Car', similarTo: 'Adult Social Care' },
  ]);
});
