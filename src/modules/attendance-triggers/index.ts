import {
  dailyRemindersLoadedWhenSent,
  homePageLoadedWhenShown,
  type Capability,
} from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Attendance triggers. */
export const capability: Capability = {
  name: 'Attendance triggers',
  routes: (services) => async (app) => {
    const { attendanceTriggersRoutes } = await import('./routes.ts');
    await app.register(attendanceTriggersRoutes(services));
  },
  navigation: [
    {
      text: 'Triggers',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.attendanceTriggers.build({ org }),
    },
  ],
  homePage: homePageLoadedWhenShown(['line_manager', 'hr'], () => import('./home-page.ts')),
  dailyReminders: dailyRemindersLoadedWhenSent(['Attendance triggers'], () => import('./daily-reminders.ts')),
};
