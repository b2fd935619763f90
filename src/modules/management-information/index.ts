import { homeLinks, type Capability } from '../../web/capability.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { committeeRoutes } from './committee-routes.ts';
import { costRoutes } from './cost-routes.ts';
import { reasonsRoutes } from './reasons-routes.ts';
import { managementInformationRoutes } from './routes.ts';
import { trendsRoutes } from './trends-routes.ts';

/** Management information. */
export const capability: Capability = {
  name: 'Management information',
  routes: (services: Services) => async (app) => {
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
