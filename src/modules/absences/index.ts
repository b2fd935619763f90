import { homePageLoadedWhenShown, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Absences: recording, reporting sickness and the team calendar. */
export const capability: Capability = {
  name: 'Absences: recording, reporting sickness and the team calendar',
  routes: (services) => async (app) => {
    const { absencesRoutes } = await import('./routes.ts');
    await app.register(absencesRoutes(services));
  },
  navigation: [
    {
      text: 'My absence',
      permission: 'absence.self-service',
      href: (org) => paths.organisation.myAbsence.build({ org }),
      ownRecord: true,
    },
    { text: 'My team', permission: 'team.view', href: (org) => paths.organisation.team.build({ org }) },
  ],
  homePage: homePageLoadedWhenShown(['employee', 'line_manager', 'hr'], () => import('./home-page.ts')),
  permissions: {
    'absence.self-service': {
      roles: ['employee'],
      description: 'See one’s own absences and report one’s own sickness.',
    },
    'team.view': {
      roles: ['line_manager'],
      healthData: true,
      description: 'See one’s team and their absences.',
    },
    'absence.record': {
      roles: ['line_manager', 'hr'],
      healthData: true,
      description:
        'Record and change absences: line managers for their reporting line, HR for everyone in the organisation.',
    },
    'absences.import': { roles: ['hr'], description: 'Import absences from a CSV file.' },
  },
};
