import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { capabilities, permissionsOf, recordAccessRulesOf, wireReactions } from './capabilities.ts';
import { signInThrottle } from './modules/auth/sign-in-throttle.ts';
import { usersRepository } from './modules/auth/users-repository.ts';
import { createMailer } from './modules/notifications/mailer.ts';
import { organisationsRepository } from './modules/partnership/organisations-repository.ts';
import type { Capability } from './web/capability.ts';
import { eventBus } from './web/events.ts';
import { loadSealingKey, sealer, sealingKey } from './sealing.ts';

/**
 * The services the web server and the command line are built from, with the capability modules
 * of the composition root (`capabilities.ts`) and their reactions to each other's events wired.
 * Tests build the app from the same function with a database of their own.
 */
export function buildServices(
  database: Database,
  config: Config,
  modules: readonly Capability[] = capabilities,
) {
  const events = eventBus();
  const services = {
    config,
    database,
    users: usersRepository(database.system),
    signInThrottle: signInThrottle(database),
    organisations: organisationsRepository(database.system),
    mailer: createMailer(config.mail),
    /** Seals secrets kept in the database with the installation's key (`src/sealing.ts`). */
    sealer: sealer(loadSealingKey(config.sealing)),
    /** Seals occupational health clinical notes with the OH notes key (OH_NOTES_KEY or `oh-notes.key`). */
    ohNotesKey: sealingKey(loadSealingKey(config.ohNotes, 'oh-notes.key')),
    /** The capability modules, in the order of the composition root. */
    capabilities: modules,
    /** The permissions the modules declare, with the roles that hold them. */
    permissions: permissionsOf(modules),
    /** The rules of who may reach one person's records, by name. */
    recordAccessRules: recordAccessRulesOf(modules),
    events,
  };
  wireReactions(modules, events, () => services);
  return services;
}

export type Services = ReturnType<typeof buildServices>;
