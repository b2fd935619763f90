import { ukDate } from '../../domain/date-words.ts';
import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { welcomeBackReviewsRepository } from './welcome-back-reviews-repository.ts';

/** The reviews to confirm, to hold and to follow up, on each role's home page. */
export const homePage: HomeContribution[] = [
  {
    role: 'employee',
    async part({ db, organisation, personId }) {
      if (personId === null) return {};
      const reviews = await welcomeBackReviewsRepository(db, organisation.id).forPerson(personId);
      return {
        tasks: reviews
          .filter((r) => r.completedAt !== null && r.confirmedAt === null)
          .map((r) => ({
            title: 'Read and confirm your welcome-back review',
            href: paths.organisation.myWelcomeBackReview.build({ org: organisation.slug, reviewId: r.id }),
            status: 'to-do' as const,
          })),
      };
    },
  },
  {
    role: 'line_manager',
    async part({ db, organisation, personId, date }) {
      if (personId === null) return {};
      const open = await welcomeBackReviewsRepository(db, organisation.id).list({
        open: true,
        managerPersonId: personId,
        employedOn: date,
      });
      return {
        tasks: open.map((r) => ({
          title: `Hold ${r.first_name} ${r.last_name}’s welcome-back review`,
          hint: `Back after sickness to ${ukDate(r.end_date)}; due by ${ukDate(r.due_date)}`,
          href: paths.organisation.welcomeBackReview.build({
            org: organisation.slug,
            personId: r.person_id,
            reviewId: r.id,
          }),
          status: r.due_date < date ? ('overdue' as const) : ('to-do' as const),
        })),
      };
    },
  },
  {
    role: 'hr',
    async part({ db, organisation, date }) {
      const overdue = await welcomeBackReviewsRepository(db, organisation.id).overdueCount(date);
      const href = paths.organisation.welcomeBackReviews.build({ org: organisation.slug });
      return {
        tasks:
          overdue > 0
            ? [
                {
                  title: `${overdue} welcome-back ${overdue === 1 ? 'review is' : 'reviews are'} overdue`,
                  hint: 'Follow up with the line managers',
                  href,
                  status: 'overdue' as const,
                },
              ]
            : [],
        links: [{ href, text: 'Welcome-back reviews' }],
      };
    },
  },
];
