import type { Capability } from '../../web/capability.ts';

/** The partnership and its organisations, as on record. */
export const capability: Capability = { name: 'The partnership and its organisations, as on record' };
