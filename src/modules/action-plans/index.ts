import type { Capability } from '../../web/capability.ts';
import { dailyReminders } from './daily-reminders.ts';
import { homePage } from './home-page.ts';
import { actionPlansRoutes } from './routes.ts';

/** Action plans. */
export const capability: Capability = {
  name: 'Action plans',
  routes: actionPlansRoutes,
  homePage,
  dailyReminders,
};
