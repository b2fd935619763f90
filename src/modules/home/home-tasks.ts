import { ukDate } from '../../domain/date-words.ts';
import type { Role } from '../../domain/roles.ts';
import { addDays } from '../../domain/dates.ts';

export interface Task {
  title: string;
  href: string;
  hint?: string;
  status: 'to-do' | 'overdue';
}

export interface AgreementState {
  organisationName: string;
  organisationSlug: string;
  endDate: string | null;
  startDate: string;
}

/** How many days ahead a partnership admin is told an agreement is ending. */
export const AGREEMENT_NOTICE_DAYS = 90;

/**
 * The partnership admin's tasks from the membership agreements: organisations with no
 * agreement in force, and agreements ending soon. A pure function of the agreements and today.
 */
export function agreementTasks(
  organisations: readonly { name: string; slug: string }[],
  agreements: readonly AgreementState[],
  today: string,
  link: (slug: string) => string,
): Task[] {
  const tasks: Task[] = [];
  const horizon = addDays(today, AGREEMENT_NOTICE_DAYS);
  for (const organisation of organisations) {
    const own = agreements.filter((a) => a.organisationSlug === organisation.slug);
    const inForce = own.filter((a) => a.startDate <= today && (a.endDate === null || a.endDate >= today));
    const following = own.some((a) => a.startDate > today);
    if (inForce.length === 0) {
      tasks.push({
        title: `${organisation.name} has no membership agreement in force`,
        href: link(organisation.slug),
        status: 'overdue',
      });
      continue;
    }
    const ending = inForce.find((a) => a.endDate !== null && a.endDate <= horizon);
    if (ending?.endDate && !following) {
      tasks.push({
        title: `Renew ${organisation.name}’s membership agreement`,
        hint: `It ends on ${ukDate(ending.endDate)}`,
        href: link(organisation.slug),
        status: 'to-do',
      });
    }
  }
  return tasks;
}

/** What each role's home page says when there is nothing to do. */
export const EMPTY_TASK_LIST: Record<Role, string> = {
  employee: 'Nothing needs your attention.',
  line_manager: 'Nothing needs your attention for your team.',
  hr: 'No cases or records need HR’s attention.',
  oh_clinician: 'No referrals are waiting for you.',
  oh_admin: 'No referrals are waiting to be triaged or booked.',
  programme_team: 'Nothing in the wellbeing programme needs your attention.',
  facilitator: 'No stress risk assessments are waiting for you.',
  organisation_admin: 'Nothing needs your attention.',
  partnership_admin: 'Every organisation has a membership agreement in force and none ends soon.',
};
