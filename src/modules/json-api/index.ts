import type { Capability } from '../../web/capability.ts';
import { jsonApiRoutes } from './routes.ts';

/** The JSON API. */
export const capability: Capability = {
  name: 'The JSON API',
  routes: jsonApiRoutes,
};
