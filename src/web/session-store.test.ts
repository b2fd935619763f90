import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database.ts';
import { HttpSession } from '../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';
import type { Session } from 'fastify';
import { deleteSessionsOfUser } from '../db/sessions-repository.ts';
import { databaseSessionStore, touchEveryMs } from './session-store.ts';

test('sessions: an unchanged session is written at most once a minute, and still times out when idle', async () => {
  const { services, app } = await openTestApp({ SESSION_IDLE_MINUTES: '30' });
  const organisation = await createTestOrganisation(services);
  // Signed in with a password alone, so that the first page after signing in is the home page.
  const account = await createTestAccount(services, organisation.id, ['line_manager']);
  const db = services.database.system;
  const stored = async () => {
    const rows = await queryRows<{ expires_at: Date; data: Record<string, unknown> }>(
      db,
      sql`select expires_at, data from sessions where (data->>'userId')::int = ${account.id}`,
    );
    assert.equal(rows.length, 1, 'one session for the account');
    const [row] = rows;
    if (!row) throw new Error('no session');
    return { expiresAt: new Date(row.expires_at).getTime(), data: row.data };
  };
  const moveExpiry = (interval: string) =>
    db.execute(
      sql`update sessions set expires_at = expires_at + ${interval}::interval
          where (data->>'userId')::int = ${account.id}`,
    );

  const session = await new HttpSession(app).signIn(account.email, account.password);
  const idleMs = 30 * 60_000;
  const signedIn = await stored();
  assert.ok(Math.abs(signedIn.expiresAt - (Date.now() + idleMs)) < 10_000, 'signing in writes it');
  // The first page after signing in makes the new session's secret for its forms: a change.
  assert.equal(signedIn.data._csrf, undefined);
  assert.equal((await session.get('/')).statusCode, 200);
  const seen = await stored();
  assert.equal(typeof seen.data._csrf, 'string');

  // Pages seen straight after: nothing about the session changed, so nothing is written.
  assert.equal((await session.get('/')).statusCode, 200);
  assert.equal((await session.get('/')).statusCode, 200);
  assert.equal((await stored()).expiresAt, seen.expiresAt);

  // Its stored expiry written more than a minute ago: the next page rolls it on.
  await moveExpiry('-2 minutes');
  assert.equal((await session.get('/')).statusCode, 200);
  const rolled = await stored();
  assert.ok(Math.abs(rolled.expiresAt - (Date.now() + idleMs)) < 10_000, 'the idle time-out rolls on');

  // Idle past its time-out: the session is over and the next page asks to sign in.
  await moveExpiry('-31 minutes');
  const after = await session.get('/');
  assert.equal(after.statusCode, 302);
  assert.match(String(after.headers.location), /^\/sign-in/);
});

test('sessions: with a one-minute idle time-out, a person active every 20 seconds stays signed in', async () => {
  const { services, app } = await openTestApp({ SESSION_IDLE_MINUTES: '1' });
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const db = services.database.system;
  const session = await new HttpSession(app).signIn(account.email, account.password);
  assert.equal((await session.get('/')).statusCode, 200);
  // Twenty seconds pass between pages, six times over: two minutes in all, twice the time-out.
  for (let page = 1; page <= 6; page++) {
    await db.execute(
      sql`update sessions set expires_at = expires_at - interval '20 seconds'
          where (data->>'userId')::int = ${account.id}`,
    );
    const response = await session.get('/');
    assert.equal(response.statusCode, 200, `page ${page} is shown, not the sign-in page`);
  }
});

test('sessions: an unchanged session is written again after a tenth of its idle time-out, a minute at most', () => {
  assert.equal(touchEveryMs(60_000), 6_000);
  assert.equal(touchEveryMs(5 * 60_000), 30_000);
  assert.equal(touchEveryMs(30 * 60_000), 60_000);
});

test('sessions: a session ended while a request was under way is not brought back when the request ends', async () => {
  const { services, app } = await openTestApp({ SESSION_IDLE_MINUTES: '30' });
  const organisation = await createTestOrganisation(services);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const db = services.database.system;
  await new HttpSession(app).signIn(account.email, account.password);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from sessions where user_id = ${account.id}`,
  );
  assert.ok(row, 'signing in stored the session with its account');

  const store = databaseSessionStore(db, 30);
  const read = await new Promise<Session | null>((resolve, reject) =>
    store.get(row.id, (error, session) => (error ? reject(error as Error) : resolve(session ?? null))),
  );
  assert.ok(read, 'the request read its session');
  // Meanwhile the account signs out of every device.
  await deleteSessionsOfUser(db, account.id);
  // The request ends with a change to its session, which the store would write.
  const changed = { ...read, flash: { title: 'Saved' } } as Session;
  await new Promise<void>((resolve, reject) =>
    store.set(row.id, changed, (error) => (error ? reject(error as Error) : resolve())),
  );
  const left = await queryRows<{ id: string }>(
    db,
    sql`select id from sessions where user_id = ${account.id}`,
  );
  assert.deepEqual(left, [], 'the ended session stays ended');

  // A new session (after signing in again) is still written.
  const fresh = `fresh-${account.id}`;
  await new Promise<void>((resolve, reject) =>
    store.set(fresh, { userId: account.id } as unknown as Session, (error) =>
      error ? reject(error as Error) : resolve(),
    ),
  );
  assert.equal((await queryRows(db, sql`select id from sessions where id = ${fresh}`)).length, 1);
});
