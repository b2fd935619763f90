import type { Capability } from '../../web/capability.ts';
import { dailyReminders } from './daily-reminders.ts';
import { homePage } from './home-page.ts';
import { paths } from '../../web/paths.ts';
import { attendanceTriggersRoutes } from './routes.ts';

/** Attendance triggers. */
export const capability: Capability = {
  name: 'Attendance triggers',
  routes: attendanceTriggersRoutes,
  navigation: [
    {
      text: 'Triggers',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.attendanceTriggers.build({ org }),
    },
  ],
  homePage,
  dailyReminders,
};
