import { codeWords } from '../../domain/labels.ts';
import { ukDate } from '../../domain/date-words.ts';
import { LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';

/** One entry of MoJ Frontend's timeline. */
export interface TimelineItem {
  label: { text: string };
  text: string;
  datetime: { timestamp: string; type: 'date' };
}

export interface TimelineFacts {
  case: { openedOn: string; closedOn: string | null; closedReason: string | null };
  meetings: readonly {
    stage: string;
    createdAt: string;
    meetingDate: string;
    location: string;
    noticeGivenOn: string;
    overrideReason: string | null;
    heldOn: string | null;
    outcome: string | null;
    reviewDate: string | null;
    rationale: string | null;
  }[];
  letters: readonly { kind: string; issuedOn: string; subject: string }[];
  reviews: readonly { heldOn: string | null; completedAt: string | null }[];
  plans: readonly { createdAt: string; nextReviewDate: string | null; status: string }[];
  dyingToWork: { recordedOn: string } | null;
}

const stageName = (stage: string) => codeWords('stage', stage);

/**
 * What happened in a case, newest first: the support that came before it (welcome-back reviews
 * and action plans), each meeting arranged and held, the letters issued, and the case opening and
 * closing. Entries on the same day keep the order they happened in.
 */
export function caseTimeline(facts: TimelineFacts): TimelineItem[] {
  const entries: { date: string; order: number; item: TimelineItem }[] = [];
  const add = (date: string, order: number, title: string, text: string) =>
    entries.push({
      date,
      order,
      item: { label: { text: title }, text, datetime: { timestamp: date, type: 'date' } },
    });

  for (const review of facts.reviews) {
    const held = review.heldOn ?? review.completedAt?.slice(0, 10);
    if (held)
      add(
        held,
        0,
        'Welcome-back review held',
        'The manager and the person talked about their health and the support that would help.',
      );
  }
  for (const plan of facts.plans) {
    add(
      plan.createdAt.slice(0, 10),
      1,
      'Action plan agreed',
      plan.status === 'active' && plan.nextReviewDate
        ? `Next review on ${ukDate(plan.nextReviewDate)}.`
        : 'The plan is closed.',
    );
  }
  if (facts.dyingToWork) {
    add(
      facts.dyingToWork.recordedOn,
      2,
      'Dying to Work charter applies',
      'A terminal diagnosis is recorded. No formal stage can start unless the person chooses to go ahead.',
    );
  }
  add(facts.case.openedOn, 3, 'Case opened', 'Attendance support case opened.');
  for (const meeting of facts.meetings) {
    const override = meeting.overrideReason
      ? ` Started without an informal stage meeting: ${meeting.overrideReason}`
      : '';
    add(
      meeting.createdAt.slice(0, 10),
      4,
      `${stageName(meeting.stage)} arranged`,
      `For ${ukDate(meeting.meetingDate)} at ${meeting.location}; written notice given on ${ukDate(meeting.noticeGivenOn)}.${override}`,
    );
    if (meeting.heldOn) {
      const outcome = codeWords('outcome', meeting.outcome);
      const review = meeting.reviewDate ? ` Review on ${ukDate(meeting.reviewDate)}.` : '';
      add(
        meeting.heldOn,
        5,
        `${stageName(meeting.stage)} held`,
        `Outcome: ${outcome}.${review} Rationale: ${meeting.rationale ?? ''}`,
      );
    }
  }
  for (const letter of facts.letters) {
    add(
      letter.issuedOn,
      6,
      `${LETTER_KINDS[letter.kind as LetterKind] ?? 'Letter'}: letter issued`,
      letter.subject,
    );
  }
  if (facts.case.closedOn) add(facts.case.closedOn, 7, 'Case closed', facts.case.closedReason ?? '');
  return entries
    .sort((a, b) => (a.date === b.date ? b.order - a.order : a.date < b.date ? 1 : -1))
    .map((e) => e.item);
}
