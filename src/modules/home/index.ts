import type { Capability } from '../../web/capability.ts';
import { homeRoutes } from './routes.ts';

/** Each person's home page, and the pages every visitor may read. */
export const capability: Capability = {
  name: 'Home page, accessibility statement and privacy notice',
  routes: homeRoutes,
};
