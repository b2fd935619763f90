import { homeLinks, type Capability } from '../../web/capability.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';

/**
 * Signing in and out: passwords, the authenticator apps of the second factor, and single sign-on
 * through each organisation's own provider.
 */
export const capability: Capability = {
  name: 'Signing in and out',
  routes: (services) => async (app) => {
    const { authRoutes } = await import('./routes.ts');
    await app.register(authRoutes(services, services.config));
    const { singleSignOnRoutes } = await import('./single-sign-on-pages.ts');
    await app.register(singleSignOnRoutes(services));
    const { singleSignOnSettingsRoutes } = await import('./single-sign-on-settings-pages.ts');
    await app.register(singleSignOnSettingsRoutes(services));
    const { authenticatorPages } = await import('./authenticator-pages.ts');
    await app.register(authenticatorPages(services));
  },
  homePage: [
    homeLinks('organisation_admin', {
      text: 'Single sign-on',
      href: (org) => singleSignOnPaths.settings.build({ org }),
    }),
  ],
  permissions: {
    'single-sign-on.manage': {
      roles: ['organisation_admin'],
      description: 'Set up single sign-on through the organisation’s own sign-in service.',
    },
  },
};
