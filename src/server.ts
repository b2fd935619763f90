import { buildAssets } from '../scripts/build-assets.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import type { App } from './app.ts';
import { prepareDatabase } from './prepare.ts';
import {
  demoSignInTable,
  hasAnyOrganisation,
  loadDemo,
  recogniseEarlierDemo,
} from './modules/demo/load-demo.ts';
import { isDemoRunning } from './db/demo-setting.ts';
import { buildServices } from './services.ts';

/**
 * Starts the web server: builds the assets if needed, migrates the database, loads the demo
 * partnership into an empty database (by default on the embedded database only; see
 * `loadDemoOnFirstStart`) and listens. When the demo is running, the log says so plainly.
 */
export async function startServer(config: Config) {
  await buildAssets();
  const database = await openDatabase(config.database);
  await prepareDatabase(database);
  const services = buildServices(database, config);
  if (config.loadDemoOnFirstStart && !(await hasAnyOrganisation(services))) {
    process.stderr.write('Loading the demo partnership (first start)…\n');
    await loadDemo(services);
  }
  await recogniseEarlierDemo(services);
  const app = await buildApp(services);
  let stopping: Promise<void> | null = null;
  const stop = (signal: NodeJS.Signals) => {
    stopping ??= stopGracefully(app, database, config.shutdownTimeoutSeconds, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Wellwork did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // A second signal (a terminal's ^C reaches npm and the server both) changes nothing.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  if (await isDemoRunning(database.system)) {
    app.log.warn('This is a demonstration: its accounts are published; do not enter real data');
    process.stderr.write(
      `\nWellwork is running at http://localhost:${config.port}\n\n` +
        `This is a demonstration: the accounts below are published; do not enter real data.\n\n` +
        `Demo sign-ins:\n${demoSignInTable()}\n\n` +
        `HR, OH and admin accounts set up an authenticator app (on a phone) when they first sign in.\n`,
    );
  } else {
    process.stderr.write(`\nWellwork is running at http://localhost:${config.port}\n`);
  }
  return app;
}

/**
 * Stops the server: it takes no new connections (and answers 503 to any new request on one it
 * has), lets the requests in flight finish for up to `timeoutSeconds`, then cuts off any left,
 * and only once their handlers have returned (or the time is up) closes the database, so that
 * no request finds it closed under it.
 */
export async function stopGracefully(
  app: App,
  database: Database,
  timeoutSeconds: number,
  signal: NodeJS.Signals,
): Promise<void> {
  const inFlight = app.requestsInFlight.count;
  process.stderr.write(
    `Stopping (${signal}): finishing requests in flight (${inFlight}), for up to ${timeoutSeconds} s…\n`,
  );
  const deadline = Date.now() + timeoutSeconds * 1000;
  const timeLeft = () => Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = () =>
    new Promise<'out of time'>((resolve) => {
      timer = setTimeout(() => resolve('out of time'), timeLeft());
    });
  const closed = app.close();
  if ((await Promise.race([closed, outOfTime()])) === 'out of time') {
    process.stderr.write(
      `Stopping: ${app.requestsInFlight.count} requests in flight after ${timeoutSeconds} s were cut off.\n`,
    );
    app.server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
  if ((await Promise.race([app.requestsInFlight.settled(), outOfTime()])) === 'out of time') {
    process.stderr.write(
      `Stopping: ${app.requestsInFlight.count} requests went on after they were cut off; the database is closed under them.\n`,
    );
  }
  clearTimeout(timer);
  await database.close();
  process.stderr.write('Stopped.\n');
}
