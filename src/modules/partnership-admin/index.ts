import { homePageLoadedWhenShown, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** The partnership: its organisations and their membership agreements. */
export const capability: Capability = {
  name: 'The partnership: its organisations and their membership agreements',
  routes: (services) => async (app) => {
    const { partnershipAdminRoutes } = await import('./routes.ts');
    await app.register(partnershipAdminRoutes(services));
  },
  navigation: [
    {
      text: 'Organisations',
      permission: 'partnership.manage',
      href: () => paths.partnership.organisations.build(),
    },
  ],
  homePage: homePageLoadedWhenShown(['partnership_admin'], () => import('./agreement-tasks.ts')),
  permissions: {
    'partnership.manage': {
      roles: ['partnership_admin'],
      description: 'Add and change the organisations of the partnership and their membership agreements.',
    },
  },
};
