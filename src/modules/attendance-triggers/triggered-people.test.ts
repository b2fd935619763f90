/** The policy each unit follows, and the trigger list's view model: pure functions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortTriggered, triggerListRows, triggerSummary } from './trigger-list-view.ts';
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
  managerSortName: 'Adebayo, Grace',
  reading: { spells: 3, days: 24, bradfordFactor: 216, reached: ['bradford'] },
  readingText: 'Bradford factor 216 (trigger 200)',
  hasOpenCase: false,
  latestSicknessFrom: '2026-10-05',
  talk: null,
  toTalkWith: true,
  ...overrides,
});

test('each row links to the person and says whether a case is open, a talk held or a talk due', () => {
  const rows = triggerListRows(
    [
      person({}),
      person({ personId: 8, name: 'Sam Evans', hasOpenCase: true, toTalkWith: false, managerName: null }),
      person({
        personId: 9,
        talk: { heldOn: '2026-12-03', outcome: 'No further action' },
        toTalkWith: false,
      }),
    ],
    (id) => `/o/test/people/${id}`,
    (id) => `/o/test/attendance-triggers/${id}/talk`,
  );
  assert.deepEqual(rows[0], {
    name: 'Pat Kowalski',
    href: '/o/test/people/7',
    unitPath: 'Adult Social Care > Home Care > North Team',
    managerName: 'Grace Adebayo',
    readingText: 'Bradford factor 216 (trigger 200)',
    latestSicknessFrom: '2026-10-05',
    status: { text: 'Talk with them', colour: 'yellow' },
    talkOutcome: null,
    talkHref: '/o/test/attendance-triggers/7/talk',
  });
  assert.equal(rows[1]?.managerName, 'No line manager');
  assert.deepEqual(rows[1]?.status, { text: 'Case open', colour: 'blue' });
  assert.equal(rows[1]?.talkHref, null);
  assert.deepEqual(rows[2]?.status, { text: 'Talk held on 3 December 2026', colour: 'green' });
  assert.equal(rows[2]?.talkOutcome, 'No further action');
  assert.equal(rows[2]?.talkHref, null);
});

test('the list sorts by any of its columns either way, ties in name order', () => {
  const people = [
    person({
      personId: 1,
      firstName: 'Ann',
      lastName: 'Young',
      unitPath: 'B',
      managerSortName: null,
      latestSicknessFrom: '2026-09-01',
      reading: { spells: 3, days: 10, bradfordFactor: 90, reached: ['episodes'] },
    }),
    person({
      personId: 2,
      firstName: 'Bea',
      lastName: 'Adams',
      unitPath: 'A',
      managerSortName: 'Price, Owen',
      latestSicknessFrom: '2026-11-01',
      reading: { spells: 2, days: 60, bradfordFactor: 240, reached: ['bradford'] },
    }),
    person({
      personId: 3,
      firstName: 'Cal',
      lastName: 'Adams',
      unitPath: 'B',
      managerSortName: 'Adebayo, Grace',
      latestSicknessFrom: '2026-10-01',
      reading: { spells: 4, days: 20, bradfordFactor: 320, reached: ['bradford'] },
    }),
  ];
  const ids = (sort: Parameters<typeof sortTriggered>[1], order: 'asc' | 'desc') =>
    sortTriggered(people, sort, order).map((p) => p.personId);
  assert.deepEqual(ids('name', 'asc'), [2, 3, 1]);
  assert.deepEqual(ids('name', 'desc'), [1, 3, 2]);
  assert.deepEqual(ids('unit', 'asc'), [2, 3, 1]);
  assert.deepEqual(ids('manager', 'asc'), [3, 2, 1], 'no line manager last');
  assert.deepEqual(ids('bradford', 'desc'), [3, 2, 1]);
  assert.deepEqual(ids('latest', 'desc'), [2, 3, 1]);
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
