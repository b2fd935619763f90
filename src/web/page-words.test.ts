/**
 * People read words, not codes: every page, read by someone allowed to see it, shows no stored
 * code (`medical_appointment`, `line_manager`) and no date written for machines (2026-11-11) in
 * its visible text. Form values, `<time datetime>`, links and other attributes may hold them.
 * The home page is read in every role, with something to do in each.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { absences } from '../modules/absences/absences-schema.ts';
import { actionPlans } from '../modules/action-plans/action-plans-schema.ts';
import { attendanceCases, stageMeetings } from '../modules/attendance-cases/attendance-cases-schema.ts';
import { people } from '../modules/people/people-schema.ts';
import { welcomeBackReviews } from '../modules/welcome-back-reviews/welcome-back-reviews-schema.ts';
import { addDays } from '../domain/dates.ts';
import { ROLES } from '../domain/roles.ts';
import { today } from '../domain/today.ts';
import { accessFixture, getAsAllowed, sessionsFor } from '../testing/access-fixture.ts';
import { HttpSession } from '../testing/browser-session.ts';
import { createTestAccount, createTestPeople, personRow } from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';
import { unreadableWords, visibleText } from '../testing/visible-text.ts';

const { services, app } = await openTestApp();
const fixture = await accessFixture(services, 'Plain Words Council');
const sessions = await sessionsFor(app, services, fixture);

/** The import pages describe their CSV files by their columns, which are written as codes. */
const describesFileColumns = (url: string) => url.endsWith('-import');

test('every page shows words and dates for people, not codes', async () => {
  const problems: string[] = [];
  const pages = app.registeredRoutes.filter(
    (r) => r.method === 'GET' && r.access.kind !== 'api' && !r.url.includes('*'),
  );
  assert.ok(pages.length >= 80, `${pages.length} pages`);
  for (const route of pages) {
    const response = await getAsAllowed(app, route, fixture, sessions);
    const type = response.headers['content-type'];
    if (response.statusCode !== 200 || typeof type !== 'string' || !type.includes('text/html')) continue;
    for (const problem of unreadableWords(visibleText(response.body))) {
      if (describesFileColumns(route.url) && problem.startsWith('code')) continue;
      problems.push(`${route.url}: ${problem}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the home page of every role, with tasks to do, shows words and dates for people', async () => {
  const date = today();
  const manager = personRow({ unitPath: ['Adult Social Care', 'Home Care', 'South Team'] });
  const report = personRow({
    unitPath: ['Adult Social Care', 'Home Care', 'South Team'],
    managerEmployeeNumber: manager.employeeNumber,
  });
  await createTestPeople(services, fixture.organisationId, [manager, report]);
  const account = await createTestAccount(services, fixture.organisationId, [...ROLES], {
    employeeNumber: manager.employeeNumber,
  });
  await services.database.scoped({ organisationIds: [fixture.organisationId] }, async (db) => {
    const rows = await db
      .select()
      .from(people)
      .where(
        and(
          eq(people.organisationId, fixture.organisationId),
          inArray(people.employeeNumber, [report.employeeNumber, manager.employeeNumber]),
        ),
      );
    const idOf = (employeeNumber: string) => rows.find((r) => r.employeeNumber === employeeNumber)?.id ?? 0;
    const personId = idOf(report.employeeNumber);
    const organisationId = fixture.organisationId;
    // Off sick for three weeks with no fit note; back from an earlier sickness with a review due.
    await db.insert(absences).values({
      organisationId,
      personId,
      type: 'sickness',
      startDate: addDays(date, -21),
      reasonCode: 'S12',
    });
    const [earlier] = await db
      .insert(absences)
      .values({
        organisationId,
        personId,
        type: 'sickness',
        startDate: addDays(date, -40),
        endDate: addDays(date, -35),
        reasonCode: 'S11',
      })
      .returning();
    await db.insert(welcomeBackReviews).values({
      organisationId,
      personId,
      absenceId: earlier?.id ?? 0,
      absenceEndDate: addDays(date, -35),
      managerPersonId: idOf(manager.employeeNumber),
      dueDate: addDays(date, -30),
    });
    await db.insert(actionPlans).values({
      organisationId,
      personId,
      goals: [{ what: 'Walk daily', measure: 'Five days a week', owner: 'Themselves', byWhen: date }],
      supportCommitted: 'A later start',
      nextReviewDate: addDays(date, 3),
    });
    const [attendanceCase] = await db
      .insert(attendanceCases)
      .values({ organisationId, personId, openedOn: addDays(date, -20) })
      .returning();
    await db.insert(stageMeetings).values({
      organisationId,
      caseId: attendanceCase?.id ?? 0,
      stage: 'first_formal',
      meetingDate: addDays(date, -2),
      noticeGivenOn: addDays(date, -12),
      location: 'Room 2',
    });
  });

  const everyRole = await new HttpSession(app).signIn(account.email, account.password);
  const home = await everyRole.get('/');
  assert.equal(home.statusCode, 200);
  const lines = visibleText(home.body);
  for (const hint of ['Sick since', 'Back after sickness to', 'Review due on', 'Arranged for']) {
    assert.ok(
      lines.some((l) => l.includes(hint)),
      `the home page has a task "${hint} …"`,
    );
  }
  const problems = unreadableWords(lines);
  for (const [role, session] of sessions) {
    const page = await session.get('/');
    problems.push(...unreadableWords(visibleText(page.body)).map((p) => `${role}: ${p}`));
  }
  assert.deepEqual(problems, []);
});

test('visible text leaves out form values, machine attributes and addresses', () => {
  const lines = visibleText(
    `<body><p>Sick since <time datetime="2026-11-11">11 November 2026</time></p>
     <input name="from" value="2026-11-11"><a href="/r?from=2026-11-11">Report</a>
     <textarea>2026-11-11</textarea><script>const a_b = '2026-11-11';</script>
     <p>Write to line_manager-1@test.example</p></body>`,
  );
  assert.deepEqual(unreadableWords(lines), []);
  assert.deepEqual(
    unreadableWords(visibleText('<body><h1>medical_appointment from 2026-10-07</h1></body>')),
    [
      'code "medical_appointment" in: medical_appointment from 2026-10-07',
      'date "2026-10-07" in: medical_appointment from 2026-10-07',
    ],
  );
});
