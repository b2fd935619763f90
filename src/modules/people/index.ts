import type { Capability } from '../../web/capability.ts';
import { homePage } from './home-page.ts';
import { paths } from '../../web/paths.ts';
import { peopleRoutes } from './routes.ts';

/** People and their terms of employment. */
export const capability: Capability = {
  name: 'People and their terms of employment',
  routes: peopleRoutes,
  navigation: [
    { text: 'People', permission: 'people.view', href: (org) => paths.organisation.people.build({ org }) },
  ],
  homePage,
  permissions: {
    'people.view': {
      roles: ['hr', 'organisation_admin'],
      healthData: true,
      description: 'See the people of the organisation.',
    },
    'people.manage': {
      roles: ['hr', 'organisation_admin'],
      description: 'Add people and change their records and terms.',
    },
    'people.import': { roles: ['hr', 'organisation_admin'], description: 'Import people from a CSV file.' },
    'person.view': {
      roles: ['line_manager', 'hr', 'organisation_admin'],
      healthData: true,
      description:
        'See a person’s page: line managers for their reporting line, HR and organisation admins for everyone.',
    },
  },
};
