import type { Capability } from '../../web/capability.ts';

/**
 * A person's page: their record and terms, their absence and rolling 12 months, and the
 * attendance work about them (reviews, plans, cases) at a glance. It reads from the people,
 * absences, absence report, welcome-back reviews and attendance cases modules, and none of them
 * depends on it.
 */
export const capability: Capability = {
  name: 'A person’s page',
  routes: (services) => async (app) => {
    const { personPageRoutes } = await import('./person-page.ts');
    await app.register(personPageRoutes(services));
  },
};
