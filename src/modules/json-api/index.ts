import type { Capability } from '../../web/capability.ts';

/** The JSON API. */
export const capability: Capability = {
  name: 'The JSON API',
  routes: (services) => async (app) => {
    const { jsonApiRoutes } = await import('./routes.ts');
    await app.register(jsonApiRoutes(services));
  },
};
