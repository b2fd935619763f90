import { homeLinks, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { absenceReportRoutes } from './routes.ts';

/** The absence report. */
export const capability: Capability = {
  name: 'The absence report',
  routes: absenceReportRoutes,
  navigation: [
    {
      text: 'Absence report',
      permission: 'absence-report.view',
      href: (org) => paths.organisation.absenceReport.build({ org }),
    },
  ],
  homePage: [
    homeLinks('hr', {
      text: 'Absence report',
      href: (org) => paths.organisation.absenceReport.build({ org }),
    }),
  ],
  permissions: {
    'absence-report.view': {
      roles: ['hr'],
      healthData: true,
      description: 'See and download the absence report of the whole organisation.',
    },
  },
};
