import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_TEMPLATES,
  fillTemplate,
  indefiniteArticle,
  unknownPlaceholders,
  withoutUnknownLines,
} from './letters.ts';

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

test('the article agrees with the word that follows it, as the word is said', () => {
  const cases: [string, 'a' | 'an'][] = [
    ['informal stage meeting', 'an'],
    ['first formal attendance management meeting', 'a'],
    ['final formal meeting / capability hearing', 'a'],
    ['appeal', 'an'],
    ['Appeal', 'an'],
    ['union representative', 'a'],
    ['useful meeting', 'a'],
    ['one-to-one meeting', 'a'],
    ['hour-long meeting', 'an'],
    ['honest conversation', 'an'],
    ['HR meeting', 'an'],
    ['OH referral', 'an'],
    ['NHS trust', 'an'],
    ['GP letter', 'a'],
    ['8-week review', 'an'],
    ['11-day notice', 'an'],
    ['10-day notice', 'a'],
    ['review', 'a'],
  ];
  for (const [phrase, article] of cases) assert.equal(indefiniteArticle(phrase), article, phrase);
});

test('a stage after an article gets the right article and reads in lower case mid-sentence', () => {
  const letter = (stage: string) =>
    fillTemplate(DEFAULT_TEMPLATES.invitation, {
      stage,
      personName: 'Amelia Brown',
      meetingDate: '16 March 2026',
      meetingTime: '10:30am',
      location: 'Meeting room 2, Ward block',
    });
  const informal = letter('Informal stage meeting');
  assert.match(informal.body, /I am writing to invite you to an informal stage meeting\./);
  assert.doesNotMatch(informal.body, /\ba [aeiouAEIOU]/);
  assert.equal(informal.subject, 'Invitation: Informal stage meeting on 16 March 2026');
  assert.match(informal.body, /^Date: 16 March 2026$/m);
  assert.match(informal.body, /^Time: 10:30am$/m);
  assert.match(informal.body, /^Place: Meeting room 2, Ward block$/m);
  assert.match(
    letter('First formal attendance management meeting').body,
    /invite you to a first formal attendance management meeting\./,
  );
  assert.match(letter('Appeal').body, /invite you to an appeal\./);
  const outcome = fillTemplate(DEFAULT_TEMPLATES.outcome, {
    stage: 'Informal stage meeting',
    outcome: 'Workplace adjustments',
  });
  assert.match(outcome.body, /attending the informal stage meeting on/);
  assert.match(outcome.body, /^Outcome: Workplace adjustments$/m);
});

test('an organisation’s own wording gets the same agreement, in capitals too, and names stay as written', () => {
  const letter = fillTemplate(
    {
      subject: 'An {{stage}}',
      body: 'A {{outcome}} was agreed with {{personName}}. Dear {{personName}}, an {{stage}} follows.\n{{stage}}',
    },
    { stage: 'First formal attendance management meeting', outcome: 'Adjustment', personName: 'Ian Evans' },
  );
  assert.equal(letter.subject, 'A first formal attendance management meeting');
  assert.equal(
    letter.body,
    'An adjustment was agreed with Ian Evans. Dear Ian Evans, a first formal attendance management meeting follows.\nFirst formal attendance management meeting',
  );
});

test('a line that only labels a value the letter does not know is left out, not “not recorded”', () => {
  const letter = fillTemplate(
    {
      subject: 'Invitation',
      body: 'Dear {{personName}},\n\nDate: {{meetingDate}}\nTime: {{meetingTime}}\nPlace: {{location}}\n\nReview date: {{reviewDate}}\n\nYours',
    },
    { personName: 'Jun Lawson', meetingDate: '16 March 2026', location: 'Room 2' },
  );
  assert.equal(letter.body, 'Dear Jun Lawson,\n\nDate: 16 March 2026\nPlace: Room 2\n\nYours');
  assert.equal(
    withoutUnknownLines('Date: 16 March 2026\nTime: not recorded\nPlace: Room 2\n\nIt was not recorded.'),
    'Date: 16 March 2026\nPlace: Room 2\n\nIt was not recorded.',
  );
});
