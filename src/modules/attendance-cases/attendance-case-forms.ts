import { ukDate } from '../../domain/date-words.ts';
import {
  ACCOMPANIMENT,
  isStage,
  meetingRecordProblems,
  OUTCOMES,
  stageProblems,
  type Accompaniment,
  type MeetingRecord,
  type Outcome,
  type Stage,
  type StageContext,
} from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { listField, textField } from '../../web/request-context.ts';

/** What a person living with a terminal diagnosis may choose, under the Dying to Work charter. */
export const DYING_TO_WORK_OPTIONS = {
  continue_working: 'Carry on working, for as long as they wish and are able',
  adjustments: 'Workplace adjustments',
  flexible_hours: 'Reduced or flexible hours',
  treatment_time: 'Time off for treatment and appointments',
  change_of_duties: 'A change of role or duties',
  stop_working: 'Stop working, with support',
  ill_health_retirement: 'Ill-health retirement',
  death_in_service: 'Death-in-service benefits protected for their family',
} as const;

const LONG_TEXT = 10_000;

function longText(body: Record<string, unknown>, name: string, errors: FieldError[], label: string) {
  const value = textField(body, name);
  if (value.length > LONG_TEXT)
    errors.push({ text: `${label} must be 10,000 characters or fewer`, href: `#${name}` });
  return value;
}

export interface MeetingArrangement {
  stage: Stage;
  meetingDate: string;
  noticeGivenOn: string;
  location: string;
  overrideReason: string | null;
}

const STAGE_FIELD_HREF = {
  stage: '#stage',
  meetingDate: '#meetingDate-day',
  noticeGivenOn: '#noticeGivenOn-day',
  overrideReason: '#overrideReason',
} as const;

/**
 * Reads the form that arranges a stage meeting and checks it against the policy's rules for the
 * case as it stands: stage order, HR's override, Dying to Work and the notice period.
 */
export function arrangeMeetingForm(
  body: Record<string, unknown>,
  context: StageContext,
  today: string,
): { value: MeetingArrangement | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const stageText = textField(body, 'stage');
  const stage = isStage(stageText) ? stageText : null;
  if (!stage) errors.push({ text: 'Choose the meeting to arrange', href: '#stage' });
  const meeting = dateFromParts(body, 'meetingDate', 'The meeting date');
  if (meeting.error) errors.push({ text: meeting.error, href: '#meetingDate-day' });
  else if (!meeting.value) errors.push({ text: 'Enter the date of the meeting', href: '#meetingDate-day' });
  const notice = dateFromParts(body, 'noticeGivenOn', 'The date notice is given');
  if (notice.error) errors.push({ text: notice.error, href: '#noticeGivenOn-day' });
  else if (!notice.value)
    errors.push({ text: 'Enter the date written notice is given', href: '#noticeGivenOn-day' });
  else if (notice.value > addDays(today, 366))
    errors.push({ text: 'Notice must be given within the next year', href: '#noticeGivenOn-day' });
  const location = textField(body, 'location');
  if (!location) errors.push({ text: 'Enter where the meeting will be held', href: '#location' });
  else if (location.length > 500)
    errors.push({ text: 'The place must be 500 characters or fewer', href: '#location' });
  const overrideReason = longText(body, 'overrideReason', errors, 'The reason');
  if (errors.length > 0 || !stage || !meeting.value || !notice.value) return { value: null, errors };
  const value: MeetingArrangement = {
    stage,
    meetingDate: meeting.value,
    noticeGivenOn: notice.value,
    location,
    overrideReason: overrideReason === '' ? null : overrideReason,
  };
  const problems = stageProblems(value, context);
  if (problems.length > 0) {
    return { value: null, errors: problems.map((p) => ({ text: p.text, href: STAGE_FIELD_HREF[p.field] })) };
  }
  // An override reason only means something when the rules needed one.
  const needsOverride = stageProblems({ ...value, overrideReason: null }, context).length > 0;
  return { value: needsOverride ? value : { ...value, overrideReason: null }, errors };
}

