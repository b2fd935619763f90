import { homeLinks, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Units and sites. */
export const capability: Capability = {
  name: 'Units and sites',
  routes: (services) => async (app) => {
    const { organisationStructureRoutes } = await import('./routes.ts');
    await app.register(organisationStructureRoutes(services));
  },
  navigation: [
    { text: 'Units', permission: 'units.manage', href: (org) => paths.organisation.units.build({ org }) },
    { text: 'Sites', permission: 'units.manage', href: (org) => paths.organisation.sites.build({ org }) },
  ],
  homePage: [
    homeLinks(
      'organisation_admin',
      { text: 'Units', href: (org) => paths.organisation.units.build({ org }) },
      { text: 'Sites', href: (org) => paths.organisation.sites.build({ org }) },
    ),
  ],
  permissions: {
    'units.manage': {
      roles: ['organisation_admin'],
      description: 'Add and change the organisation’s units.',
    },
    'sites.manage': {
      roles: ['organisation_admin'],
      description: 'Add and change the organisation’s sites.',
    },
  },
};
