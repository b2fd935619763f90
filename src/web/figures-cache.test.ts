/**
 * Pages of figures kept by the figures cache, through HTTP: sent again only while nothing they
 * show has changed (absences, units, the organisation's settings), only to the person they were
 * made for, with a fresh nonce and form token, and audited every time. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, organisations } from '../db/schema.ts';
import { units } from '../modules/people/people-schema.ts';
import { addDays } from '../domain/dates.ts';
import { rollingTwelveMonths } from '../domain/scorecard.ts';
import { today } from '../domain/today.ts';
import type { AbsenceRow } from '../modules/absences/absences-csv.ts';
import { importAbsences } from '../modules/absences/absences-import.ts';
import { HttpSession } from '../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';
import { cutPage, joinPage } from './figures-cache.ts';
import { paths } from './paths.ts';

const { services, app } = await openTestApp();

test('a kept page is cut at its nonce and form token and joined with new ones', () => {
  const made = { nonce: 'n0nce', csrfToken: 'T0KEN' };
  const html =
    '<script nonce="n0nce"></script>£1,000 – ‘Care’<input value="T0KEN"><input value="T0KEN">end n0nce';
  const page = cutPage(html, made);
  assert.equal(page.pieces.filter((p) => p === 'nonce').length, 2);
  assert.equal(page.pieces.filter((p) => p === 'csrfToken').length, 2);
  assert.equal(joinPage(page, made).toString(), html);
  assert.equal(
    joinPage(page, { nonce: 'NEW', csrfToken: 'tok' }).toString(),
    '<script nonce="NEW"></script>£1,000 – ‘Care’<input value="tok"><input value="tok">end NEW',
  );
});

async function setUp() {
  const organisation = await createTestOrganisation(services, { targetDaysPerFte: 8 });
  const people = [
    ...Array.from({ length: 6 }, () =>
      personRow({ unitPath: ['Care', 'North Team'], startDate: '2020-04-01' }),
    ),
    ...Array.from({ length: 6 }, () =>
      personRow({ unitPath: ['Care', 'South Team'], startDate: '2020-04-01' }),
    ),
  ];
  await createTestPeople(services, organisation.id, people);
  const from = rollingTwelveMonths(today()).from;
  let row = 1;
  const sickness = (employeeNumber: string, start: number, days: number): AbsenceRow => ({
    row: ++row,
    employeeNumber,
    type: 'sickness',
    startDate: addDays(from, start),
    endDate: addDays(from, start + days - 1),
    reasonCode: 'S12',
    firstDayHours: null,
    notes: null,
  });
  const imported = await importAbsences(
    services,
    organisation.id,
    people.map((p, i) => sickness(p.employeeNumber, 10 + 20 * i, 3)),
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: people[0]?.employeeNumber,
  });
  return {
    organisation,
    people,
    sickness,
    scorecard: paths.organisation.scorecard.build({ org: organisation.slug }),
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
  };
}

const setup = setUp();

/** The page without what is made afresh for every response. */
function withoutTokens(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');
}

test('a page of figures is kept, and made again when anything it shows changes', async () => {
  const s = await setup;
  const account = await createTestAccount(services, s.organisation.id, ['hr']);
  const hr = await new HttpSession(app).signIn(account.email, account.password);
  const first = await hr.get(s.scorecard);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['x-cache'], 'miss');
  const again = await hr.get(s.scorecard);
  assert.equal(again.headers['x-cache'], 'hit');
  assert.equal(withoutTokens(again.body), withoutTokens(first.body));

  // Its scripts carry this response's nonce, and its forms this response's token.
  const nonce = /'nonce-([^']+)'/.exec(String(again.headers['content-security-policy']))?.[1];
  assert.ok(nonce);
  assert.notEqual(nonce, /'nonce-([^']+)'/.exec(String(first.headers['content-security-policy']))?.[1]);
  assert.match(again.body, new RegExp(`nonce="${nonce}"`));
  assert.notEqual(again.$('input[name="_csrf"]').first().val(), first.$('input[name="_csrf"]').first().val());

  // A new absence: the figures move on.
  const person = s.people[3];
  assert.ok(person);
  const imported = await importAbsences(
    services,
    s.organisation.id,
    [s.sickness(person.employeeNumber, 200, 20)],
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const afterAbsence = await hr.get(s.scorecard);
  assert.equal(afterAbsence.headers['x-cache'], 'miss');
  assert.notEqual(withoutTokens(afterAbsence.body), withoutTokens(first.body));
  assert.equal((await hr.get(s.scorecard)).headers['x-cache'], 'hit');

  // A unit renamed: its new name is shown.
  await services.database.system
    .update(units)
    .set({ name: 'Northern Team', path: 'Care > Northern Team' })
    .where(and(eq(units.organisationId, s.organisation.id), eq(units.path, 'Care > North Team')));
  const afterRename = await hr.get(s.scorecard);
  assert.equal(afterRename.headers['x-cache'], 'miss');
  assert.match(afterRename.body, /Northern Team/);

  // The organisation's target changed: the scorecard judges against the new one.
  await services.database.system
    .update(organisations)
    .set({ targetDaysPerFte: 6.5 })
    .where(eq(organisations.id, s.organisation.id));
  const afterTarget = await hr.get(s.scorecard);
  assert.equal(afterTarget.headers['x-cache'], 'miss');
  assert.match(afterTarget.body, /6\.5/);

  // The token of a page sent from the cache works.
  assert.equal((await hr.post(paths.signOut.build(), {})).statusCode, 302);
});

test('a kept page is only sent to the person it was made for', async () => {
  const s = await setup;
  const hrPage = await s.hr.get(s.scorecard);
  assert.equal(hrPage.statusCode, 200);
  const managerPage = await s.manager.get(s.scorecard);
  assert.equal(managerPage.statusCode, 200);
  assert.equal(managerPage.headers['x-cache'], 'miss');
  assert.match(managerPage.body, /Test line manager/);
  assert.doesNotMatch(managerPage.body, /Test hr/);
  // HR sees every number; a line manager sees counts below 5 suppressed.
  assert.doesNotMatch(hrPage.body, /fewer than 5/);
  assert.match(managerPage.body, /fewer than 5/);
});

test('every view of a kept page is audited; downloads are never kept', async () => {
  const s = await setup;
  const viewer = await createTestAccount(services, s.organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(viewer.email, viewer.password);
  const views = async () =>
    (
      await services.database.system
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.userId, viewer.id), eq(auditEvents.action, 'management-information.viewed')),
        )
    )[0]?.n;
  // A view's audit event is written once the response has gone: wait for it, for up to 5 s.
  const viewsReach = async (count: number) => {
    const until = Date.now() + 5_000;
    let seen = await views();
    while (seen !== count && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await views();
    }
    return seen;
  };
  const before = (await views()) ?? 0;
  await session.get(s.scorecard);
  assert.equal((await session.get(s.scorecard)).headers['x-cache'], 'hit');
  assert.equal(await viewsReach(before + 2), before + 2, 'the view made and the view kept');

  const link = (await session.get(s.scorecard)).$('a[href*="format=csv"]').first().attr('href');
  assert.ok(link, 'the page offers its tables as CSV');
  const download = await session.download(link);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['x-cache'], undefined);
});
