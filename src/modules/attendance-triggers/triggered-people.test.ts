/** The policy each unit follows, and the trigger list's view model: pure functions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triggerListRows, triggerSummary } from './trigger-list-view.ts';
import { effectivePolicies, type TriggeredPerson } from './triggered-people.ts';

// Adult Social Care (trigger-based) > Home Care (inherits) > North Team (inherits), South Team
// (person-centred); Corporate (inherits the organisation's) > Finance (inherits).
const units = [
  { id: 1, parentId: null, policyModel: 'trigger_based' },
  { id: 2, parentId: 1, policyModel: null },
  { id: 3, parentId: 2, policyModel: null },
  { id: 4, parentId: 2, policyModel: 'person_centred' },
  { id: 5, parentId: null, policyModel: null },
  { id: 6, parentId: 5, policyModel: null },
];

test('a unit follows its own policy, else the nearest unit above with one, else the organisation’s', () => {
  const policies = effectivePolicies(units, 'person_centred');
  assert.deepEqual(Object.fromEntries(policies), {
    1: 'trigger_based',
    2: 'trigger_based',
    3: 'trigger_based',
    4: 'person_centred',
    5: 'person_centred',
    6: 'person_centred',
  });
  // The same tree in an organisation on the trigger-based policy: only the units without a
  // policy anywhere above them change.
  const triggerOrganisation = effectivePolicies(units, 'trigger_based');
  assert.equal(triggerOrganisation.get(5), 'trigger_based');
  assert.equal(triggerOrganisation.get(6), 'trigger_based');
  assert.equal(triggerOrganisation.get(4), 'person_centred');
});

test('the order of the units does not matter, and a deep unit inherits across many levels', () => {
  const chain = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    parentId: i === 0 ? null : i,
    policyModel: i === 0 ? 'trigger_based' : null,
  }));
  const policies = effectivePolicies([...chain].reverse(), 'person_centred');
  assert.equal(policies.size, 30);
  assert.ok([...policies.values()].every((p) => p === 'trigger_based'));
});

test('an unknown policy value is ignored, and a broken tree falls back to the organisation’s policy', () => {
  const policies = effectivePolicies(
    [
      { id: 1, parentId: null, policyModel: 'trigger_based' },
      { id: 2, parentId: 1, policyModel: 'toString' },
      { id: 3, parentId: 99, policyModel: null },
      { id: 4, parentId: 5, policyModel: null },
      { id: 5, parentId: 4, policyModel: null },
    ],
    'person_centred',
  );
  assert.equal(policies.get(2), 'trigger_based');
  assert.equal(policies.get(3), 'person_centred');
  assert.equal(policies.get(4), 'person_centred');
  assert.equal(policies.get(5), 'person_centred');
  assert.deepEqual(effectivePolicies([], 'trigger_based'), new Map());
});

const person = (overrides: Partial<TriggeredPerson>): TriggeredPerson => ({
  personId: 7,
  firstName: 'Pat',
  lastName: 'Kowalski',
  name: 'Pat Kowalski',
  unitId: 3,
  unitPath: 'Adult Social Care > Home Care > North Team',
  managerPersonId: 2,
  managerName: 'Grace Adebayo',
  reading: { spells: 3, days: 24, bradfordFactor: 216, reached: ['bradford'] },
  readingText: 'Bradford factor 216 (trigger 200)',
  hasOpenCase: false,
  ...overrides,
});

test('each row links to the person and says whether a case is open or a talk is due', () => {
  const rows = triggerListRows(
    [person({}), person({ personId: 8, name: 'Sam Evans', hasOpenCase: true, managerName: null })],
    (id) => `/o/test/people/${id}`,
  );
  assert.deepEqual(rows[0], {
    name: 'Pat Kowalski',
    href: '/o/test/people/7',
    unitPath: 'Adult Social Care > Home Care > North Team',
    managerName: 'Grace Adebayo',
    readingText: 'Bradford factor 216 (trigger 200)',
    status: { text: 'Talk with them', colour: 'yellow' },
  });
  assert.equal(rows[1]?.managerName, 'No line manager');
  assert.deepEqual(rows[1]?.status, { text: 'Case open', colour: 'blue' });
});

test('the triggers in force are put in words, leaving out those switched off', () => {
  assert.equal(
    triggerSummary({ bradfordTrigger: 200, episodesTrigger: 3, daysTrigger: 14 }),
    'a Bradford factor of 200 or more, 3 or more spells of sickness or 14 or more days of sickness',
  );
  assert.equal(
    triggerSummary({ bradfordTrigger: 0, episodesTrigger: 4, daysTrigger: 0 }),
    '4 or more spells of sickness',
  );
  assert.equal(triggerSummary({ bradfordTrigger: 0, episodesTrigger: 0, daysTrigger: 0 }), null);
});
