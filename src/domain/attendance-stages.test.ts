import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  meetingRecordProblems,
  nextStages,
  outcomeInWords,
  outcomesFor,
  stageProblems,
  type CaseMeeting,
  type MeetingRecord,
  type StageContext,
  type StageRequest,
} from './attendance-stages.ts';

const context = (overrides: Partial<StageContext> = {}): StageContext => ({
  meetings: [],
  isHr: false,
  noticeDays: 7,
  dyingToWork: null,
  caseClosed: false,
  ...overrides,
});
const request = (overrides: Partial<StageRequest> = {}): StageRequest => ({
  stage: 'informal',
  meetingDate: '2026-03-16',
  noticeGivenOn: '2026-03-09',
  overrideReason: null,
  ...overrides,
});
const held = (stage: CaseMeeting['stage'], heldOn = '2026-01-12'): CaseMeeting => ({
  stage,
  meetingDate: heldOn,
  heldOn,
  outcome: 'review_period',
});
const texts = (r: StageRequest, c: StageContext) => stageProblems(r, c).map((p) => `${p.field}: ${p.text}`);

test('an informal stage meeting can be arranged with the minimum notice, and not with less', () => {
  assert.deepEqual(texts(request(), context()), []);
  assert.deepEqual(texts(request({ meetingDate: '2026-03-15' }), context()), [
    'meetingDate: The meeting must be at least 7 days after written notice is given: the earliest date is 16 March 2026',
  ]);
  assert.deepEqual(
    texts(request({ noticeGivenOn: '2026-03-02', meetingDate: '2026-03-08' }), context({ noticeDays: 5 })),
    [],
  );
  assert.deepEqual(texts(request({ noticeGivenOn: '2026-03-17' }), context()), [
    'noticeGivenOn: Notice must be given before the meeting date',
  ]);
});

test('a formal stage needs a documented informal stage, unless HR overrides with a reason', () => {
  const first = request({ stage: 'first_formal' });
  assert.deepEqual(texts(first, context()), [
    'stage: A formal stage cannot start before an informal stage meeting has been held and documented',
  ]);
  assert.deepEqual(texts(first, context({ isHr: true })), [
    'overrideReason: No informal stage meeting has been held: give HR’s reason for starting the formal stage without one',
  ]);
  assert.deepEqual(texts({ ...first, overrideReason: '   ' }, context({ isHr: true })).length, 1);
  assert.deepEqual(
    texts(
      { ...first, overrideReason: 'Agreed with the person and their representative' },
      context({ isHr: true }),
    ),
    [],
  );
  assert.deepEqual(texts(first, context({ meetings: [held('informal')] })), []);
  // Arranged but not yet held is not documented.
  assert.equal(
    texts(
      first,
      context({ meetings: [{ stage: 'informal', meetingDate: '2026-03-20', heldOn: null, outcome: null }] }),
    ).length,
    2,
  );
});

test('formal stages go in order, each once, and an appeal follows a formal meeting', () => {
  assert.deepEqual(texts(request({ stage: 'second_formal' }), context({ meetings: [held('informal')] })), [
    'stage: The second formal attendance management meeting can only follow a first formal attendance management meeting that has been held',
  ]);
  assert.deepEqual(
    texts(
      request({ stage: 'second_formal' }),
      context({ meetings: [held('informal'), held('first_formal')] }),
    ),
    [],
  );
  assert.match(
    texts(
      request({ stage: 'final_formal' }),
      context({ meetings: [held('informal'), held('first_formal')] }),
    )[0] ?? '',
    /can only follow a second formal/,
  );
  assert.deepEqual(
    texts(
      request({ stage: 'first_formal' }),
      context({ meetings: [held('informal'), held('first_formal')] }),
    ),
    ['stage: The first formal attendance management meeting has already been held in this case'],
  );
  assert.deepEqual(texts(request({ stage: 'appeal' }), context({ meetings: [held('informal')] })), [
    'stage: An appeal can only follow a formal meeting that has been held',
  ]);
  assert.deepEqual(
    texts(request({ stage: 'appeal' }), context({ meetings: [held('informal'), held('first_formal')] })),
    [],
  );
});

test('Dying to Work: no formal stage unless the person has chosen to go ahead, whoever asks', () => {
  const meetings = [held('informal')];
  const refused = texts(
    request({ stage: 'first_formal' }),
    context({ meetings, isHr: true, dyingToWork: { choosesFormalProcess: false } }),
  );
  assert.equal(refused.length, 1);
  assert.match(refused[0] ?? '', /Dying to Work charter/);
  assert.deepEqual(
    texts(
      request({ stage: 'first_formal' }),
      context({ meetings, dyingToWork: { choosesFormalProcess: true } }),
    ),
    [],
  );
  // The informal, supportive conversation is still open to them.
  assert.deepEqual(texts(request(), context({ dyingToWork: { choosesFormalProcess: false } })), []);
});

