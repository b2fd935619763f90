import type { Capability } from '../../web/capability.ts';
import { dailyReminders } from './daily-reminders.ts';
import { homePage } from './home-page.ts';
import { paths } from '../../web/paths.ts';
import { attendanceCasesRoutes } from './routes.ts';

/** Attendance cases: stages, meetings and letters. */
export const capability: Capability = {
  name: 'Attendance cases: stages, meetings and letters',
  routes: attendanceCasesRoutes,
  navigation: [
    {
      text: 'Cases',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.attendanceCases.build({ org }),
    },
  ],
  homePage,
  dailyReminders,
};
