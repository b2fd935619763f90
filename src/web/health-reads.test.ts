/**
 * Every read of health data is audited, and cannot be forgotten: a GET route whose permission
 * shows other people's health data (or whose API scope reads people or reports) must declare its
 * audit event, or the app will not start; and walking every such route, as someone allowed to
 * use it, writes exactly one event, with no free text in it. Runs on PGlite, and on PostgreSQL
 * when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { and, eq, gt, max } from 'drizzle-orm';
import { buildApp } from '../app.ts';
import { auditEvents } from '../db/schema.ts';
import { accessFixture, getAsAllowed, sessionsFor } from '../testing/access-fixture.ts';
import { openTestApp } from '../testing/test-services.ts';
import { showsHealthData } from './access-control.ts';
import { withoutFreeText } from './audit.ts';

const { services, app } = await openTestApp();
const fixture = await accessFixture(services, 'Audited Reads Council');
const sessions = await sessionsFor(app, services, fixture);

/** The query a route needs to answer at all. */
const QUERY: Record<string, string> = {
  '/o/:org/reports/absence/download': '?from=2025-01-01&to=2025-12-31&by=unit&format=csv',
  '/api/v1/reports/absence': '?from=2025-01-01&to=2025-12-31&by=unit',
};

async function eventsSince(id: number) {
  return services.database.system
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, fixture.organisationId), gt(auditEvents.id, id)));
}

async function lastEventId(): Promise<number> {
  const [last] = await services.database.system.select({ id: max(auditEvents.id) }).from(auditEvents);
  return last?.id ?? 0;
}

test('every route that shows health data writes one audit event when read, with no free text', async (t) => {
  const reads = app.registeredRoutes.filter(
    (r) => r.method === 'GET' && showsHealthData(r.access, services.permissions),
  );
  assert.ok(reads.length >= 40, `${reads.length} reads of health data`);
  for (const route of reads) {
    await t.test(route.url, async () => {
      assert.ok(route.audit, 'declares its audit event');
      const before = await lastEventId();
      const response = await getAsAllowed(
        app,
        { ...route, url: route.url + (QUERY[route.url] ?? '') },
        fixture,
        sessions,
      );
      assert.ok(response.statusCode < 400, `${response.statusCode}: ${response.body.slice(0, 300)}`);
      // The route's event is written once the response has gone: wait for it.
      let events = await eventsSince(before);
      for (let waited = 0; events.length === 0 && waited < 5000; waited += 20) {
        await sleep(20);
        events = await eventsSince(before);
      }
      await sleep(30);
      events = await eventsSince(before);
      assert.equal(events.length, 1, JSON.stringify(events.map((e) => e.action)));
      const [event] = events;
      assert.ok(event);
      assert.deepEqual(event.detail, withoutFreeText(event.detail), 'no free text in the detail');
    });
  }
});

test('a route that shows health data and declares no audit event cannot be registered', async () => {
  const other = await buildApp(services, { logger: false });
  assert.throws(
    () =>
      other.get(
        '/o/:org/people/:personId/undeclared',
        { config: { access: { kind: 'permission', permission: 'person.view' } } },
        async () => 'a page about someone’s sickness',
      ),
    /shows health data but declares no audit event/,
  );
  assert.throws(
    () =>
      other.get(
        '/api/v1/undeclared',
        { config: { access: { kind: 'api', scope: 'reports:read' } } },
        async () => ({}),
      ),
    /declares no audit event/,
  );
  // One's own records and settings pages need none.
  other.get(
    '/o/:org/my/undeclared',
    { config: { access: { kind: 'permission', permission: 'attendance.self-service' } } },
    async () => 'mine',
  );
  await other.close();
});
