import type { Capability } from '../../web/capability.ts';
import { authRoutes } from './routes.ts';

/** Signing in and out. */
export const capability: Capability = {
  name: 'Signing in and out',
  routes: (services) => authRoutes(services, services.config),
};
