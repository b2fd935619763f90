import type { Capability } from '../../web/capability.ts';

/** The calendar: bank holidays of each part of the UK. */
export const capability: Capability = { name: 'The calendar: bank holidays of each part of the UK' };
