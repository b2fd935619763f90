import type { Capability } from '../../web/capability.ts';

/** Workplace adjustments passports. */
export const capability: Capability = {
  name: 'Workplace adjustments passports',
  routes: (services) => async (app) => {
    const { adjustmentsPassportRoutes } = await import('./routes.ts');
    await app.register(adjustmentsPassportRoutes(services));
  },
};
