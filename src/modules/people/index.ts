import type { Capability } from '../../web/capability.ts';
import { caseworkAccess } from './casework-access.ts';
import { homePage } from './home-page.ts';
import { maySeePerson } from './people-service.ts';
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
  recordAccess: {
    // A person's page: HR and organisation admins for everyone, line managers for their
    // reporting line, and everyone themselves.
    person: async (db, principal, organisationId, personId, onDate) =>
      (await maySeePerson(db, principal, organisationId, personId, onDate)) || null,
    // Recording someone's absence: HR for everyone, line managers for their reporting line.
    'absence-recording': async (db, principal, organisationId, personId, onDate) => {
      const access = await maySeePerson(db, principal, organisationId, personId, onDate);
      const hr = principal.grants.some((g) => g.organisationId === organisationId && g.role === 'hr');
      if (access === 'organisation' && hr) return 'hr';
      return access === 'reporting-line' ? access : null;
    },
    // Welcome-back reviews, action plans, passports and cases: HR for everyone, line managers
    // for their reporting line; nobody else, an organisation admin included.
    casework: caseworkAccess,
  },
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
