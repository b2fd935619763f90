import type { Capability } from '../../web/capability.ts';
import { personPageRoutes } from './person-page.ts';

/**
 * A person's page: their record and terms, their absence and rolling 12 months, and the
 * attendance work about them (reviews, plans, cases) at a glance. It reads from the people,
 * absences, absence report, welcome-back reviews and attendance cases modules, and none of them
 * depends on it.
 */
export const capability: Capability = {
  name: 'A person’s page',
  routes: personPageRoutes,
};
