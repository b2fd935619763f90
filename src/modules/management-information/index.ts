import { homeLinks, type Capability } from '../../web/capability.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';

/** Management information. */
export const capability: Capability = {
  name: 'Management information',
  routes: (services: Services) => async (app) => {
    const { managementInformationRoutes } = await import('./routes.ts');
    const { committeeRoutes } = await import('./committee-routes.ts');
    const { costRoutes } = await import('./cost-routes.ts');
    const { reasonsRoutes } = await import('./reasons-routes.ts');
    const { trendsRoutes } = await import('./trends-routes.ts');
    await app.register(managementInformationRoutes(services));
    await app.register(trendsRoutes(services));
    await app.register(reasonsRoutes(services));
    await app.register(costRoutes(services));
    await app.register(committeeRoutes(services));
  },
  navigation: [
    {
      text: 'Management information',
      permission: 'management-information.view',
      href: (org) => paths.organisation.managementInformation.build({ org }),
    },
  ],
  homePage: ['line_manager' as const, 'hr' as const].map((role) =>
    homeLinks(role, {
      text: 'Management information',
      href: (org) => paths.organisation.managementInformation.build({ org }),
    }),
  ),
  permissions: {
    'management-information.view': {
      roles: ['hr', 'line_manager'],
      healthData: true,
      description:
        'Scorecards, hotspots and the other management information: HR in full; line managers (the directors and heads of service who read them) with small numbers suppressed.',
    },
    'management-information.configure': {
      roles: ['hr'],
      description: 'HR’s settings for the management information: the organisation’s own benchmarks.',
    },
  },
};
