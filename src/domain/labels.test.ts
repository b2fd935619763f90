import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ABSENCE_TYPES } from './absence-rules.ts';
import { STAGES } from './attendance-stages.ts';
import { codeWords, inRoleOrder, madeBy, reasonWords, rolesInWords } from './labels.ts';
import { ROLES } from './roles.ts';

test('every kind of absence and every stage has its own words', () => {
  for (const type of ABSENCE_TYPES) assert.doesNotMatch(codeWords('absenceType', type), /_/, type);
  for (const stage of STAGES) assert.doesNotMatch(codeWords('stage', stage), /_/, stage);
  assert.equal(codeWords('absenceType', 'medical_appointment'), 'Medical appointment');
  assert.equal(codeWords('certification', 'fit_note'), 'Fit note');
  assert.equal(codeWords('adjustmentStatus', 'declined'), 'Not agreed');
  assert.equal(codeWords('recordAction', 'recorded'), 'Recorded');
});

test('a code no list knows still reads as words, and nothing shows nothing', () => {
  assert.equal(codeWords('absenceType', 'jury_service'), 'Jury service');
  assert.equal(codeWords('caseStatus', null), '');
  assert.equal(codeWords('role', 'toString'), 'ToString');
});

test('a sickness reason shows its code with ESR’s words', () => {
  assert.equal(reasonWords('S10'), 'S10 Anxiety/stress/depression/other psychiatric illnesses');
  assert.equal(reasonWords('S77'), 'S77 Unknown reason');
});

test('roles read in one order, whatever order they were given in', () => {
  assert.equal(rolesInWords(['employee', 'hr']), 'HR and Employee');
  assert.equal(rolesInWords(['hr', 'employee']), 'HR and Employee');
  assert.equal(rolesInWords(['employee', 'line_manager', 'hr']), 'HR, Line manager and Employee');
  assert.equal(rolesInWords([]), '');
  assert.deepEqual(inRoleOrder(['employee', 'hr', 'employee']), ['hr', 'employee']);
  assert.equal(inRoleOrder([...ROLES]).length, ROLES.length);
});

test('a change is made by a named person, or by no one signed in', () => {
  const names = new Map([[7, 'Rebecca Khan']]);
  assert.equal(madeBy(7, names), 'Rebecca Khan');
  assert.equal(madeBy(8, names), 'someone whose account has since been removed');
  assert.equal(madeBy(null, names), null);
});
