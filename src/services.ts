import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { signInThrottle } from './modules/auth/sign-in-throttle.ts';
import { usersRepository } from './modules/auth/users-repository.ts';
import { createMailer } from './modules/notifications/mailer.ts';
import { organisationsRepository } from './modules/partnership/organisations-repository.ts';

/**
 * The services the web server and the command line are built from. Tests build the app from
 * the same function with a database of their own.
 */
export function buildServices(database: Database, config: Config) {
  return {
    config,
    database,
    users: usersRepository(database.system),
    signInThrottle: signInThrottle(database),
    organisations: organisationsRepository(database.system),
    mailer: createMailer(config.mail),
  };
}

export type Services = ReturnType<typeof buildServices>;
