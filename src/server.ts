import { buildAssets } from '../scripts/build-assets.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
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
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
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