const RECORD_FIELD_HREF: Record<keyof MeetingRecord, string> = {
  heldOn: '#heldOn-day',
  accompaniment: '#accompaniment',
  companionName: '#companionName',
  attendees: '#attendees',
  discussion: '#discussion',
  outcome: '#outcome',
  reviewDate: '#reviewDate-day',
  rationale: '#rationale',
};

/** Reads the record of a held meeting and checks it is fully documented. */
export function meetingRecordForm(
  body: Record<string, unknown>,
  stage: Stage,
  meeting: { meetingDate: string; noticeGivenOn: string },
  today: string,
): { value: MeetingRecord | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const held = dateFromParts(body, 'heldOn', 'The date the meeting was held');
  if (held.error) errors.push({ text: held.error, href: '#heldOn-day' });
  else if (!held.value) errors.push({ text: 'Enter the date the meeting was held', href: '#heldOn-day' });
  const accompanimentText = textField(body, 'accompaniment');
  const accompaniment = accompanimentText in ACCOMPANIMENT ? (accompanimentText as Accompaniment) : null;
  const outcomeText = textField(body, 'outcome');
  const outcome = outcomeText in OUTCOMES ? (outcomeText as Outcome) : null;
  const reviewDate = dateFromParts(body, 'reviewDate', 'The review date');
  if (outcome === 'review_period' && reviewDate.error)
    errors.push({ text: reviewDate.error, href: '#reviewDate-day' });
  const companionName = textField(body, 'companionName');
  if (companionName.length > 200)
    errors.push({ text: 'The name must be 200 characters or fewer', href: '#companionName' });
  const record: MeetingRecord = {
    heldOn: held.value ?? '',
    accompaniment,
    companionName: accompaniment === 'declined' ? '' : companionName,
    attendees: longText(body, 'attendees', errors, 'Who attended'),
    discussion: longText(body, 'discussion', errors, 'What was discussed'),
    outcome,
    reviewDate: outcome === 'review_period' ? reviewDate.value : null,
    rationale: longText(body, 'rationale', errors, 'The rationale'),
  };
  const problems = meetingRecordProblems(stage, meeting, record, today).filter(
    (p) => held.value || p.field !== 'heldOn',
  );
  const seen = new Set(errors.map((e) => e.href));
  for (const problem of problems) {
    const href = RECORD_FIELD_HREF[problem.field];
    if (!seen.has(href)) errors.push({ text: problem.text, href });
    seen.add(href);
  }
  return errors.length > 0 ? { value: null, errors } : { value: record, errors };
}

/** Reads the Dying to Work record: the date, the person's choices and whether they chose the formal process. */
export function dyingToWorkForm(
  body: Record<string, unknown>,
  today: string,
): {
  value: { recordedOn: string; options: string[]; choosesFormalProcess: boolean; notes: string } | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const recorded = dateFromParts(body, 'recordedOn', 'The date the diagnosis was shared');
  if (recorded.error) errors.push({ text: recorded.error, href: '#recordedOn-day' });
  else if (!recorded.value)
    errors.push({ text: 'Enter the date the person shared their diagnosis', href: '#recordedOn-day' });
  else if (recorded.value > today)
    errors.push({ text: 'The date cannot be in the future', href: '#recordedOn-day' });
  const options = listField(body, 'options');
  if (options.some((o) => !(o in DYING_TO_WORK_OPTIONS)))
    errors.push({ text: 'Choose the person’s options from the list', href: '#options' });
  else if (options.length === 0)
    errors.push({ text: 'Choose at least one option the person has chosen', href: '#options' });
  const choice = textField(body, 'choosesFormalProcess');
  if (choice !== 'yes' && choice !== 'no') {
    errors.push({
      text: 'Say whether the person has chosen to go ahead with formal attendance management',
      href: '#choosesFormalProcess',
    });
  }
  const notes = longText(body, 'notes', errors, 'The notes');
  if (errors.length > 0 || !recorded.value) return { value: null, errors };
  return {
    value: { recordedOn: recorded.value, options, choosesFormalProcess: choice === 'yes', notes },
    errors,
  };
}

