import { homeLinks, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** The absence report. */
export const capability: Capability = {
  name: 'The absence report',
  routes: (services) => async (app) => {
    const { absenceReportRoutes } = await import('./routes.ts');
    await app.register(absenceReportRoutes(services));
  },
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
  reactions: {
    // The monthly summary is brought up to date with an import as a whole. A first import of
    // people has no absences to summarise yet: the absences import builds the summary.
    'import-committed': async (event) => {
      const { refreshSummaryAfterImport } = await import('./absence-summary-repository.ts');
      await refreshSummaryAfterImport(event.database, event.organisationId, event.date, {
        onlyIfBuilt: event.records === 'people',
      });
    },
  },
};
