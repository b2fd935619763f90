import type { Capability } from '../../web/capability.ts';
import { dailyReminders } from './daily-reminders.ts';
import { homePage } from './home-page.ts';
import { paths } from '../../web/paths.ts';
import { welcomeBackReviewsRoutes } from './routes.ts';

/** Welcome-back reviews. */
export const capability: Capability = {
  name: 'Welcome-back reviews',
  routes: welcomeBackReviewsRoutes,
  navigation: [
    {
      text: 'Reviews',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.welcomeBackReviews.build({ org }),
    },
  ],
  homePage,
  dailyReminders,
};
