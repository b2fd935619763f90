import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATES, fillTemplate, unknownPlaceholders } from './letters.ts';

test('a letter fills every placeholder, and says "not recorded" for what is missing', () => {
  const letter = fillTemplate(
    { subject: 'Invitation: {{stage}} on {{ meetingDate }}', body: 'Dear {{personName}}, at {{location}}.' },
    {
      stage: 'Informal stage meeting',
      meetingDate: '16 March 2026',
      personName: 'Pat Kowalski',
      location: '',
    },
  );
  assert.deepEqual(letter, {
    subject: 'Invitation: Informal stage meeting on 16 March 2026',
    body: 'Dear Pat Kowalski, at not recorded.',
  });
});

test('templates may only use the placeholders the product fills, and the shipped ones do', () => {
  assert.deepEqual(unknownPlaceholders('Dear {{personName}} {{managerPhone}} {{ nickname }}'), [
    'managerPhone',
    'nickname',
  ]);
  for (const template of Object.values(DEFAULT_TEMPLATES)) {
    assert.deepEqual(unknownPlaceholders(template.subject + template.body), []);
  }
  assert.match(
    DEFAULT_TEMPLATES.invitation.body,
    /right to be accompanied by a trade union representative or a work colleague/,
  );
  assert.match(DEFAULT_TEMPLATES.outcome.body, /right to appeal/);
});
