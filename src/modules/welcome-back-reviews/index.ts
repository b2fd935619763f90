import type { Capability } from '../../web/capability.ts';
import { dailyReminders } from './daily-reminders.ts';
import { homePage } from './home-page.ts';
import { ensureWelcomeBackReviews } from './welcome-back-reviews-repository.ts';
import { afterAbsenceChange } from './welcome-back-reviews-service.ts';
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
  reactions: {
    // A sickness recorded as over asks its person's manager for a review, by email.
    'absences-changed': (event, services) =>
      afterAbsenceChange(event.db, services, event.organisation, event.absenceIds),
    // An imported sickness that ended recently gets its review, with the import or not at all.
    'absences-imported': async (event) => {
      await ensureWelcomeBackReviews(event.db, event.organisationId, event.date, 'recent');
    },
  },
};
