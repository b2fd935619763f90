import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createViewEnvironment, ukDateWithDay } from './nunjucks.ts';
import { personSubject, selfSubject } from './subject.ts';

test('a question about oneself says “you”; about someone else, their name and then “they”', () => {
  const env = createViewEnvironment();
  const question =
    '{{ "Did " ~ subject.name ~ " go home part-way through " ~ subject.their ~ " first shift?" }} {{ subject.whose }} comments. {{ subject.They }} may be fit.';
  assert.equal(
    env.renderString(question, { subject: selfSubject() }),
    'Did you go home part-way through your first shift? Your comments. You may be fit.',
  );
  assert.equal(
    env.renderString(question, { subject: personSubject(' Amelia Brown ') }),
    'Did Amelia Brown go home part-way through their first shift? Amelia Brown’s comments. They may be fit.',
  );
  assert.throws(() => personSubject('  '), /needs a name/);
});

test('a day someone is told about is written with its weekday', () => {
  assert.equal(ukDateWithDay('2026-11-02'), 'Monday 2 November 2026');
  assert.equal(ukDateWithDay('2026-12-13'), 'Sunday 13 December 2026');
  assert.equal(ukDateWithDay('2024-02-29'), 'Thursday 29 February 2024');
  assert.equal(ukDateWithDay('not a date'), 'not a date');
  assert.equal(ukDateWithDay(null), '');
});
