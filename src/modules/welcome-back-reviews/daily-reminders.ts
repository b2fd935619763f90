import { ukDate } from '../../domain/date-words.ts';
import type { DailyReminder } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { welcomeBackReviewsRepository } from './welcome-back-reviews-repository.ts';

/** Welcome-back reviews not yet held and due by the day: for the manager asked to hold them. */
export const dailyReminders: DailyReminder[] = [
  {
    heading: 'Welcome-back reviews',
    async due(db, organisation, date) {
      const reviews = await welcomeBackReviewsRepository(db, organisation.id).dueForReminder(date);
      return reviews.map((r) => ({
        text: `Hold ${r.first_name} ${r.last_name}’s welcome-back review: due by ${ukDate(r.due_date)}`,
        href: paths.organisation.welcomeBackReview.build({
          org: organisation.slug,
          personId: r.person_id,
          reviewId: r.id,
        }),
        overdue: r.due_date < date,
        managerIds: [r.manager_person_id],
      }));
    },
  },
];
