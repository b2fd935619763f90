import type { Capability } from '../../web/capability.ts';

/** Signing in and out, and the authenticator apps of the second factor. */
export const capability: Capability = {
  name: 'Signing in and out',
  routes: (services) => async (app) => {
    const { authRoutes } = await import('./routes.ts');
    await app.register(authRoutes(services, services.config));
    const { authenticatorPages } = await import('./authenticator-pages.ts');
    await app.register(authenticatorPages(services));
  },
};
