/**
 * The stages of the attendance policy and the rules for starting and closing each one (SPEC
 * §4C, seed 004): an informal stage meeting first, then the first, second and final formal
 * meetings, then an appeal. Pure functions: the services bring the facts, these decide.
 */
import { ukDate } from './date-words.ts';
import { addDays } from './dates.ts';

export const STAGES = ['informal', 'first_formal', 'second_formal', 'final_formal', 'appeal'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  informal: 'Informal stage meeting',
  first_formal: 'First formal attendance management meeting',
  second_formal: 'Second formal attendance management meeting',
  final_formal: 'Final formal meeting / capability hearing',
  appeal: 'Appeal',
};

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export const isFormal = (stage: Stage) => stage !== 'informal';

export const OUTCOMES = {
  no_further_action: 'No further action',
  review_period: 'A review period, with a review date',
  adjustments: 'Workplace adjustments',
  redeployment: 'Redeployment',
  ill_health_retirement_referral: 'Referral for ill-health retirement',
  dismissal: 'Dismissal, with notice of the right of appeal',
  appeal_upheld: 'Appeal upheld',
  appeal_not_upheld: 'Appeal not upheld',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/**
 * An outcome as it reads in a sentence about the meeting: “A review period, to be reviewed on
 * 16 August 2026”; the other outcomes read as their names.
 */
export function outcomeInWords(outcome: Outcome, reviewDate: string | null): string {
  if (outcome === 'review_period') {
    return reviewDate ? `A review period, to be reviewed on ${ukDate(reviewDate)}` : 'A review period';
  }
  return OUTCOMES[outcome];
}

/** The outcomes a meeting at each stage may reach. */
export function outcomesFor(stage: Stage): Outcome[] {
  if (stage === 'appeal') return ['appeal_upheld', 'appeal_not_upheld'];
  const common: Outcome[] = [
    'no_further_action',
    'review_period',
    'adjustments',
    'redeployment',
    'ill_health_retirement_referral',
  ];
  return stage === 'final_formal' ? [...common, 'dismissal'] : common;
}

export const ACCOMPANIMENT = {
  trade_union: 'A trade union representative',
  colleague: 'A work colleague',
  declined: 'Offered, and the person chose to attend alone',
} as const;
export type Accompaniment = keyof typeof ACCOMPANIMENT;

/** A meeting already in the case. */
export interface CaseMeeting {
  stage: Stage;
  meetingDate: string;
  heldOn: string | null;
  outcome: Outcome | null;
}

export interface StageRequest {
  stage: Stage;
  meetingDate: string;
  noticeGivenOn: string;
  /** HR's reason for starting a formal stage without a documented informal stage. */
  overrideReason: string | null;
}

export interface StageContext {
  meetings: readonly CaseMeeting[];
  /** Whether the person asking holds the HR role. */
  isHr: boolean;
  /** The organisation's minimum notice, in calendar days. */
  noticeDays: number;
  /** The Dying to Work record, when a terminal diagnosis is recorded. */
  dyingToWork: { choosesFormalProcess: boolean } | null;
  caseClosed: boolean;
}

export interface StageProblem {
  field: 'stage' | 'meetingDate' | 'noticeGivenOn' | 'overrideReason';
  text: string;
}

const PREVIOUS: Partial<Record<Stage, Stage>> = {
  second_formal: 'first_formal',
  final_formal: 'second_formal',
};

/** Whether a meeting at a stage may be arranged, and if not, every reason why. */
export function stageProblems(request: StageRequest, context: StageContext): StageProblem[] {
  const problems: StageProblem[] = [];
  const { stage } = request;
  const held = context.meetings.filter((m) => m.heldOn !== null);
  const heldStage = (s: Stage) => held.some((m) => m.stage === s);

  if (context.caseClosed) {
    problems.push({ field: 'stage', text: 'This case is closed: open a new case to arrange a meeting' });
  }
  const waiting = context.meetings.find((m) => m.heldOn === null);
  if (waiting) {
    problems.push({
      field: 'stage',
      text: `Record the outcome of the ${STAGE_NAMES[waiting.stage].toLowerCase()} arranged for ${ukDate(waiting.meetingDate)} first`,
    });
  }
  if (
    isFormal(stage) &&
    stage !== 'appeal' &&
    context.dyingToWork &&
    !context.dyingToWork.choosesFormalProcess
  ) {
    problems.push({
      field: 'stage',
      text: 'A terminal diagnosis is recorded and the person has not chosen to go ahead: under the Dying to Work charter no formal stage can start',
    });
  }
  if (stage === 'first_formal' && !heldStage('informal')) {
    const reason = request.overrideReason?.trim() ?? '';
    if (!context.isHr) {
      problems.push({
        field: 'stage',
        text: 'A formal stage cannot start before an informal stage meeting has been held and documented',
      });
    } else if (reason === '') {
      problems.push({
        field: 'overrideReason',
        text: 'No informal stage meeting has been held: give HR’s reason for starting the formal stage without one',
      });
    }
  }
  const previous = PREVIOUS[stage];
  if (previous && !heldStage(previous)) {
    problems.push({
      field: 'stage',
      text: `The ${STAGE_NAMES[stage].toLowerCase()} can only follow a ${STAGE_NAMES[previous].toLowerCase()} that has been held`,
    });
  }
  if (stage === 'appeal' && !held.some((m) => isFormal(m.stage) && m.stage !== 'appeal')) {
    problems.push({ field: 'stage', text: 'An appeal can only follow a formal meeting that has been held' });
  }
  if (stage !== 'appeal' && stage !== 'informal' && heldStage(stage)) {
    problems.push({
      field: 'stage',
      text: `The ${STAGE_NAMES[stage].toLowerCase()} has already been held in this case`,
    });
  }
  if (request.noticeGivenOn > request.meetingDate) {
    problems.push({ field: 'noticeGivenOn', text: 'Notice must be given before the meeting date' });
  } else if (addDays(request.noticeGivenOn, context.noticeDays) > request.meetingDate) {
    problems.push({
      field: 'meetingDate',
      text: `The meeting must be at least ${context.noticeDays} days after written notice is given: the earliest date is ${ukDate(addDays(request.noticeGivenOn, context.noticeDays))}`,
    });
  }
  return problems;
}

/** A stage offered when arranging a meeting, or the reasons it is not offered now. */
export interface StageChoice {
  stage: Stage;
  /** Empty when a meeting at this stage may come next. */
  reasons: string[];
}

/**
 * Which stages may come next in the case, by the same rules that check a request
 * (stageProblems), leaving out what depends on the dates or HR's reason, which the form asks for.
 */
export function nextStages(context: StageContext): StageChoice[] {
  return STAGES.map((stage) => ({
    stage,
    reasons: stageProblems(
      // Dates far enough apart to keep any notice, and a reason, so only the stage rules speak.
      { stage, meetingDate: '2999-12-31', noticeGivenOn: '1900-01-01', overrideReason: 'given' },
      context,
    )
      .filter((p) => p.field === 'stage')
      .map((p) => p.text),
  }));
}

/** What is recorded when a meeting has been held. */
export interface MeetingRecord {
  heldOn: string;
  accompaniment: Accompaniment | null;
  companionName: string;
  attendees: string;
  discussion: string;
  outcome: Outcome | null;
  reviewDate: string | null;
  rationale: string;
}

export interface MeetingProblem {
  field: keyof MeetingRecord;
  text: string;
}

/** Whether a held meeting is fully documented, and if not, what is missing. */
export function meetingRecordProblems(
  stage: Stage,
  meeting: { meetingDate: string; noticeGivenOn: string },
  record: MeetingRecord,
  today: string,
): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (record.heldOn > today)
    problems.push({ field: 'heldOn', text: 'The meeting date cannot be in the future' });
  if (record.heldOn < meeting.noticeGivenOn) {
    problems.push({
      field: 'heldOn',
      text: `The meeting cannot be before notice was given on ${ukDate(meeting.noticeGivenOn)}`,
    });
  }
  if (!record.accompaniment) {
    problems.push({ field: 'accompaniment', text: 'Say whether the person was accompanied, and by whom' });
  } else if (record.accompaniment !== 'declined' && record.companionName.trim() === '') {
    problems.push({ field: 'companionName', text: 'Enter the name of the person who accompanied them' });
  }
  if (record.attendees.trim() === '') problems.push({ field: 'attendees', text: 'Enter who attended' });
  if (record.discussion.trim() === '')
    problems.push({ field: 'discussion', text: 'Enter what was discussed' });
  if (!record.outcome) {
    problems.push({ field: 'outcome', text: 'Choose the outcome' });
  } else if (!outcomesFor(stage).includes(record.outcome)) {
    problems.push({
      field: 'outcome',
      text: `${OUTCOMES[record.outcome]} is not an outcome of the ${STAGE_NAMES[stage].toLowerCase()}`,
    });
  } else if (record.outcome === 'review_period') {
    if (!record.reviewDate) problems.push({ field: 'reviewDate', text: 'Enter the date of the review' });
    else if (record.reviewDate <= record.heldOn) {
      problems.push({ field: 'reviewDate', text: 'The review date must be after the meeting' });
    }
  }
  if (record.rationale.trim() === '') {
    problems.push({
      field: 'rationale',
      text: 'Document the rationale for the outcome: it cannot be left empty',
    });
  }
  return problems;
}
