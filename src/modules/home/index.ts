import type { Capability } from '../../web/capability.ts';

/** Each person's home page, and the pages every visitor may read. */
export const capability: Capability = {
  name: 'Home page, accessibility statement and privacy notice',
  routes: (services) => async (app) => {
    const { homeRoutes } = await import('./routes.ts');
    await app.register(homeRoutes(services));
  },
};