test('nothing new is arranged while a meeting waits for its outcome, or in a closed case', () => {
  const waiting: CaseMeeting = { stage: 'informal', meetingDate: '2026-03-02', heldOn: null, outcome: null };
  assert.match(
    texts(request(), context({ meetings: [waiting] }))[0] ?? '',
    /Record the outcome of the informal stage meeting arranged for 2 March 2026 first/,
  );
  assert.match(texts(request(), context({ caseClosed: true }))[0] ?? '', /case is closed/);
});

const record = (overrides: Partial<MeetingRecord> = {}): MeetingRecord => ({
  heldOn: '2026-03-16',
  accompaniment: 'trade_union',
  companionName: 'Sam Okoro (UNISON)',
  attendees: 'Grace Adebayo (manager), Priya Shah (HR)',
  discussion: 'Support so far and a phased return',
  outcome: 'review_period',
  reviewDate: '2026-06-16',
  rationale: 'Attendance has improved with adjustments; a further review period is fair',
  ...overrides,
});
const meeting = { meetingDate: '2026-03-16', noticeGivenOn: '2026-03-09' };

test('a held meeting needs its companion, attendees, discussion, outcome and a rationale that is not empty', () => {
  assert.deepEqual(meetingRecordProblems('first_formal', meeting, record(), '2026-03-20'), []);
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ rationale: '  \n ' }), '2026-03-20').map(
      (p) => p.field,
    ),
    ['rationale'],
  );
  assert.deepEqual(
    meetingRecordProblems(
      'first_formal',
      meeting,
      record({ accompaniment: null, attendees: '', discussion: '', outcome: null }),
      '2026-03-20',
    ).map((p) => p.field),
    ['accompaniment', 'attendees', 'discussion', 'outcome'],
  );
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ companionName: '' }), '2026-03-20').map(
      (p) => p.field,
    ),
    ['companionName'],
  );
  assert.deepEqual(
    meetingRecordProblems(
      'first_formal',
      meeting,
      record({ accompaniment: 'declined', companionName: '' }),
      '2026-03-20',
    ),
    [],
  );
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ reviewDate: '2026-03-16' }), '2026-03-20').map(
      (p) => p.field,
    ),
    ['reviewDate'],
  );
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ heldOn: '2026-03-21' }), '2026-03-20').map(
      (p) => p.field,
    ),
    ['heldOn'],
  );
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ heldOn: '2026-03-08' }), '2026-03-20').map(
      (p) => p.field,
    ),
    ['heldOn'],
  );
});

test('dismissal is an outcome of the final formal stage only, with appeal outcomes apart', () => {
  assert.ok(outcomesFor('final_formal').includes('dismissal'));
  assert.ok(!outcomesFor('second_formal').includes('dismissal'));
  assert.deepEqual(outcomesFor('appeal'), ['appeal_upheld', 'appeal_not_upheld']);
  assert.deepEqual(
    meetingRecordProblems('first_formal', meeting, record({ outcome: 'dismissal' }), '2026-03-20').map(
      (p) => p.text,
    ),
    [
      'Dismissal, with notice of the right of appeal is not an outcome of the first formal attendance management meeting',
    ],
  );
});

test('only the stages that may come next are offered, each other one with the reason why not', () => {
  const offered = (c: StageContext) =>
    nextStages(c)
      .filter((s) => s.reasons.length === 0)
      .map((s) => s.stage);
  assert.deepEqual(offered(context()), ['informal']);
  assert.deepEqual(offered(context({ isHr: true })), ['informal', 'first_formal']);
  const afterFirst = context({ meetings: [held('informal'), held('first_formal')] });
  assert.deepEqual(offered(afterFirst), ['informal', 'second_formal', 'appeal']);
  const first = nextStages(afterFirst).find((s) => s.stage === 'first_formal');
  assert.deepEqual(first?.reasons, [
    'The first formal attendance management meeting has already been held in this case',
  ]);
  const waiting = context({
    meetings: [{ stage: 'informal', meetingDate: '2026-03-16', heldOn: null, outcome: null }],
  });
  assert.deepEqual(offered(waiting), []);
  assert.ok(nextStages(waiting).every((s) => s.reasons.some((r) => r.startsWith('Record the outcome'))));
});

test('an outcome reads as a phrase, with the review date worded in', () => {
  assert.equal(
    outcomeInWords('review_period', '2026-08-16'),
    'A review period, to be reviewed on 16 August 2026',
  );
  assert.equal(outcomeInWords('adjustments', null), 'Workplace adjustments');
});
