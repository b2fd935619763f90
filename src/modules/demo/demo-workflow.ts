/**
 * The demo's attendance workflow as a real organisation's would stand mid-year: most
 * welcome-back reviews held on time, a few late, a handful overdue; and attendance cases at each
 * stage, informal to final formal, in the units on each policy, so that the case list, the
 * worklists and the policy comparison have something true to show. Pure and deterministic: plans
 * drawn from the organisation's slug and the date, carried out by `load-demo.ts`.
 */
import type { MeetingRecord, Stage } from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { seededRandom, seedFromText } from '../../domain/seeded-random.ts';
import type { ReviewRecord } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import type { DemoAbsence } from './demo-absences.ts';
import type { DemoOrganisation, DemoPerson } from './demo-partnership.ts';

/** How far back the demo's welcome-back reviews reach: a year, for the policy comparison. */
export const DEMO_REVIEW_HISTORY_DAYS = 365;

/** The fewest and most welcome-back reviews the demo leaves overdue in an organisation. */
export const DEMO_OVERDUE_REVIEWS = { fewest: 2, most: 6 } as const;

interface ReviewDue {
  id: number;
  dueDate: string;
  /** Whether the person is still employed (only their reviews are left overdue). */
  employed: boolean;
}

const HOW_THEY_ARE = [
  'Feeling much better and glad to be back. Still a little tired in the afternoons.',
  'Recovered well. Said the first morning back felt long but the team made them welcome.',
  'Back to normal. The GP has said there is nothing further to follow up.',
  'Better, though the back still aches after long shifts. Managing with stretches and breaks.',
  'Feeling well. Caught the virus going round the team.',
];
const AFFECTING = [
  'Nothing at work. A busy few weeks at home with the children unwell as well.',
  'Workload before the absence was heavy; we talked about what can wait.',
  'Nothing they wanted to raise.',
  'Sleep has been poor; they will speak to their GP.',
];
const AGREED = [
  'Check in at our next one-to-one. They know how to reach the employee assistance programme.',
  'A lighter rota for the first week back, then back to the usual pattern.',
  'No further action; they will tell me if anything changes.',
  'Refer to occupational health if the problem comes back.',
];

/**
 * Which reviews the demo holds, and when: of those already due, most held on or before the day
 * (a few a day or two late), except a handful of the most recent left overdue; those not yet due
 * stay open. `reviews` in any order; the result follows their ids.
 */
export function demoReviewOutcomes(
  slug: string,
  reviews: readonly ReviewDue[],
  asOf: string,
): { held: { id: number; record: ReviewRecord; confirmed: boolean }[]; overdue: number[] } {
  const r = seededRandom(seedFromText(`reviews:${slug}:${asOf}`));
  const sorted = [...reviews].sort((a, b) => a.id - b.id);
  const pastDue = sorted.filter((v) => v.dueDate < asOf);
  // The overdue ones are recent: nobody leaves a review for months in a well-run organisation.
  const recent = pastDue.filter((v) => v.employed && v.dueDate >= addDays(asOf, -28));
  const overdue = new Set<number>();
  const wanted = Math.min(recent.length, r.int(DEMO_OVERDUE_REVIEWS.fewest, DEMO_OVERDUE_REVIEWS.most));
  while (overdue.size < wanted) overdue.add(r.pick(recent).id);
  const held = pastDue
    .filter((v) => !overdue.has(v.id))
    .map((v) => {
      const late = r.chance(0.08);
      const heldOn = late ? addDays(v.dueDate, r.int(1, 4)) : addDays(v.dueDate, -r.int(0, 3));
      const record: ReviewRecord = {
        heldOn: heldOn >= asOf ? addDays(asOf, -1) : heldOn,
        howTheyAre: r.pick(HOW_THEY_ARE),
        affectingWellbeing: r.pick(AFFECTING),
        supportOffered: [],
        supportNotes: '',
        adjustmentsDiscussed: r.chance(0.15) ? 'A phased return over two weeks' : '',
        actionPlanFollows: false,
        ohReferralFollows: r.chance(0.05),
        agreedNotes: r.pick(AGREED),
      };
      return { id: v.id, record, confirmed: r.chance(0.7) };
    });
  return { held, overdue: [...overdue].sort((a, b) => a - b) };
}

/** A stage meeting of a demo case: held (with its record) or arranged for a day to come. */
export interface DemoMeeting {
  stage: Stage;
  meetingDate: string;
  noticeGivenOn: string;
  location: string;
  /** When the meeting starts, HH:MM, as its invitation letter gives it. */
  meetingTime: string;
  record: MeetingRecord | null;
}

export interface DemoCase {
  employeeNumber: string;
  openedOn: string;
  meetings: DemoMeeting[];
  closed: { on: string; reason: string } | null;
}

/** The shapes of the demo's cases: how far each has gone, with days before today. */
const SHAPES: readonly { stages: readonly [Stage, number][]; closedAfter?: number; upcoming?: boolean }[] = [
  // Informal stage, then a first formal meeting with a review period running now.
  {
    stages: [
      ['informal', 170],
      ['first_formal', 40],
    ],
  },
  // Three stages, the second formal meeting recently held.
  {
    stages: [
      ['informal', 300],
      ['first_formal', 185],
      ['second_formal', 30],
    ],
  },
  // Resolved at the informal stage: attendance improved over the review period.
  { stages: [['informal', 210]], closedAfter: 100 },
  // A final formal meeting arranged for next week.
  {
    stages: [
      ['informal', 330],
      ['first_formal', 230],
      ['second_formal', 120],
      ['final_formal', -8],
    ],
    upcoming: true,
  },
  // An informal meeting held last month.
  { stages: [['informal', 35]] },
  {
    stages: [
      ['informal', 150],
      ['first_formal', 60],
    ],
  },
];

