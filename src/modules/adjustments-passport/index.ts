import type { Capability } from '../../web/capability.ts';
import { adjustmentsPassportRoutes } from './routes.ts';

/** Workplace adjustments passports. */
export const capability: Capability = {
  name: 'Workplace adjustments passports',
  routes: adjustmentsPassportRoutes,
};
