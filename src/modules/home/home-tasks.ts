import type { Role } from '../../domain/roles.ts';

/** What each role's home page says when there is nothing to do. */
export const EMPTY_TASK_LIST: Record<Role, string> = {
  employee: 'Nothing needs your attention.',
  line_manager: 'Nothing needs your attention for your team.',
  hr: 'No cases or records need HR’s attention.',
  oh_clinician:
    'No referrals are waiting to be triaged, and none of your cases has a report due or awaiting the employee.',
  oh_admin:
    'No referrals are waiting to be triaged or booked, no reports are due and none is awaiting the employee.',
  programme_team: 'Nothing in the wellbeing programme needs your attention.',
  facilitator: 'No stress risk assessments are waiting for you.',
  organisation_admin: 'Nothing needs your attention.',
  partnership_admin: 'Every organisation has a membership agreement in force and none ends soon.',
};
