import type { Capability } from '../../web/capability.ts';

/** The demo partnership. */
export const capability: Capability = { name: 'The demo partnership' };
