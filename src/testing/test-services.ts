import { after } from 'node:test';
import { loadConfig, type Config } from '../config.ts';
import { buildServices, type Services } from '../services.ts';
import { buildApp, type App } from '../app.ts';
import { openTestDatabase } from './test-database.ts';

/**
 * Services on a database for tests: PGlite in memory by default, or on the PostgreSQL server
 * named by TEST_DATABASE_URL, in the test file's own database (CI runs the suite on both; see
 * test-database.ts). Closed when the test file ends.
 */
export async function openTestServices(overrides: Partial<NodeJS.ProcessEnv> = {}): Promise<Services> {
  const url = process.env.TEST_DATABASE_URL;
  const config: Config = loadConfig({
    WELLWORK_DATA_DIR: ':memory:',
    LOG_LEVEL: process.env.WELLWORK_TEST_LOG === 'true' ? 'error' : 'silent',
    SESSION_SECRET: 'a-test-session-secret-that-is-long-enough-for-cookies',
    WELLWORK_DEMO: 'false',
    ...(url ? { DATABASE_URL: url } : {}),
    ...overrides,
  });
  const database = await openTestDatabase(config.database);
  after(() => database.close());
  return buildServices(database, config);
}

export async function openTestApp(
  overrides: Partial<NodeJS.ProcessEnv> = {},
): Promise<{ services: Services; app: App }> {
  const services = await openTestServices(overrides);
  // WELLWORK_TEST_LOG=true shows the app's error log while a test runs.
  const app = await buildApp(services, { logger: process.env.WELLWORK_TEST_LOG === 'true' });
  await app.ready();
  after(() => app.close());
  return { services, app };
}
