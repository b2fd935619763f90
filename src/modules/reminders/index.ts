import type { Capability } from '../../web/capability.ts';

/** The daily reminder to line managers of what falls to them (`bin/wellwork reminders send`). */
export const capability: Capability = { name: 'The daily reminder to line managers' };
