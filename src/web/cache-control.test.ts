/**
 * Pages, downloads and API answers may show health data, so no browser or proxy may keep them:
 * every response but the static assets says `Cache-Control: no-store`. Walks every GET route,
 * asked by someone who may use it, and the answers that are not pages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessFixture, fill, getAsAllowed, sessionsFor } from '../testing/access-fixture.ts';
import { HttpSession } from '../testing/browser-session.ts';
import { openTestApp } from '../testing/test-services.ts';
import { paths } from './paths.ts';

const { services, app } = await openTestApp();
const fixture = await accessFixture(services, 'Cache Control Council');
const sessions = await sessionsFor(app, services, fixture);

test('every page, download and API answer is sent with Cache-Control: no-store', async (t) => {
  for (const route of app.registeredRoutes) {
    if (route.method !== 'GET' || route.url.startsWith('/assets/')) continue;
    await t.test(route.url, async () => {
      const response = await getAsAllowed(app, route, fixture, sessions);
      assert.equal(response.headers['cache-control'], 'no-store', `${response.statusCode}`);
    });
  }
});

test('errors, redirects and forms sent are not kept either', async () => {
  const hr = sessions.get('hr');
  assert.ok(hr);
  // Signing out ends the session: one kept for this alone, on a page with a form first.
  const leaving = await new HttpSession(app).signIn(fixture.owner.email, fixture.owner.password);
  await leaving.get('/');
  const signedOut = await leaving.post('/sign-out', {});
  assert.equal(signedOut.statusCode, 302);
  const responses = [
    signedOut,
    await hr.get('/no-such-page'),
    await hr.get(paths.organisation.person.build({ org: fixture.slug, personId: 999_999_999 })),
    await new HttpSession(app).get(fill('/o/:org/people', fixture.params)),
  ];
  for (const response of responses) {
    assert.equal(response.headers['cache-control'], 'no-store', String(response.statusCode));
  }
  const api = await app.inject({ method: 'GET', url: '/api/v1/people' });
  assert.equal(api.statusCode, 401);
  assert.equal(api.headers['cache-control'], 'no-store');
});

test('a kept page of figures is sent with no-store too', async () => {
  const manager = sessions.get('line_manager');
  assert.ok(manager);
  const url = paths.organisation.scorecard.build({ org: fixture.slug });
  await manager.get(url);
  const kept = await manager.get(url);
  assert.equal(kept.headers['x-cache'], 'hit');
  assert.equal(kept.headers['cache-control'], 'no-store');
});

test('the static assets keep their own caching', async () => {
  const response = await app.inject({ method: 'GET', url: '/assets/stylesheets/application.css' });
  assert.equal(response.statusCode, 200);
  assert.notEqual(response.headers['cache-control'], 'no-store');
});