/** Reads the form that closes a case: when, and why. */
export function closeCaseForm(
  body: Record<string, unknown>,
  today: string,
  openedOn: string,
): { value: { closedOn: string; reason: string } | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const closed = dateFromParts(body, 'closedOn', 'The date the case closed');
  if (closed.error) errors.push({ text: closed.error, href: '#closedOn-day' });
  else if (!closed.value) errors.push({ text: 'Enter the date the case closed', href: '#closedOn-day' });
  else if (closed.value > today)
    errors.push({ text: 'The date cannot be in the future', href: '#closedOn-day' });
  else if (closed.value < openedOn)
    errors.push({
      text: `The case cannot close before it opened on ${ukDate(openedOn)}`,
      href: '#closedOn-day',
    });
  const reason = longText(body, 'reason', errors, 'The reason');
  if (!reason) errors.push({ text: 'Say why the case is closing', href: '#reason' });
  if (errors.length > 0 || !closed.value) return { value: null, errors };
  return { value: { closedOn: closed.value, reason }, errors };
}

/**
 * A time of day as a person types it (“10:30am”, “2pm”, “14:30”, “10.30”, “midday”) as HH:MM on
 * the 24-hour clock; null when it is not a real time.
 */
export function timeFromText(text: string): string | null {
  const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (['midday', 'noon', '12 noon', '12 midday'].includes(typed)) return '12:00';
  if (['midnight', '12 midnight'].includes(typed)) return '00:00';
  const match = /^(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?$/.exec(typed);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.replace(/\./g, '');
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined || hour > 23) {
    // “10” alone could be morning or evening: ask for the minutes or am/pm.
    return null;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export interface InvitationDetails {
  meetingDate: string;
  /** HH:MM on the 24-hour clock. */
  meetingTime: string;
  location: string;
}

/**
 * Reads the date, start time and place an invitation letter gives, and checks each: a real date
 * not in the past that keeps the policy's notice, a real time and a place. Lists every problem.
 */
export function invitationLetterForm(
  body: Record<string, unknown>,
  meeting: { meetingDate: string; noticeGivenOn: string },
  noticeDays: number,
  today: string,
): { value: InvitationDetails | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = dateFromParts(body, 'meetingDate', 'The meeting date');
  // The letter is the written notice, given the day it is issued.
  const earliest = addDays(today, noticeDays);
  if (date.error) errors.push({ text: date.error, href: '#meetingDate-day' });
  else if (!date.value) errors.push({ text: 'Enter the date of the meeting', href: '#meetingDate-day' });
  else if (date.value < today)
    errors.push({ text: 'The meeting date must be today or in the future', href: '#meetingDate-day' });
  else if (date.value !== meeting.meetingDate && date.value < earliest)
    errors.push({
      text: `The meeting must be at least ${noticeDays} days after written notice is given, so on or after ${ukDate(earliest)}`,
      href: '#meetingDate-day',
    });
  const timeText = textField(body, 'meetingTime');
  const meetingTime = timeFromText(timeText);
  if (!timeText) errors.push({ text: 'Enter the time the meeting starts', href: '#meetingTime' });
  else if (!meetingTime)
    errors.push({
      text: 'The time the meeting starts must be a real time, like 10:30am, 2pm or 14:30',
      href: '#meetingTime',
    });
  const location = textField(body, 'location');
  if (!location) errors.push({ text: 'Enter where the meeting will be held', href: '#location' });
  else if (location.length > 500)
    errors.push({ text: 'The place must be 500 characters or fewer', href: '#location' });
  if (errors.length > 0 || !date.value || !meetingTime) return { value: null, errors };
  return { value: { meetingDate: date.value, meetingTime, location }, errors };
}
