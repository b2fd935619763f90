import type { DailyReminder } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { triggeredPeople } from './triggered-people.ts';

/** People who have reached a trigger with no case open: for everyone above them in their reporting line. */
export const dailyReminders: DailyReminder[] = [
  {
    heading: 'Attendance triggers',
    async due(db, organisation, date) {
      const triggered = (await triggeredPeople(db, organisation.id, date)).filter((p) => p.toTalkWith);
      return triggered.map((p) => ({
        text: `Talk with ${p.name} about their attendance: ${p.readingText}`,
        href: paths.organisation.person.build({ org: organisation.slug, personId: p.personId }),
        overdue: false,
        aboutPersonId: p.personId,
      }));
    },
  },
];
