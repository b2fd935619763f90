import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';
import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { actionPlansRepository } from './action-plans-repository.ts';

/** The line manager's action plans whose review falls due within a week. */
export const homePage: HomeContribution[] = [
  {
    role: 'line_manager',
    async part({ db, organisation, personId, date }) {
      if (personId === null) return {};
      const due = await actionPlansRepository(db, organisation.id).reviewsDue({
        byDate: addDays(date, 7),
        managerPersonId: personId,
        employedOn: date,
      });
      return {
        tasks: due.map((p) => ({
          title: `Review ${p.first_name} ${p.last_name}’s action plan`,
          hint: `Review due on ${ukDate(p.next_review_date)}`,
          href: paths.organisation.actionPlan.build({
            org: organisation.slug,
            personId: p.person_id,
            planId: p.id,
          }),
          status: p.next_review_date < date ? ('overdue' as const) : ('to-do' as const),
        })),
      };
    },
  },
];
