/**
 * A graceful stop: on SIGTERM the real server (`bin/wellwork serve`, as a separate process) stops
 * taking connections, finishes the request it is in the middle of — whose database work all
 * happens after the signal — closes the database and exits 0, without "Cannot use a pool after
 * calling end". On the embedded database in a temporary directory, or on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from './config.ts';
import { openDatabase, queryRows } from './db/database.ts';
import { prepareDatabase } from './prepare.ts';
import { buildServices } from './services.ts';
import { createTestAccount, createTestOrganisation, TEST_PASSWORD } from './testing/factories.ts';
import { users } from './db/schema.ts';
// On PostgreSQL, the file's own database (TEST_DATABASE_URL is pointed at it).
import './testing/test-database.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'wellwork-stop-'));
after(() => rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

const databaseEnv = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { WELLWORK_DATA_DIR: dataDir, DATABASE_URL: '' };
const config = loadConfig({ ...databaseEnv, WELLWORK_DEMO: 'false' });

/** Opens the database the server uses, for setting up and checking; closed before it starts. */
async function withDatabase<T>(work: (services: ReturnType<typeof buildServices>) => Promise<T>) {
  const database = await openDatabase(config.database);
  try {
    await prepareDatabase(database);
    return await work(buildServices(database, config));
  } finally {
    await database.close();
  }
}

function startServer(port: number, timeoutSeconds: number): { child: ChildProcess; output: () => string } {
  const child = spawn('bin/wellwork', ['serve'], {
    env: {
      ...process.env,
      ...databaseEnv,
      WELLWORK_DEMO: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SESSION_SECRET: 'a-test-session-secret-that-is-long-enough-for-cookies',
      SHUTDOWN_TIMEOUT_SECONDS: String(timeoutSeconds),
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a raw HTTP request in two parts and resolves with the whole response once the server ends it. */
function openRequest(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
  const ended = new Promise<string>((resolve, reject) => {
    socket.on('close', () => resolve(response));
    socket.on('error', reject);
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    connected,
    destroy: () => socket.destroy(),
    send: (text: string) => new Promise<void>((resolve) => socket.write(text, () => resolve())),
    ended,
  };
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  port: number;
  cookie: string;
  body: string;
}

/** Starts the server and fetches a sign-in form: the body of a sign-in by `email`, with its cookie. */
async function startAndPrepareSignIn(email: string, timeoutSeconds = 10): Promise<Running> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const { child, output } = startServer(port, timeoutSeconds);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!output().includes('Wellwork is running') && Date.now() - started < 120_000) {
    assert.equal(child.exitCode, null, output());
    await pause(100);
  }
  assert.match(output(), /Wellwork is running/);
  const form = await fetch(`http://127.0.0.1:${port}/sign-in`);
  assert.equal(form.status, 200);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  assert.ok(csrf, 'the sign-in form has a CSRF token');
  const body = new URLSearchParams({ _csrf: csrf, email, password: TEST_PASSWORD }).toString();
  return { child, output, exited, port, cookie, body };
}

/** A sign-in sent as raw HTTP, its body cut at `sent` characters (the rest sent later). */
async function signIn(server: Running, sent = server.body.length) {
  const request = openRequest(server.port);
  await request.connected;
  await request.send(
    `POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${server.cookie}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${Buffer.byteLength(server.body)}\r\nConnection: close\r\n\r\n` +
      server.body.slice(0, sent),
  );
  return request;
}

const statusOf = (response: string) => /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];

async function stopped(server: Running) {
  const code = await Promise.race([server.exited, pause(30_000).then(() => 'still running')]);
  assert.equal(code, 0, server.output());
  assert.doesNotMatch(server.output(), /Cannot use a pool|after calling end|Unexpected error|"level":50/);
  assert.match(server.output(), /Stopping \(SIGTERM\): finishing requests in flight/);
  assert.match(server.output(), /Stopped\./);
}

/** How many times the account has signed in, from the audit trail, once the server has stopped. */
async function signInsOf(email: string): Promise<number> {
  const rows = await withDatabase(async (services) => {
    const [user] = await services.database.system.select().from(users).where(eq(users.email, email));
    return queryRows<{ n: number }>(
      services.database.system,
      sql`select count(*)::int as n from audit_events where action = 'signed-in' and user_id = ${user?.id ?? 0}`,
    );
  });
  return rows[0]?.n ?? -1;
}

async function newAccount(): Promise<string> {
  return withDatabase(async (services) => {
    const organisation = await createTestOrganisation(services);
    // A line manager: a password alone signs them in, with no authenticator app to set up.
    return (await createTestAccount(services, organisation.id, ['line_manager'])).email;
  });
}

async function killIfRunning(server: Running | undefined) {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

test('SIGTERM finishes the requests in flight, refuses new connections, closes the database and exits 0', async () => {
  const email = await newAccount();
  let server: Running | undefined;
  try {
    server = await startAndPrepareSignIn(email);
    // One sign-in has sent its headers and half its body before the signal and the rest after:
    // the server has taken it on, and all of its work (the account, the password, the session,
    // the audit record) is done once the server has been told to stop. Another, sent whole, is
    // in its handler (checking the password) at the signal.
    const half = await signIn(server, Math.floor(server.body.length / 2));
    await pause(300);
    const whole = await signIn(server);
    await pause(300);
    server.child.kill('SIGTERM');
    await pause(200);
    // A second signal (as when a terminal's ^C reaches npm and the server both) changes nothing.
    server.child.kill('SIGINT');
    await pause(800);

    await assert.rejects(
      fetch(`http://127.0.0.1:${server.port}/health`, { signal: AbortSignal.timeout(5_000) }),
      (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
      'no new connections once the signal has been taken',
    );
    assert.equal(server.child.exitCode, null, 'the server waits for the request in flight');

    await half.send(server.body.slice(Math.floor(server.body.length / 2)));
    const response = await half.ended;
    assert.equal(statusOf(response), '302', response);
    assert.match(response, /\r\nlocation: \/\r\n/i);
    const wholeResponse = await whole.ended;
    assert.equal(statusOf(wholeResponse), '302', wholeResponse);
    await stopped(server);
  } finally {
    await killIfRunning(server);
  }
  assert.equal(await signInsOf(email), 2, 'both sign-ins in flight were recorded in full');
});

test('a request whose client has gone is still let finish before the database is closed', async () => {
  const email = await newAccount();
  let server: Running | undefined;
  try {
    server = await startAndPrepareSignIn(email);
    const abandoned = await signIn(server);
    await pause(300);
    server.child.kill('SIGTERM');
    abandoned.destroy();
    await stopped(server);
  } finally {
    await killIfRunning(server);
  }
  assert.equal(await signInsOf(email), 1, 'the sign-in was recorded in full');
});

test('a request that does not finish in time is cut off, and the server still stops', async () => {
  const email = await newAccount();
  let server: Running | undefined;
  try {
    server = await startAndPrepareSignIn(email, 2);
    // Its body never comes.
    const stuck = await signIn(server, 10);
    await pause(300);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await stuck.ended;
    await stopped(server);
    const took = Date.now() - signalled;
    assert.ok(took >= 1_500 && took < 10_000, `stopped after ${took} ms, with SHUTDOWN_TIMEOUT_SECONDS=2`);
    assert.match(server.output(), /Stopping: 1 requests in flight after 2 s were cut off\./);
  } finally {
    await killIfRunning(server);
  }
});
