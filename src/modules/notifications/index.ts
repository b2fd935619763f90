import type { Capability } from '../../web/capability.ts';

/** Notifications: the emails people are sent, each once. */
export const capability: Capability = { name: 'Notifications: the emails people are sent, each once' };
