/**
 * A failed query is logged once, with its SQL and PostgreSQL's error code, and never with the
 * values it was sent: a passport's words or an API key's prefix and hash must not reach the log.
 * On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pino from 'pino';
import { buildApp } from './app.ts';
import { apiKeys } from './db/schema.ts';
import { loggerOptions, serializeError } from './logging.ts';
import { createTestOrganisation } from './testing/factories.ts';
import { openTestServices } from './testing/test-services.ts';
import { hashApiKey } from './web/access-control.ts';

const services = await openTestServices();
const PASSPORT = 'I have type 1 diabetes and PTSD; I need breaks to check my blood sugar';

/** Log lines written while `work` runs, through the service's own logger options. */
function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { stream, lines };
}

async function failure(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail('the query should have failed');
}

test('a failed query is logged with its SQL and error code, not the values it was sent', async () => {
  const error = await failure(() => services.database.system.execute(sql`select ${PASSPORT}::int`));
  assert.ok(error instanceof DrizzleQueryError, 'a real DrizzleQueryError');
  assert.match(String(error.message), /diabetes/, 'Drizzle quotes the values in its message');

  const { stream, lines } = capture();
  const logger = pino(loggerOptions('error', stream) as pino.LoggerOptions, stream);
  logger.error({ err: error }, 'request failed');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(lines.length, 1);
  const text = lines[0] ?? '';
  assert.doesNotMatch(text, /diabetes|PTSD|blood sugar/);
  assert.doesNotMatch(text, /params/);
  const logged = JSON.parse(text) as { err: { message: string; query: string; cause: { code: string } } };
  assert.equal(logged.err.message, 'Failed query: select $1::int');
  assert.equal(logged.err.query, 'select $1::int');
  assert.equal(logged.err.cause.code, '22P02');
});

test("a failed API key insert logs neither the key's prefix nor its hash", async () => {
  const organisation = await createTestOrganisation(services);
  const key = `ww_${randomBytes(20).toString('hex')}`;
  const row = {
    organisationId: organisation.id,
    name: 'Payroll feed',
    prefix: key.slice(0, 9),
    keyHash: hashApiKey(key),
    scopes: ['people:read'],
  };
  await services.database.system.insert(apiKeys).values(row);
  const error = await failure(() => services.database.system.insert(apiKeys).values(row));
  const serialized = JSON.stringify(serializeError(error));
  assert.doesNotMatch(serialized, new RegExp(row.keyHash));
  assert.doesNotMatch(serialized, new RegExp(row.prefix));
  assert.doesNotMatch(serialized, /Payroll feed/);
  assert.match(serialized, /insert into \\"api_keys\\"/, 'the SQL is kept');
  assert.match(serialized, /23505/, 'the unique violation is still said');
});

test('a request whose query fails logs one line, without the words sent', async () => {
  const { stream, lines } = capture();
  const app = await buildApp(
    { ...services, config: { ...services.config, logLevel: 'error' } },
    { logStream: stream },
  );
  // A passport's words sent with a query that fails for a reason of the server's own (a table
  // that is not there), not for the values sent: answered as a failure of the service.
  app.get('/test/save-passport', { config: { access: { kind: 'public' } } }, async () => {
    await services.database.system.execute(sql`select ${PASSPORT}::text from no_such_table`);
    return 'saved';
  });
  await app.ready();
  try {
    const response = await app.inject({ method: 'GET', url: '/test/save-passport' });
    assert.equal(response.statusCode, 500);
    await new Promise((resolve) => setImmediate(resolve));
    const errors = lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    assert.equal(errors.length, 1, lines.join('\n'));
    assert.doesNotMatch(lines.join('\n'), /diabetes|PTSD|blood sugar/);
  } finally {
    await app.close();
  }
});

test('a request is logged by its path, without the query that may carry what people typed', async () => {
  const { stream, lines } = capture();
  const app = await buildApp(
    { ...services, config: { ...services.config, logLevel: 'info' } },
    { logStream: stream },
  );
  await app.ready();
  try {
    await app.inject({ method: 'GET', url: '/sign-in?returnTo=%2Fo%2Fx%2Fpeople%3Fq%3DAmelia%2BBrown' });
    await app.inject({ method: 'GET', url: `/o/nowhere/people?q=Amelia+Brown&filler=${'x'.repeat(5_000)}` });
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.join('\n');
    assert.match(logged, /"url":"\/o\/nowhere\/people\?\[query withheld\]"/);
    assert.doesNotMatch(logged, /Amelia|xxxxxxxx/);
  } finally {
    await app.close();
  }
});
