import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { triggeredPeople } from './triggered-people.ts';

/** A trigger asks the manager to talk with the person; once a case is open, its stages lead. */
export const homePage: HomeContribution[] = [
  {
    role: 'line_manager',
    async part({ db, organisation, personId, date }) {
      if (personId === null) return {};
      const triggered = await triggeredPeople(db, organisation.id, date, { managerPersonId: personId });
      return {
        tasks: triggered
          .filter((p) => p.toTalkWith)
          .map((p) => ({
            title: `Talk with ${p.name} about their attendance`,
            hint: p.readingText,
            href: paths.organisation.person.build({ org: organisation.slug, personId: p.personId }),
            status: 'to-do' as const,
          })),
      };
    },
  },
  {
    role: 'hr',
    async part({ db, organisation, date }) {
      const triggered = (await triggeredPeople(db, organisation.id, date)).filter((p) => p.toTalkWith).length;
      const href = paths.organisation.attendanceTriggers.build({ org: organisation.slug });
      return {
        tasks:
          triggered > 0
            ? [
                {
                  title: `${triggered} ${triggered === 1 ? 'person' : 'people'} to talk with about reaching an attendance trigger`,
                  hint: 'Make sure their line managers talk with them, then record the talk',
                  href,
                  status: 'to-do' as const,
                },
              ]
            : [],
        links: [{ href, text: 'Attendance triggers' }],
      };
    },
  },
];
