import {
  dailyRemindersLoadedWhenSent,
  homePageLoadedWhenShown,
  type Capability,
} from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Attendance cases: stages, meetings and letters. */
export const capability: Capability = {
  name: 'Attendance cases: stages, meetings and letters',
  routes: (services) => async (app) => {
    const { attendanceCasesRoutes } = await import('./routes.ts');
    await app.register(attendanceCasesRoutes(services));
  },
  navigation: [
    {
      text: 'Cases',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.attendanceCases.build({ org }),
    },
  ],
  homePage: homePageLoadedWhenShown(['line_manager', 'hr'], () => import('./home-page.ts')),
  dailyReminders: dailyRemindersLoadedWhenSent(['Stage meetings'], () => import('./daily-reminders.ts')),
};
