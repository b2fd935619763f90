/**
 * The home page's tasks last only as long as there is something to do: a fit note is asked for
 * while days past the self-certification period are uncovered, and no longer once one covering
 * them is recorded; nothing is asked about someone who has left. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { absencesRepository, type NewAbsence } from '../absences/absences-repository.ts';
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { ensureWelcomeBackReviews } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const { services, app } = await openTestApp();
const TODAY = today();

const sickness = (personId: number, startDate: string, endDate: string | null, fitNote?: [string, string]) =>
  ({
    personId,
    type: 'sickness',
    startDate,
    endDate,
    reasonCode: 'S12',
    certification: fitNote ? 'fit_note' : 'self',
    fitNoteFrom: fitNote?.[0] ?? null,
    fitNoteTo: fitNote?.[1] ?? null,
  }) as const;

async function setUp() {
  const organisation = await createTestOrganisation(services);
  const person = (
    employeeNumber: string,
    firstName: string,
    lastName: string,
    endDate: string | null = null,
  ) =>
    personRow({
      employeeNumber,
      firstName,
      lastName,
      managerEmployeeNumber: employeeNumber === 'M1' ? null : 'M1',
      startDate: '2020-01-06',
      endDate,
    });
  await createTestPeople(services, organisation.id, [
    person('M1', 'Fatima', 'Griffiths'),
    person('E1', 'Amelia', 'Brown'),
    person('E2', 'Megan', 'Iqbal'),
    person('E3', 'Karen', 'Costa'),
    person('E4', 'Julie', 'Akhtar'),
    person('L1', 'Dylan', 'Marsh', '2026-11-20'),
  ]);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: 'M1',
  });
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const id = (n: string) => ids.find((p) => p.employeeNumber === n)!.id;
  const session = async (a: { email: string; password: string }) =>
    new HttpSession(app).signIn(a.email, a.password);
  return { organisation, id, manager: await session(manager), hr: await session(hr) };
}

test('a fit note is asked for while days past the seventh are uncovered, and not once one covers them', async () => {
  const s = await setUp();
  const insert = (rows: ReturnType<typeof sickness>[]) =>
    services.database.scoped({ organisationIds: [s.organisation.id] }, (db) =>
      absencesRepository(db, s.organisation.id).insert(
        rows.map((r) => ({ organisationId: s.organisation.id, ...r }) satisfies NewAbsence),
      ),
    );
  const longAgo = addDays(TODAY, -80);
  await insert([
    // Ended, with a fit note covering every day past the seventh: nothing to ask for.
    sickness(s.id('E1'), longAgo, addDays(longAgo, 68), [addDays(longAgo, 7), addDays(longAgo, 68)]),
    // Off for eleven days with no fit note yet.
    sickness(s.id('E2'), addDays(TODAY, -10), null),
    // Still off, and the fit note ran out five days ago.
    sickness(s.id('E3'), addDays(TODAY, -40), null, [addDays(TODAY, -33), addDays(TODAY, -5)]),
    // Still off, covered by a fit note to a later day.
    sickness(s.id('E4'), addDays(TODAY, -20), null, [addDays(TODAY, -13), addDays(TODAY, 10)]),
  ]);
  const text = (await s.manager.get('/')).$('main').text().replace(/\s+/g, ' ');
  assert.doesNotMatch(text, /Ask Amelia Brown/, 'a fit note is recorded for every day past the seventh');
  assert.match(text, /Ask Megan Iqbal for a fit note/);
  assert.match(
    text,
    new RegExp(`Sick since ${ukDate(addDays(TODAY, -10))} \\(11 days\\), with no fit note recorded`),
  );
  assert.match(text, /Ask Karen Costa for a further fit note/);
  assert.match(text, new RegExp(`the fit note ended on ${ukDate(addDays(TODAY, -5))}`));
  assert.doesNotMatch(text, /Ask Julie Akhtar/, 'covered until a later day');

  // The team page says the same.
  const team = (await s.manager.get(`/o/${s.organisation.slug}/team`)).$('main').text().replace(/\s+/g, ' ');
  assert.match(team, /Megan Iqbal – Sick since/);
  assert.match(team, /Karen Costa – Sick since .*the fit note ended on/);
  assert.doesNotMatch(team, /Amelia Brown – /);

  // Recording the next fit note ends the task.
  await services.database.scoped({ organisationIds: [s.organisation.id] }, async (db) => {
    const repository = absencesRepository(db, s.organisation.id);
    const [costa] = await repository.forPerson(s.id('E3'));
    await repository.update(costa!.id, { fitNoteTo: addDays(TODAY, 14) });
  });
  const after = (await s.manager.get('/')).$('main').text();
  assert.doesNotMatch(after, /Ask Karen Costa/);

  // A fit note recorded without its dates (as a record entered before they were asked for) was
  // had: nothing is asked for.
  await services.database.scoped({ organisationIds: [s.organisation.id] }, async (db) => {
    const repository = absencesRepository(db, s.organisation.id);
    const [iqbal] = await repository.forPerson(s.id('E2'));
    await repository.update(iqbal!.id, { certification: 'fit_note', fitNoteFrom: null, fitNoteTo: null });
  });
  assert.doesNotMatch((await s.manager.get('/')).$('main').text(), /Ask Megan Iqbal/);
});

test('nothing is asked about someone who has left: reviews, action plans and stage meetings', async () => {
  const s = await setUp();
  const leaver = s.id('L1');
  await services.database.scoped({ organisationIds: [s.organisation.id] }, async (db) => {
    const [absence] = await absencesRepository(db, s.organisation.id).insert([
      { organisationId: s.organisation.id, ...sickness(leaver, '2026-11-02', '2026-11-06') },
    ]);
    await ensureWelcomeBackReviews(db, s.organisation.id, TODAY, { absenceIds: [absence!.id] });
    await actionPlansRepository(db, s.organisation.id).create({
      personId: leaver,
      reviewId: null,
      goals: [],
      supportCommitted: 'Weekly check-ins',
      nextReviewDate: '2026-11-18',
      createdByUserId: 1,
    });
    const cases = attendanceCasesRepository(db, s.organisation.id);
    const caseId = await cases.open(leaver, '2026-11-01', null);
    await cases.arrangeMeeting({
      caseId,
      stage: 'informal',
      meetingDate: '2026-11-19',
      location: 'Room 2',
      noticeGivenOn: '2026-11-10',
      overrideReason: null,
      createdByUserId: null,
    });
  });
  const manager = (await s.manager.get('/')).$('main').text();
  assert.doesNotMatch(manager, /Dylan Marsh/, 'no task about someone who has left');
  const hr = (await s.hr.get('/')).$('main').text().replace(/\s+/g, ' ');
  assert.doesNotMatch(hr, /welcome-back reviews? (is|are) overdue/);
  assert.doesNotMatch(hr, /meetings? (has|have) passed/);
  const list = (await s.hr.get(`/o/${s.organisation.slug}/welcome-back-reviews`)).$('main').text();
  assert.doesNotMatch(list, /Dylan Marsh/, 'the list of reviews to hold leaves out people who have left');
});