const LOCATIONS = ['Meeting room 2, first floor', 'The manager’s office', 'HR meeting room, ground floor'];
const START_TIMES = ['10:00', '14:30', '11:00', '09:30'];

function meetingRecord(
  r: ReturnType<typeof seededRandom>,
  stage: Stage,
  heldOn: string,
  person: DemoPerson,
  managerName: string,
): MeetingRecord {
  const formal = stage !== 'informal';
  const union = formal && r.chance(0.6);
  return {
    heldOn,
    accompaniment: union ? 'trade_union' : r.chance(0.5) ? 'colleague' : 'declined',
    companionName: union ? 'A staff-side representative' : '',
    attendees: `${managerName} (line manager), ${person.firstName} ${person.lastName}${formal ? ', an HR adviser' : ''}${union ? ', their trade union representative' : ''}`,
    discussion: formal
      ? 'Absence since the last meeting, against the review period’s target; the occupational health advice; support already in place and what more would help.'
      : 'Several short spells of sickness this year. We talked about what lies behind them, the support on offer and an occupational health referral.',
    outcome: 'review_period',
    reviewDate: addDays(heldOn, formal ? 84 : 56),
    rationale: formal
      ? 'Attendance has not improved enough over the review period, though the reasons are understood. A further review period, with the agreed adjustments, gives a fair chance to improve.'
      : 'The spells are short and unconnected. A review period with support lets attendance improve without a formal stage.',
  };
}

const policyOf = (org: DemoOrganisation, person: DemoPerson) => {
  const path = person.unitPath.join(' > ');
  const own = org.unitPolicies.find((u) => path === u.path || path.startsWith(`${u.path} > `));
  return own?.policyModel ?? org.policyModel;
};

/**
 * The demo's attendance cases in an organisation: in the units on each policy, four or about one
 * for every eighty people, for the people with the most spells of sickness over the last year (never
 * someone with a demo sign-in, nor the demo manager's own team, whose case is set elsewhere).
 */
export function demoCasePlans(
  org: DemoOrganisation,
  absences: readonly DemoAbsence[],
  asOf: string,
): DemoCase[] {
  const r = seededRandom(seedFromText(`cases:${org.slug}:${asOf}`));
  const yearAgo = addDays(asOf, -365);
  const spells = new Map<string, number>();
  const offNow = new Set<string>();
  for (const a of absences) {
    if (a.type !== 'sickness') continue;
    if (a.startDate >= yearAgo) spells.set(a.employeeNumber, (spells.get(a.employeeNumber) ?? 0) + 1);
    if (a.endDate === null || a.endDate >= asOf) offNow.add(a.employeeNumber);
  }
  const holders = new Set(org.accounts.map((a) => a.employeeNumber));
  const manager = org.accounts.find((a) => a.roles.includes('line_manager'))?.employeeNumber ?? null;
  const candidates = org.people.filter(
    (p) =>
      p.endDate === null &&
      p.startDate < addDays(asOf, -400) &&
      !holders.has(p.employeeNumber) &&
      p.managerEmployeeNumber !== manager &&
      p.managerEmployeeNumber !== null &&
      !offNow.has(p.employeeNumber),
  );
  const plans: DemoCase[] = [];
  for (const policy of ['person_centred', 'trigger_based'] as const) {
    const group = candidates
      .filter((p) => policyOf(org, p) === policy)
      .sort(
        (a, b) =>
          (spells.get(b.employeeNumber) ?? 0) - (spells.get(a.employeeNumber) ?? 0) ||
          a.employeeNumber.localeCompare(b.employeeNumber),
      );
    if (group.length === 0) continue;
    const count = Math.min(SHAPES.length, Math.max(4, Math.round(group.length / 80)));
    group.slice(0, count).forEach((person, i) => {
      const shape = SHAPES[i] ?? SHAPES[0]!;
      const location = r.pick(LOCATIONS);
      const manager = org.people.find((p) => p.employeeNumber === person.managerEmployeeNumber);
      const managerName = manager ? `${manager.firstName} ${manager.lastName}` : 'Their line manager';
      const meetings = shape.stages.map(([stage, daysAgo], n): DemoMeeting => {
        const meetingDate = addDays(asOf, -(daysAgo + r.int(-4, 4)));
        const upcoming = shape.upcoming === true && n === shape.stages.length - 1;
        return {
          stage,
          meetingDate,
          noticeGivenOn: addDays(meetingDate, -r.int(8, 14)),
          location,
          meetingTime: START_TIMES[(i + n) % START_TIMES.length]!,
          record: upcoming ? null : meetingRecord(r, stage, meetingDate, person, managerName),
        };
      });
      const first = meetings[0]!;
      plans.push({
        employeeNumber: person.employeeNumber,
        openedOn: first.noticeGivenOn,
        meetings,
        closed:
          shape.closedAfter === undefined
            ? null
            : {
                on: addDays(first.meetingDate, shape.closedAfter),
                reason: 'Attendance improved over the review period; no further action.',
              },
      });
    });
  }
  return plans;
}
