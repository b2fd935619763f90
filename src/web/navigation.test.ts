import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from './types.ts';
import { navigationFor } from './navigation.ts';
import { capabilities, permissionsOf } from '../capabilities.ts';

const permissions = permissionsOf(capabilities);

const council = { id: 1, slug: 'merrowby-council', name: 'Merrowby Metropolitan Borough Council' };
const trust = { id: 2, slug: 'merrowby-nhs', name: 'Merrowby NHS Foundation Trust' };

/** The trust's HR, who works for the trust and has joined the council as HR too. */
const trustHrInBoth: Principal = {
  userId: 7,
  email: 'hr@merrowby-nhs.example',
  displayName: 'Freya Sharma',
  grants: [
    { organisationId: 1, role: 'hr' },
    { organisationId: 2, role: 'hr' },
    { organisationId: 2, role: 'employee' },
  ],
  organisations: [council, trust],
  personIds: new Map([[2, 42]]),
  hasAuthenticator: false,
};

test('away from any organisation’s pages, the navigation is for the organisation the person works for', () => {
  const items = navigationFor(trustHrInBoth, null, '/', capabilities, permissions);
  assert.deepEqual(
    items.map((i) => i.href),
    [
      '/',
      '/o/merrowby-nhs/my/absence',
      '/o/merrowby-nhs/reports/absence',
      '/o/merrowby-nhs/management-information',
      '/o/merrowby-nhs/people',
      '/o/merrowby-nhs/welcome-back-reviews',
      '/o/merrowby-nhs/attendance-triggers',
      '/o/merrowby-nhs/attendance-cases',
    ],
  );
});

test('on an organisation’s pages, the navigation is for that organisation', () => {
  const items = navigationFor(
    trustHrInBoth,
    { ...council, fullTimeHours: 37, region: 'england-and-wales', policyModel: 'person_centred' },
    '/o/merrowby-council/people',
    capabilities,
    permissions,
  );
  assert.ok(items.every((i) => i.href === '/' || i.href.startsWith('/o/merrowby-council/')));
  assert.equal(items.find((i) => i.active)?.text, 'People');
});

test('HR’s worklists are in the navigation, and only for HR', () => {
  const hr = navigationFor(
    trustHrInBoth,
    null,
    '/o/merrowby-nhs/attendance-triggers/42/talk',
    capabilities,
    permissions,
  );
  assert.deepEqual(
    hr.filter((i) => ['Reviews', 'Triggers', 'Cases'].includes(i.text)).map((i) => [i.text, i.active]),
    [
      ['Reviews', false],
      ['Triggers', true],
      ['Cases', false],
    ],
  );
  const manager: Principal = {
    ...trustHrInBoth,
    grants: [
      { organisationId: 2, role: 'line_manager' },
      { organisationId: 2, role: 'employee' },
    ],
  };
  assert.deepEqual(
    navigationFor(manager, null, '/', capabilities, permissions).filter((i) =>
      ['Reviews', 'Triggers', 'Cases'].includes(i.text),
    ),
    [],
  );
});
