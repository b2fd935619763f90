import type { Capability } from '../../web/capability.ts';

/** Imports: files of records checked, previewed and confirmed. */
export const capability: Capability = { name: 'Imports: files of records checked, previewed and confirmed' };
