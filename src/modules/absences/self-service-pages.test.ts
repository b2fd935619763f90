/**
 * The employee's own sickness pages against a manager's: the same questions, worded for whom
 * they are about; the fit note's details read only under "Fit note"; and, while the employee is
 * off sick, their pages saying so and how they tell us they are back. Runs on PGlite, and on
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
  dateFields,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { ukDateWithDay } from '../../web/nunjucks.ts';
import { absencesRepository } from './absences-repository.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const { services, app } = await openTestApp();

async function setUp() {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Okafor' }),
    personRow({ employeeNumber: 'P1', firstName: 'Amelia', lastName: 'Brown', managerEmployeeNumber: 'M1' }),
    personRow({ employeeNumber: 'P2', firstName: 'Omar', lastName: 'Hussain', managerEmployeeNumber: 'M1' }),
  ]);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: 'M1',
  });
  const employee = await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'P1' });
  const colleague = await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: 'P2',
  });
  const people = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const id = (n: string) => people.find((p) => p.employeeNumber === n)!.id;
  return {
    o: organisation.slug,
    organisationId: organisation.id,
    ameliaId: id('P1'),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
    employee: await new HttpSession(app).signIn(employee.email, employee.password),
    colleague: await new HttpSession(app).signIn(colleague.email, colleague.password),
  };
}

type Page = Awaited<ReturnType<HttpSession['get']>>;
const text = (page: Page, selector = 'main') => page.$(selector).text().replace(/\s+/g, ' ').trim();
const legends = (page: Page) =>
  page
    .$('legend, label')
    .map((_, l) => page.$(l).text().replace(/\s+/g, ' ').trim())
    .get();
const errorLinks = (page: Page) =>
  page
    .$('.govuk-error-summary a')
    .map((_, a) => page.$(a).attr('href'))
    .get();

async function absencesOf(organisationId: number, personId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    absencesRepository(db, organisationId).forPerson(personId),
  );
}

const sickness = (startDate: string, extra: Record<string, string | string[]> = {}) => ({
  ...dateFields('startDate', startDate),
  reasonCode: 'S13',
  workRelated: 'no',
  wentHome: 'no',
  certification: 'self',
  ...extra,
});

test('the sickness questions speak to the employee as “you”, and to a manager about the person by name', async () => {
  const s = await setUp();
  const own = await s.employee.get(`/o/${s.o}/my/absence/report-sickness`);
  assert.equal(own.statusCode, 200);
  const mine = legends(own);
  assert.ok(mine.includes('Did you go home part-way through your first shift?'), mine.join(' | '));
  assert.ok(mine.includes('How many hours of the shift did you miss?'), mine.join(' | '));
  assert.ok(mine.includes('Is your sickness related to work?'), mine.join(' | '));
  assert.ok(mine.includes('Does the fit note say you may be fit for work?'), mine.join(' | '));
  assert.doesNotMatch(
    text(own, 'form'),
    /\b(they|their|them)\b/i,
    'nothing about the employee in the third person',
  );

  const theirs = await s.manager.get(`/o/${s.o}/people/${s.ameliaId}/absences/new`);
  assert.equal(theirs.statusCode, 200);
  const managers = legends(theirs);
  assert.ok(
    managers.includes('Did Amelia Brown go home part-way through their first shift?'),
    managers.join(' | '),
  );
  assert.ok(managers.includes('How many hours of the shift did they miss?'), managers.join(' | '));
  assert.ok(managers.includes('Does the fit note say they may be fit for work?'), managers.join(' | '));
  assert.doesNotMatch(text(theirs, 'form'), /\byou go home\b|\byour first shift\b/);
});

test('the employee may keep the reason to themselves, and reads plain words without payroll codes', async () => {
  const s = await setUp();
  const url = `/o/${s.o}/my/absence/report-sickness`;
  const own = await s.employee.get(url);
  const reasons = own
    .$('#reasonCode option')
    .map((_, o) => own.$(o).text().trim())
    .get();
  assert.equal(reasons[0], 'I’d rather not say');
  assert.ok(reasons.includes('Anxiety/stress/depression/other psychiatric illnesses'), reasons.join(' | '));
  assert.ok(!reasons.some((r) => /\bS\d\d\b/.test(r)), 'no payroll codes for the employee');
  const choices = own
    .$('input[name="certification"] + label, input[name="disabilityRelated"] + label')
    .map((_, l) => own.$(l).text().trim())
    .get();
  assert.deepEqual(choices, [
    'I have not got a fit note yet',
    'I am self-certifying (up to 7 days)',
    'I have a fit note from a doctor',
    'This is related to a disability I have',
  ]);
  assert.match(text(own, '#disabilityRelated-item-hint'), /considered separately/);

  const start = addDays(today(), -1);
  const left = await s.employee.post(url, sickness(start, { reasonCode: '' }));
  assert.equal(left.statusCode, 302, text(left, '.govuk-error-summary'));
  const [recorded] = await absencesOf(s.organisationId, s.ameliaId);
  assert.equal(recorded?.reasonCode, null);

  // A reason that is not on the list is still refused.
  await s.colleague.get(url);
  const made = await s.colleague.post(url, sickness(start, { reasonCode: 'S77' }));
  assert.equal(made.statusCode, 400);
  assert.deepEqual(errorLinks(made), ['#reasonCode']);

  // A manager or HR recording it still chooses a reason, from the codes they report against.
  const theirs = await s.manager.get(`/o/${s.o}/people/${s.ameliaId}/absences/new`);
  assert.ok(theirs.$('#reasonCode option').text().includes('S10 Anxiety/stress'));
  assert.ok(theirs.$('input[name="certification"] + label').text().includes('Self-certified'));
  const none = await s.manager.post(`/o/${s.o}/people/${s.ameliaId}/absences/new`, {
    type: 'sickness',
    ...sickness(addDays(today(), -30), { reasonCode: '', endDate: '' }),
  });
  assert.equal(none.statusCode, 400);
  assert.ok(errorLinks(none).includes('#reasonCode'));
});

test('the fit note’s details and the hours missed sit under the answers they belong to', async () => {
  const s = await setUp();
  const page = await s.employee.get(`/o/${s.o}/my/absence/report-sickness`);
  const fitNote = page.$('input[name="certification"][value="fit_note"]');
  const revealed = page.$(`#${fitNote.attr('data-aria-controls')}`);
  assert.ok(revealed.hasClass('govuk-radios__conditional'));
  for (const name of ['fitNoteFrom-day', 'fitNoteTo-year', 'fitNoteMayBeFit', 'fitNoteAdvice']) {
    assert.equal(revealed.find(`[name="${name}"]`).length > 0, true, `${name} is revealed under “Fit note”`);
  }
  // Hidden until chosen (shown without JavaScript: only GOV.UK Frontend's script hides them).
  assert.ok(revealed.hasClass('govuk-radios__conditional--hidden'));
  const wentHome = page.$('input[name="wentHome"][value="yes"]');
  assert.equal(page.$(`#${wentHome.attr('data-aria-controls')}`).find('[name="firstDayHours"]').length, 1);
  // Nowhere else on the page.
  assert.equal(page.$('[name="fitNoteFrom-day"]').length, 1);
});

test('the fit note’s details are ignored unless “Fit note” is chosen, and checked when it is', async () => {
  const s = await setUp();
  const url = `/o/${s.o}/my/absence/report-sickness`;
  const start = addDays(today(), -9);
  await s.employee.get(url);

  // Chosen: every problem with the details is listed at once, and nothing is written.
  const bad = await s.employee.post(
    url,
    sickness(start, {
      certification: 'fit_note',
      ...dateFields('fitNoteFrom', addDays(start, 2)),
      ...dateFields('fitNoteTo', start),
      fitNoteMayBeFit: 'no',
      fitNoteAdvice: ['altered_hours'],
    }),
  );
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorLinks(bad).sort(), ['#fitNoteAdvice', '#fitNoteTo-day']);
  assert.match(text(bad, '.govuk-error-summary'), /only if the fit note says you may be fit for work/);
  assert.match(text(bad, '.govuk-error-summary'), /must end on or after the day it starts/);
  const missing = await s.employee.post(url, sickness(start, { certification: 'fit_note' }));
  assert.equal(missing.statusCode, 400);
  assert.deepEqual(errorLinks(missing), ['#fitNoteFrom-day']);
  const tampered = await s.employee.post(
    url,
    sickness(start, {
      certification: 'fit_note',
      ...dateFields('fitNoteFrom', start),
      fitNoteMayBeFit: 'maybe',
      fitNoteAdvice: ['toString'],
    }),
  );
  assert.equal(tampered.statusCode, 400);
  assert.deepEqual(errorLinks(tampered).sort(), ['#fitNoteAdvice', '#fitNoteMayBeFit']);
  assert.equal((await absencesOf(s.organisationId, s.ameliaId)).length, 0, 'nothing written');

  // Not chosen: whatever was typed under "Fit note" or "Yes, I went home" is left out, even if wrong.
  const selfCertified = await s.employee.post(
    url,
    sickness(start, {
      certification: 'self',
      'fitNoteFrom-day': '31',
      'fitNoteFrom-month': '2',
      'fitNoteFrom-year': '2026',
      fitNoteMayBeFit: 'maybe',
      fitNoteAdvice: ['nonsense'],
      wentHome: 'no',
      firstDayHours: 'lots',
    }),
  );
  assert.equal(selfCertified.statusCode, 302, text(selfCertified, '.govuk-error-summary'));
  const [recorded] = await absencesOf(s.organisationId, s.ameliaId);
  assert.ok(recorded);
  assert.equal(recorded.certification, 'self');
  assert.equal(recorded.fitNoteFrom, null);
  assert.equal(recorded.fitNoteMayBeFit, null);
  assert.deepEqual(recorded.fitNoteAdvice ?? [], []);
  assert.equal(recorded.firstDayHours, null);

  // A manager's fit note, chosen and complete, is kept whole.
  await s.manager.get(`/o/${s.o}/people/${s.ameliaId}/absences/${recorded.id}/edit`);
  const changed = await s.manager.post(`/o/${s.o}/people/${s.ameliaId}/absences/${recorded.id}/edit`, {
    type: 'sickness',
    ...sickness(start, {
      certification: 'fit_note',
      ...dateFields('fitNoteFrom', addDays(start, 7)),
      ...dateFields('fitNoteTo', addDays(start, 20)),
      fitNoteMayBeFit: 'yes',
      fitNoteAdvice: ['phased_return', 'altered_hours'],
    }),
    changeReason: 'Fit note received',
  });
  assert.equal(changed.statusCode, 302, text(changed, '.govuk-error-summary'));
  const [withNote] = await absencesOf(s.organisationId, s.ameliaId);
  assert.equal(withNote?.fitNoteFrom, addDays(start, 7));
  assert.equal(withNote?.fitNoteMayBeFit, true);
  assert.deepEqual(withNote?.fitNoteAdvice, ['phased_return', 'altered_hours']);
});

test('while off sick, the employee’s pages say since when and how to say they are back; the manager sees it too', async () => {
  const s = await setUp();
  const start = addDays(today(), -4);
  await s.employee.get(`/o/${s.o}/my/absence/report-sickness`);
  const reported = await s.employee.post(`/o/${s.o}/my/absence/report-sickness`, sickness(start));
  assert.equal(reported.statusCode, 302);
  assert.equal(reported.headers.location, '/');

  const since = `You have been off sick since ${ukDateWithDay(start)}.`;
  const home = await s.employee.get('/');
  assert.match(text(home), new RegExp(since.replace(/[.]/g, '\\.')));
  assert.equal(home.$('a:contains("Report sickness")').length, 0, 'no “Report sickness” while off sick');
  const imBack = home.$('a:contains("Tell us you are back")').attr('href');
  assert.ok(imBack);
  assert.doesNotMatch(text(home), /Nothing needs your attention/);

  for (const url of [`/o/${s.o}/my/attendance`, `/o/${s.o}/my/absence`]) {
    const page = await s.employee.get(url);
    assert.equal(page.statusCode, 200);
    assert.ok(text(page).includes(since), `${url}: ${text(page).slice(0, 300)}`);
    assert.equal(page.$('a:contains("Tell us you are back")').attr('href'), imBack);
    assert.equal(page.$('a:contains("Report sickness")').length, 0, url);
  }
  const again = await s.employee.get(`/o/${s.o}/my/absence/report-sickness`);
  assert.equal(again.statusCode, 200);
  assert.equal(again.$('h1').text().trim(), 'You are already off sick');
  assert.equal(again.$('main form').length, 0, 'no sickness form while off sick');

  const asManager = await s.manager.get(`/o/${s.o}/people/${s.ameliaId}`);
  assert.match(text(asManager), new RegExp(`Off sick since ${ukDateWithDay(start)}`));
  assert.ok(asManager.$('a:contains("record their last day off")').attr('href')?.endsWith('/edit'));

  // A colleague has nothing to say back from; nor anyone about another's sickness.
  const colleagueHome = await s.colleague.get('/');
  assert.equal(colleagueHome.$('a:contains("Tell us you are back")').length, 0);
  assert.equal(colleagueHome.$('a:contains("Report sickness")').length, 1);
  assert.equal((await s.colleague.get(imBack)).statusCode, 404);
});

test('telling us you are back: bad answers are explained and write nothing; a good one ends the sickness', async () => {
  const s = await setUp();
  const date = today();
  const start = addDays(date, -6);
  await s.employee.get(`/o/${s.o}/my/absence/report-sickness`);
  await s.employee.post(`/o/${s.o}/my/absence/report-sickness`, sickness(start));
  const [absence] = await absencesOf(s.organisationId, s.ameliaId);
  assert.ok(absence);
  const url = `/o/${s.o}/my/absence/${absence.id}/return`;

  const form = await s.employee.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(text(form, 'legend'), /When are you back at work\?/);
  const choices = form
    .$('.govuk-radios__label')
    .map((_, l) => form.$(l).text().trim())
    .get();
  assert.deepEqual(choices, [
    `Today, ${ukDateWithDay(date)}`,
    `Tomorrow, ${ukDateWithDay(addDays(date, 1))}`,
    'I came back on an earlier day',
  ]);

  const cases: [Record<string, string>, string, RegExp][] = [
    [{}, '#back', /Choose when you are back at work/],
    [{ back: 'other' }, '#returnDate-day', /Enter your first day back at work/],
    [
      { back: 'other', 'returnDate-day': '31', 'returnDate-month': '2', 'returnDate-year': '2026' },
      '#returnDate-day',
      /real date/i,
    ],
    [
      { back: 'other', ...dateFields('returnDate', start) },
      '#returnDate-day',
      new RegExp(`must be after your first day off sick, ${ukDateWithDay(start)}`),
    ],
    [
      { back: 'other', ...dateFields('returnDate', addDays(date, 2)) },
      '#returnDate-day',
      new RegExp(`cannot be later than tomorrow, ${ukDateWithDay(addDays(date, 1))}`),
    ],
  ];
  for (const [body, href, message] of cases) {
    const bad = await s.employee.post(url, body);
    assert.equal(bad.statusCode, 400, JSON.stringify(body));
    assert.deepEqual(errorLinks(bad), [href], JSON.stringify(body));
    assert.match(text(bad, '.govuk-error-summary'), message);
  }
  assert.equal((await absencesOf(s.organisationId, s.ameliaId))[0]?.endDate, null, 'nothing written');

  // Back tomorrow: today is the last day off, and the pages say when they are back.
  const tomorrow = await s.employee.post(url, {
    back: 'tomorrow',
    ...dateFields('returnDate', addDays(date, 30)),
  });
  assert.equal(tomorrow.statusCode, 302, text(tomorrow, '.govuk-error-summary'));
  assert.equal((await absencesOf(s.organisationId, s.ameliaId))[0]?.endDate, date);
  const home = await s.employee.get('/');
  assert.match(
    text(home),
    new RegExp(`You have told us you are back at work on ${ukDateWithDay(addDays(date, 1))}`),
  );

  // Back today after all: yesterday was the last day off, and they are no longer off sick.
  await s.employee.get(url);
  const back = await s.employee.post(url, { back: 'today' });
  assert.equal(back.statusCode, 302, text(back, '.govuk-error-summary'));
  const mine = await s.employee.get(`/o/${s.o}/my/absence`);
  assert.match(text(mine), new RegExp(`last day off sick as ${ukDateWithDay(addDays(date, -1))}`));
  assert.equal((await absencesOf(s.organisationId, s.ameliaId))[0]?.endDate, addDays(date, -1));
  const after = await s.employee.get('/');
  assert.equal(after.$('a:contains("Tell us you are back")').length, 0);
  assert.equal(after.$('a:contains("Report sickness")').length, 1);
  // An ended sickness is not ended again from here.
  assert.equal((await s.employee.get(url)).statusCode, 404);
});
