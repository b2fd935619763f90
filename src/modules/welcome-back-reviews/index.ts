import {
  dailyRemindersLoadedWhenSent,
  homePageLoadedWhenShown,
  type Capability,
} from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Welcome-back reviews. */
export const capability: Capability = {
  name: 'Welcome-back reviews',
  routes: (services) => async (app) => {
    const { welcomeBackReviewsRoutes } = await import('./routes.ts');
    await app.register(welcomeBackReviewsRoutes(services));
  },
  navigation: [
    {
      text: 'Reviews',
      permission: 'attendance.oversee',
      href: (org) => paths.organisation.welcomeBackReviews.build({ org }),
    },
  ],
  homePage: homePageLoadedWhenShown(['employee', 'line_manager', 'hr'], () => import('./home-page.ts')),
  dailyReminders: dailyRemindersLoadedWhenSent(
    ['Welcome-back reviews'],
    () => import('./daily-reminders.ts'),
  ),
  reactions: {
    // A sickness recorded as over asks its person's manager for a review, by email.
    'absences-changed': async (event, services) => {
      const { afterAbsenceChange } = await import('./welcome-back-reviews-service.ts');
      await afterAbsenceChange(event.db, services, event.organisation, event.absenceIds);
    },
    // An imported sickness that ended recently gets its review, with the import or not at all.
    'absences-imported': async (event) => {
      const { ensureWelcomeBackReviews } = await import('./welcome-back-reviews-repository.ts');
      await ensureWelcomeBackReviews(event.db, event.organisationId, event.date, 'recent');
    },
  },
};
