import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { peopleRepository } from './people-repository.ts';

/** HR's people without a line manager, and where HR and organisation admins keep the records. */
export const homePage: HomeContribution[] = [
  {
    role: 'hr',
    async part({ db, organisation, date }) {
      const withoutManager = await peopleRepository(db, organisation.id).withoutManagerCount(date);
      const peopleHref = paths.organisation.people.build({ org: organisation.slug });
      return {
        tasks:
          withoutManager > 0
            ? [
                {
                  title: `Record a line manager for ${withoutManager} ${withoutManager === 1 ? 'person' : 'people'}`,
                  hint: 'Without a line manager, nobody is asked to hold their welcome-back reviews',
                  href: `${peopleHref}?manager=none`,
                  status: 'to-do' as const,
                },
              ]
            : [],
        links: [{ href: peopleHref, text: 'People' }],
        imports: [
          { href: paths.organisation.peopleImport.build({ org: organisation.slug }), text: 'Import people' },
        ],
      };
    },
  },
  {
    role: 'organisation_admin',
    async part({ organisation }) {
      return {
        links: [{ href: paths.organisation.people.build({ org: organisation.slug }), text: 'People' }],
      };
    },
  },
];
