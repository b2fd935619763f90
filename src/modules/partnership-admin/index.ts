import type { Capability } from '../../web/capability.ts';
import { homePage } from './agreement-tasks.ts';
import { paths } from '../../web/paths.ts';
import { partnershipAdminRoutes } from './routes.ts';

/** The partnership: its organisations and their membership agreements. */
export const capability: Capability = {
  name: 'The partnership: its organisations and their membership agreements',
  routes: partnershipAdminRoutes,
  navigation: [
    {
      text: 'Organisations',
      permission: 'partnership.manage',
      href: () => paths.partnership.organisations.build(),
    },
  ],
  homePage,
  permissions: {
    'partnership.manage': {
      roles: ['partnership_admin'],
      description: 'Add and change the organisations of the partnership and their membership agreements.',
    },
  },
};
