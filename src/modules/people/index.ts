import { homePageLoadedWhenShown, type Capability, type RecordAccessRule } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/**
 * Who may see someone's record (`people-service.ts`): HR and organisation admins everyone, line
 * managers their reporting line, everyone themselves. Loaded when a page about a person is first
 * asked for.
 */
const maySeePerson: RecordAccessRule = async (...args) => {
  const { maySeePerson: rule } = await import('./people-service.ts');
  return (await rule(...args)) || null;
};

/** People and their terms of employment. */
export const capability: Capability = {
  name: 'People and their terms of employment',
  routes: (services) => async (app) => {
    const { peopleRoutes } = await import('./routes.ts');
    await app.register(peopleRoutes(services));
  },
  navigation: [
    { text: 'People', permission: 'people.view', href: (org) => paths.organisation.people.build({ org }) },
  ],
  homePage: homePageLoadedWhenShown(['hr', 'organisation_admin'], () => import('./home-page.ts')),
  recordAccess: {
    // A person's page: HR and organisation admins for everyone, line managers for their
    // reporting line, and everyone themselves.
    person: maySeePerson,
    // Recording someone's absence: HR for everyone, line managers for their reporting line.
    'absence-recording': async (db, principal, organisationId, personId, onDate) => {
      const access = await maySeePerson(db, principal, organisationId, personId, onDate);
      const hr = principal.grants.some((g) => g.organisationId === organisationId && g.role === 'hr');
      if (access === 'organisation' && hr) return 'hr';
      return access === 'reporting-line' ? access : null;
    },
    // Welcome-back reviews, action plans, passports and cases: HR for everyone, line managers
    // for their reporting line; nobody else, an organisation admin included.
    casework: async (...args) => (await import('./casework-access.ts')).caseworkAccess(...args),
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
