import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';
import type { DailyReminder } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { REMINDER_DAYS_AHEAD } from '../../domain/reminders.ts';
import { actionPlansRepository } from './action-plans-repository.ts';

/** Active action plans whose review falls due within the week: for the person's line manager. */
export const dailyReminders: DailyReminder[] = [
  {
    heading: 'Action plan reviews',
    async due(db, organisation, date) {
      const plans = await actionPlansRepository(db, organisation.id).reviewsDueForReminder(
        addDays(date, REMINDER_DAYS_AHEAD),
        date,
      );
      return plans.map((p) => ({
        text: `Review ${p.first_name} ${p.last_name}’s action plan: due on ${ukDate(p.next_review_date)}`,
        href: paths.organisation.actionPlan.build({
          org: organisation.slug,
          personId: p.person_id,
          planId: p.id,
        }),
        overdue: p.next_review_date < date,
        managerIds: [p.manager_person_id],
      }));
    },
  },
];
