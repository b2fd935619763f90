import { homeLinks, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** Accounts, roles and API keys. */
export const capability: Capability = {
  name: 'Accounts, roles and API keys',
  routes: (services) => async (app) => {
    const { userAccountsRoutes } = await import('./routes.ts');
    await app.register(userAccountsRoutes(services));
  },
  navigation: [
    {
      text: 'Accounts',
      permission: 'accounts.manage',
      href: (org) => paths.organisation.accounts.build({ org }),
    },
  ],
  homePage: [
    homeLinks(
      'organisation_admin',
      { text: 'Accounts and roles', href: (org) => paths.organisation.accounts.build({ org }) },
      { text: 'API keys', href: (org) => paths.organisation.apiKeys.build({ org }) },
    ),
  ],
  permissions: {
    'accounts.manage': {
      roles: ['organisation_admin'],
      description: 'Add accounts, invite people and grant roles.',
    },
    'api-keys.manage': {
      roles: ['organisation_admin'],
      description: 'Issue and revoke the organisation’s API keys.',
    },
  },
};
