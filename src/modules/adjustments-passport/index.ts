import type { Capability } from '../../web/capability.ts';

/** Workplace adjustments passports. */
export const capability: Capability = {
  name: 'Workplace adjustments passports',
  routes: (services) => async (app) => {
    const { adjustmentsPassportRoutes } = await import('./routes.ts');
    await app.register(adjustmentsPassportRoutes(services));
  },
  reactions: {
    // Adjustments an occupational health report recommends, added by the manager: in the passport, to agree.
    'adjustments-recommended': async (event) => {
      const { addRecommendedAdjustments } = await import('./adjustments-passport-repository.ts');
      await addRecommendedAdjustments(
        event.db,
        event.organisationId,
        event.personId,
        event.items,
        event.description,
      );
    },
  },
};
