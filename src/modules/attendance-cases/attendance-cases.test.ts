/**
 * Attendance cases through the pages people use: a manager opens a case and holds an informal
 * stage meeting with written notice, a documented outcome and letters; HR starts a formal stage
 * (with a recorded reason when no informal stage was held); the Dying to Work charter stops a
 * formal stage the person has not chosen; HR's case list filters; the employee reads their
 * meetings and letters; every record is visible to exactly the people allowed. Runs on PGlite,
 * and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
} from '../../testing/factories.ts';
import { pdfText } from '../../testing/pdf-text.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { caseOverdue } from './case-list-page.ts';
import { caseTimeline } from './case-timeline.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const { services, app } = await openTestApp();

async function setUp() {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', unitPath: ['Care', 'North'] }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', unitPath: ['Care', 'South'] }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      managerEmployeeNumber: 'M1',
      unitPath: ['Care', 'North'],
    }),
    personRow({
      employeeNumber: 'E2',
      firstName: 'Lee',
      lastName: 'Morgan',
      managerEmployeeNumber: 'M1',
      unitPath: ['Care', 'North'],
    }),
  ]);
  const accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    otherManager: await createTestAccount(services, organisation.id, ['line_manager'], {
      employeeNumber: 'M2',
    }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'E1' }),
    colleague: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'E2' }),
    hr: await createTestAccount(services, organisation.id, ['hr']),
    admin: await createTestAccount(services, organisation.id, ['organisation_admin']),
  };
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const id = (n: string) => ids.find((p) => p.employeeNumber === n)!.id;
  const session = async (a: { email: string; password: string }) => {
    const signedIn = await new HttpSession(app).signIn(a.email, a.password);
    await signedIn.get('/');
    return signedIn;
  };
  return {
    o: organisation.slug,
    organisationId: organisation.id,
    patId: id('E1'),
    leeId: id('E2'),
    employeeEmail: accounts.employee.email,
    manager: await session(accounts.manager),
    otherManager: await session(accounts.otherManager),
    employee: await session(accounts.employee),
    colleague: await session(accounts.colleague),
    hr: await session(accounts.hr),
    admin: await session(accounts.admin),
  };
}

const errorsOf = (response: { $: (selector: string) => { text(): string } }) =>
  response.$('.govuk-error-summary').text();

function meetingFields(
  stage: string,
  noticeOn: string,
  meetingOn: string,
  extra: Record<string, string> = {},
) {
  return {
    stage,
    ...dateFields('noticeGivenOn', noticeOn),
    ...dateFields('meetingDate', meetingOn),
    location: 'Meeting room 2, Ward block',
    ...extra,
  };
}

function recordFields(heldOn: string, outcome: string, extra: Record<string, string> = {}) {
  return {
    ...dateFields('heldOn', heldOn),
    accompaniment: 'trade_union',
    companionName: 'Sam Okoro (UNISON)',
    attendees: 'Grace Adebayo (manager), Pat Kowalski, Sam Okoro',
    discussion: 'How Pat is, the support so far and what more would help.',
    outcome,
    rationale:
      'Attendance has not improved despite the action plan; a review period gives time for the adjustments to work.',
    ...extra,
  };
}

test('informal stage, then a formal stage with HR: notice, outcome, letters and the employee’s view', async () => {
  const s = await setUp();
  const date = today();

  // The manager opens a case from the person page.
  const person = await s.manager.get(`/o/${s.o}/people/${s.patId}`);
  const openLink = person.$('a:contains("Open an attendance case")').attr('href');
  assert.ok(openLink, 'the person page offers to open a case');
  const opened = await s.manager.post(openLink, {});
  assert.equal(opened.statusCode, 302);
  const caseUrl = opened.headers.location as string;
  assert.match(caseUrl, new RegExp(`/o/${s.o}/people/${s.patId}/attendance-cases/\\d+$`));
  // Opening again leads to the same open case rather than a second one.
  const again = await s.manager.post(openLink, {});
  assert.equal(again.headers.location, caseUrl);
  // The person page lists it, open, and no longer offers to open one.
  const withCase = await s.manager.get(`/o/${s.o}/people/${s.patId}`);
  const listed = withCase.$(`a[href="${caseUrl}"]`);
  assert.equal(listed.text(), `Case opened ${ukDate(date)}`);
  assert.match(listed.parent().text(), /\(open\)/);
  assert.equal(withCase.$('a:contains("Open an attendance case")').length, 0);

  // A formal stage cannot come first for a manager.
  const tooEarly = await s.manager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 10)),
  );
  assert.equal(tooEarly.statusCode, 400);
  assert.match(errorsOf(tooEarly), /cannot start before an informal stage meeting has been held/);

  // The notice period is the organisation's: 7 days by default.
  const short = await s.manager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('informal', date, addDays(date, 3)),
  );
  assert.equal(short.statusCode, 400);
  assert.match(
    errorsOf(short),
    new RegExp(
      `at least 7 days after written notice is given: the earliest date is ${ukDate(addDays(date, 7))}`,
    ),
  );

  const arranged = await s.manager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('informal', date, addDays(date, 7)),
  );
  assert.equal(arranged.statusCode, 302, errorsOf(arranged));
  const meetingUrl = arranged.headers.location as string;
  // While that meeting waits for its outcome no other can be arranged, and the page says why.
  const waiting = await s.manager.get(`${caseUrl}/meetings/new`);
  assert.equal(waiting.$('input[name=stage]').length, 0);
  assert.match(waiting.$('main').text(), /Record the outcome of the informal stage meeting arranged for/);

  // The invitation letter: its date, time and place are asked for, the letter previewed, then
  // issued from the organisation's template, emailed about and kept word for word.
  const meetingPage = await s.manager.get(meetingUrl);
  const detailsUrl = meetingPage.$('a:contains("Issue the invitation letter")').attr('href');
  assert.equal(detailsUrl, `${meetingUrl}/letters/invitation/new`);
  const detailsPage = await s.manager.get(detailsUrl);
  assert.equal(detailsPage.statusCode, 200);
  assert.equal(detailsPage.$('#location').val(), 'Meeting room 2, Ward block', 'the place is as arranged');
  assert.equal(detailsPage.$('#meetingDate-day').val(), String(Number(addDays(date, 7).slice(8))));
  const invitationFields = {
    ...dateFields('meetingDate', addDays(date, 7)),
    meetingTime: '2.30pm',
    location: 'Meeting room 2, Ward block',
  };
  const preview = await s.manager.post(detailsUrl, invitationFields);
  assert.equal(preview.statusCode, 200, errorsOf(preview));
  const previewLetter = preview.$('.app-letter').text();
  assert.match(previewLetter, /I am writing to invite you to an informal stage meeting\./);
  assert.match(
    previewLetter,
    new RegExp(`Date: ${ukDate(addDays(date, 7))}\nTime: 2:30pm\nPlace: Meeting room 2, Ward block`),
  );
  assert.match(preview.$('.app-letter-sheet').text(), /Private and confidential\s*Pat Kowalski/);
  const previewAgain = await s.manager.get(meetingUrl);
  assert.equal(
    previewAgain.$('a[href*="/letters/"]:not([href$="/new"])').length,
    0,
    'a preview issues nothing',
  );
  const hidden = (form: string): Record<string, string> => {
    const fields: Record<string, string> = {};
    preview.$(`form[action="${form}"] input[type=hidden]`).each((_, el) => {
      const name = preview.$(el).attr('name') ?? '';
      if (name !== '_csrf') fields[name] = preview.$(el).attr('value') ?? '';
    });
    return fields;
  };
  // “Change” goes back to the form with the answers kept.
  const change = await s.manager.post(detailsUrl, hidden(detailsUrl));
  assert.equal(change.statusCode, 200);
  assert.equal(change.$('#meetingTime').val(), '14:30');
  assert.equal(change.$('#location').val(), 'Meeting room 2, Ward block');
  assert.equal(change.$('.govuk-error-summary').length, 0);
  // “Issue letter” needs the session's CSRF token.
  const issueUrl = `${meetingUrl}/letters/invitation`;
  const forged = await s.manager.post(issueUrl, { ...hidden(issueUrl), _csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  const invitation = await s.manager.post(issueUrl, hidden(issueUrl));
  assert.equal(invitation.statusCode, 302, errorsOf(invitation));
  const letterUrl = invitation.headers.location as string;
  const letterPage = await s.manager.get(letterUrl);
  assert.match(letterPage.$('h1').text(), /Invitation: Informal stage meeting on/);
  assert.equal(letterPage.$('.app-letter').text(), previewLetter, 'the letter is issued as previewed');
  const download = await s.manager.download(`${letterUrl}/download`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.equal(download.headers['cache-control'], 'no-store');
  assert.equal(
    download.headers['content-disposition'],
    `attachment; filename="invitation-letter-pat-kowalski-${date}.pdf"`,
  );
  assert.equal(download.body.subarray(0, 5).toString(), '%PDF-');
  const printed = pdfText(download.body);
  for (const line of [
    'Dear Pat Kowalski,',
    'Time: 2:30pm',
    'Place: Meeting room 2, Ward block',
    ukDate(date),
  ]) {
    assert.ok(printed.includes(line), `the PDF says ${line}`);
  }
  assert.match(printed, /right to be accompanied by a trade union/);
  const emailed = services.mailer.outbox.find(
    (m) => m.to === s.employeeEmail && /Invitation/.test(m.subject),
  );
  assert.ok(emailed, 'the employee is emailed about the letter');
  const letterEmail = assertEmail(emailed, { names: 'Pat Kowalski', links: [] });
  assert.match(letterEmail.subject, /^Pat Kowalski, a letter for you: Invitation/);
  assert.match(letterEmail.text, /^Hello Pat Kowalski,/);
  assert.match(
    letterEmail.html,
    new RegExp(`<a href="${services.config.publicUrl}/o/[^/]+/my/letters/\\d+"[^>]*>Read your letter</a>`),
  );
  const [stored] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    queryRows<{ meeting_date: string; meeting_time: string; meeting_place: string }>(
      db,
      sql`select meeting_date::text, meeting_time, meeting_place from letters where organisation_id = ${s.organisationId} and kind = 'invitation'`,
    ),
  );
  assert.deepEqual(stored, {
    meeting_date: addDays(date, 7),
    meeting_time: '14:30',
    meeting_place: 'Meeting room 2, Ward block',
  });

  // The outcome letter waits for the outcome.
  const earlyOutcome = await s.manager.post(`${meetingUrl}/letters/outcome`, {});
  assert.equal(earlyOutcome.statusCode, 409);

  // The record needs a rationale, and an outcome the stage allows.
  const noRationale = await s.manager.post(meetingUrl, recordFields(date, 'dismissal', { rationale: '  ' }));
  assert.equal(noRationale.statusCode, 400);
  assert.match(
    errorsOf(noRationale),
    /Dismissal, with notice of the right of appeal is not an outcome of the informal stage meeting/,
  );
  assert.match(errorsOf(noRationale), /Document the rationale for the outcome: it cannot be left empty/);
  const noReviewDate = await s.manager.post(meetingUrl, recordFields(date, 'review_period'));
  assert.match(errorsOf(noReviewDate), /Enter the date of the review/);
  const recorded = await s.manager.post(
    meetingUrl,
    recordFields(date, 'review_period', dateFields('reviewDate', addDays(date, 56))),
  );
  assert.equal(recorded.statusCode, 302, errorsOf(recorded));
  const twice = await s.manager.post(meetingUrl, recordFields(date, 'no_further_action'));
  assert.equal(twice.statusCode, 409, 'a recorded meeting cannot be recorded again');
  const outcomePreview = await s.manager.get(`${meetingUrl}/letters/outcome/new`);
  assert.equal(outcomePreview.statusCode, 200);
  assert.match(
    outcomePreview.$('.app-letter').text(),
    /Thank you for attending the informal stage meeting on/,
  );
  const outcomeLetter = await s.manager.post(`${meetingUrl}/letters/outcome`, {});
  assert.equal(outcomeLetter.statusCode, 302);
  const outcomePage = await s.manager.get(outcomeLetter.headers.location as string);
  assert.match(
    outcomePage.$('.app-letter').text(),
    new RegExp(`Outcome: A review period, to be reviewed on ${ukDate(addDays(date, 56))}\n`),
  );
  // Each letter is issued once: the meeting page then links to it rather than offering another.
  const afterLetters = await s.manager.get(meetingUrl);
  assert.equal(afterLetters.$('a:contains("Issue the outcome letter")').length, 0);
  assert.equal(afterLetters.$('a:contains("Issue the invitation letter")').length, 0);
  assert.equal(
    afterLetters.$(`a[href="${outcomeLetter.headers.location as string}"]`).length,
    1,
    'the issued outcome letter is linked',
  );
  assert.match(
    afterLetters.$('.govuk-summary-list').text(),
    new RegExp(`A review period, to be reviewed on ${ukDate(addDays(date, 56))}`),
  );
  assert.equal((await s.manager.post(`${meetingUrl}/letters/outcome`, {})).statusCode, 409);

  // Arranging the next meeting offers only the stages that may come next, and says why not the others.
  const next = await s.manager.get(`${caseUrl}/meetings/new`);
  assert.deepEqual(
    next
      .$('input[name=stage]')
      .map((_, el) => next.$(el).attr('value'))
      .get(),
    ['informal', 'first_formal'],
  );
  assert.match(
    next.$('#not-offered').text(),
    /Second formal attendance management meeting: The second formal attendance management meeting can only follow a first formal attendance management meeting that has been held/,
  );
  assert.match(outcomePage.$('.app-letter').text(), /a review period gives time for the adjustments to work/);

  // The first formal meeting, arranged by HR now that the informal stage is documented.
  const formal = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 8)),
  );
  assert.equal(formal.statusCode, 302, errorsOf(formal));
  const formalUrl = formal.headers.location as string;
  const heldFormal = await s.hr.post(
    formalUrl,
    recordFields(date, 'adjustments', { accompaniment: 'declined', companionName: '' }),
  );
  assert.equal(heldFormal.statusCode, 302, errorsOf(heldFormal));

  // The case page: meetings, letters and the timeline.
  const casePage = await s.hr.get(caseUrl);
  assert.equal(casePage.statusCode, 200);
  const timeline = casePage
    .$('.moj-timeline__title')
    .map((_, el) => casePage.$(el).text().trim())
    .get();
  for (const entry of [
    'Case opened',
    'Informal stage meeting arranged',
    'Informal stage meeting held',
    'Invitation to a meeting: letter issued',
    'Outcome of a meeting: letter issued',
    'First formal attendance management meeting held',
  ]) {
    assert.ok(timeline.includes(entry), `${entry} is on the timeline: ${timeline.join(' | ')}`);
  }

  // The employee sees their meetings and letters, and can read and download their own letter only.
  const mine = await s.employee.get(`/o/${s.o}/my/attendance`);
  assert.match(mine.$('main').text(), /Informal stage meeting/);
  assert.match(mine.$('main').text(), /A review period, with a review date/);
  const myLetterLink = mine.$('a:contains("Invitation: Informal stage meeting")').attr('href');
  assert.ok(myLetterLink);
  const myLetter = await s.employee.get(myLetterLink);
  assert.match(myLetter.$('.app-letter').text(), /Dear Pat Kowalski/);
  const myDownload = await s.employee.download(`${myLetterLink}/download`);
  assert.equal(myDownload.statusCode, 200);
  assert.equal(myDownload.headers['content-type'], 'application/pdf');
  assert.ok(pdfText(myDownload.body).includes('Dear Pat Kowalski,'));
  assert.equal((await s.colleague.get(`${myLetterLink}/download`)).statusCode, 404);
  assert.equal((await s.colleague.get(myLetterLink)).statusCode, 404, 'a colleague cannot read it');

  // Nobody outside the reporting line and HR sees the case, its meetings or letters.
  for (const outsider of [s.otherManager, s.admin, s.colleague, s.employee]) {
    for (const url of [caseUrl, meetingUrl, letterUrl, `${letterUrl}/download`, detailsUrl]) {
      const response = await outsider.get(url);
      assert.ok([403, 404].includes(response.statusCode), `${url} is hidden (${response.statusCode})`);
    }
  }
  const sneaky = await s.otherManager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('second_formal', date, addDays(date, 9)),
  );
  assert.ok([403, 404].includes(sneaky.statusCode));
  for (const url of [detailsUrl, issueUrl]) {
    const response = await s.otherManager.post(url, invitationFields);
    assert.ok([403, 404].includes(response.statusCode), `${url} refuses another manager`);
  }

  // Reads of someone else's case are audited.
  const [reads] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where organisation_id = ${s.organisationId} and action in ('attendance-case.viewed', 'letter.viewed', 'letter.downloaded')`,
    ),
  );
  assert.ok((reads?.n ?? 0) >= 3);

  // The case cannot close while a meeting waits for its outcome; it closes once none does.
  const second = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('second_formal', date, addDays(date, 7)),
  );
  assert.equal(second.statusCode, 302, errorsOf(second));
  const notYet = await s.hr.post(`${caseUrl}/close`, {
    ...dateFields('closedOn', date),
    reason: 'Attendance improved',
  });
  assert.equal(notYet.statusCode, 400);
  assert.match(errorsOf(notYet), /Record the outcome of the second formal attendance management meeting/);
  await s.hr.post(second.headers.location as string, recordFields(date, 'no_further_action'));
  const closed = await s.hr.post(`${caseUrl}/close`, {
    ...dateFields('closedOn', date),
    reason: 'Attendance improved',
  });
  assert.equal(closed.statusCode, 302, errorsOf(closed));
  const afterClose = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('appeal', date, addDays(date, 7)),
  );
  assert.equal(afterClose.statusCode, 404, 'a closed case takes no more meetings');
});

test('an invitation letter lists every problem with its date, time and place, and writes nothing', async () => {
  const s = await setUp();
  const date = today();
  const opened = await s.manager.post(`/o/${s.o}/people/${s.patId}/attendance-cases/new`, {});
  const caseUrl = opened.headers.location as string;
  const arranged = await s.manager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('informal', addDays(date, 1), addDays(date, 10)),
  );
  const meetingUrl = arranged.headers.location as string;
  const detailsUrl = `${meetingUrl}/letters/invitation/new`;
  const issueUrl = `${meetingUrl}/letters/invitation`;
  const lettersWritten = async () => {
    const [row] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from letters where organisation_id = ${s.organisationId}`,
      ),
    );
    return row?.n ?? 0;
  };

  const messages = (response: Awaited<ReturnType<typeof s.manager.post>>) =>
    response
      .$('.govuk-error-summary__list a')
      .map((_, el) => `${response.$(el).attr('href')} ${response.$(el).text().trim()}`)
      .get();
  for (const url of [detailsUrl, issueUrl]) {
    const empty = await s.manager.post(url, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(messages(empty), [
      '#meetingDate-day Enter the date of the meeting',
      '#meetingTime Enter the time the meeting starts',
      '#location Enter where the meeting will be held',
    ]);
    const wrong = await s.manager.post(url, {
      ...dateFields('meetingDate', addDays(date, -1)),
      meetingTime: '25:00',
      location: 'x'.repeat(501),
    });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(messages(wrong), [
      '#meetingDate-day The meeting date must be today or in the future',
      '#meetingTime The time the meeting starts must be a real time, like 10:30am, 2pm or 14:30',
      '#location The place must be 500 characters or fewer',
    ]);
    assert.equal(wrong.$('#meetingTime').val(), '25:00', 'the answers come back to be corrected');
    const unreal = await s.manager.post(url, {
      'meetingDate-day': '31',
      'meetingDate-month': '2',
      'meetingDate-year': date.slice(0, 4),
      meetingTime: '10',
      location: 'Room 1',
    });
    assert.deepEqual(messages(unreal), [
      '#meetingDate-day The meeting date must be a real date',
      '#meetingTime The time the meeting starts must be a real time, like 10:30am, 2pm or 14:30',
    ]);
    // Moving the meeting keeps the policy's notice.
    const tooSoon = await s.manager.post(url, {
      ...dateFields('meetingDate', addDays(date, 3)),
      meetingTime: '10am',
      location: 'Room 1',
    });
    assert.deepEqual(messages(tooSoon), [
      `#meetingDate-day The meeting must be at least 7 days after written notice is given, so on or after ${ukDate(addDays(date, 7))}`,
    ]);
  }
  assert.equal(await lettersWritten(), 0, 'nothing is written while a problem remains');

  // A new date and place in the invitation move the arranged meeting with it, and say so in the audit.
  const issued = await s.manager.post(issueUrl, {
    ...dateFields('meetingDate', addDays(date, 12)),
    meetingTime: 'midday',
    location: 'Board room, Civic Centre',
  });
  assert.equal(issued.statusCode, 302, messages(issued).join('\n'));
  assert.equal(await lettersWritten(), 1);
  const letter = await s.manager.get(issued.headers.location as string);
  assert.match(letter.$('.app-letter').text(), /Time: midday\nPlace: Board room, Civic Centre/);
  // The letter is the written notice: it is given the day it is dated, whatever was planned.
  assert.match(letter.$('.app-letter-sheet').text(), new RegExp(ukDate(date)));
  assert.match(letter.$('.app-letter').text(), new RegExp(`given to you on ${ukDate(date)}\\.`));
  const meeting = await s.manager.get(meetingUrl);
  assert.match(
    meeting.$('.govuk-summary-list').text(),
    new RegExp(`Written notice given\\s*${ukDate(date)}`),
  );
  assert.equal(meeting.$('a:contains("Issue the invitation letter")').length, 0);
  assert.equal(meeting.$(`a[href="${issued.headers.location as string}"]`).length, 1);
  assert.match(meeting.$('.govuk-summary-list').text(), new RegExp(ukDate(addDays(date, 12))));
  assert.match(meeting.$('.govuk-summary-list').text(), /Board room, Civic Centre/);
  const [moved] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where organisation_id = ${s.organisationId} and action = 'stage-meeting.rearranged'`,
    ),
  );
  assert.equal(moved?.n, 1);

  // Only casework roles in the person's own organisation may prepare or issue it.
  const elsewhere = await createTestOrganisation(services);
  const otherAccount = await createTestAccount(services, elsewhere.id, ['hr']);
  const otherHr = await new HttpSession(app).signIn(otherAccount.email, otherAccount.password);
  await otherHr.get('/');
  for (const who of [s.employee, s.colleague, s.admin, s.otherManager, otherHr]) {
    assert.ok([403, 404].includes((await who.get(detailsUrl)).statusCode));
    assert.ok([403, 404].includes((await who.post(issueUrl, {})).statusCode));
  }
  assert.equal((await s.hr.get(detailsUrl)).statusCode, 409, 'it has been issued already');
});

test('HR may start a formal stage without an informal one only with a recorded reason', async () => {
  const s = await setUp();
  const date = today();
  const opened = await s.hr.post(`/o/${s.o}/people/${s.leeId}/attendance-cases/new`, {});
  const caseUrl = opened.headers.location as string;
  const form = await s.hr.get(`${caseUrl}/meetings/new`);
  assert.equal(form.$('#overrideReason').length, 1, 'HR is offered the override');
  const managerForm = await s.manager.get(`${caseUrl}/meetings/new`);
  assert.equal(managerForm.$('#overrideReason').length, 0, 'a manager is not');
  const noReason = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 7)),
  );
  assert.equal(noReason.statusCode, 400);
  assert.match(errorsOf(noReason), /give HR’s reason for starting the formal stage without one/);
  const withReason = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 7), {
      overrideReason:
        'Serious concerns raised by the person’s union representative asked for a formal meeting',
    }),
  );
  assert.equal(withReason.statusCode, 302, errorsOf(withReason));
  const meeting = await s.hr.get(withReason.headers.location as string);
  assert.match(meeting.$('main').text(), /Started without an informal stage meeting/);
});

test('Dying to Work: no formal stage unless the person chooses to go ahead', async () => {
  const s = await setUp();
  const date = today();
  const url = `/o/${s.o}/people/${s.patId}/dying-to-work`;
  const bad = await s.manager.post(url, { choosesFormalProcess: 'maybe', options: 'teleport' });
  assert.equal(bad.statusCode, 400);
  assert.match(errorsOf(bad), /Enter the date the person shared their diagnosis/);
  assert.match(errorsOf(bad), /Choose the person’s options from the list/);
  assert.match(errorsOf(bad), /Say whether the person has chosen to go ahead/);
  const saved = await s.manager.post(url, {
    ...dateFields('recordedOn', date),
    options: ['continue_working', 'flexible_hours'],
    choosesFormalProcess: 'no',
    notes: 'Wants to keep working with a lighter rota while treatment continues.',
  });
  assert.equal(saved.statusCode, 302, errorsOf(saved));
  const person = await s.hr.get(`/o/${s.o}/people/${s.patId}`);
  assert.equal(person.$(`a[href="${url}"]`).text(), 'Dying to Work: the charter applies');
  assert.equal((await s.otherManager.get(url)).statusCode, 404);
  assert.equal((await s.admin.get(url)).statusCode, 403, 'an organisation admin has no casework');

  const opened = await s.hr.post(`/o/${s.o}/people/${s.patId}/attendance-cases/new`, {});
  const caseUrl = opened.headers.location as string;
  const informal = await s.manager.post(
    `${caseUrl}/meetings/new`,
    meetingFields('informal', date, addDays(date, 7)),
  );
  assert.equal(informal.statusCode, 302, 'a supportive informal conversation can still be held');
  await s.manager.post(informal.headers.location as string, recordFields(date, 'adjustments'));
  const refused = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 7), { overrideReason: 'HR asks' }),
  );
  assert.equal(refused.statusCode, 400);
  assert.match(errorsOf(refused), /under the Dying to Work charter no formal stage can start/);
  const casePage = await s.hr.get(caseUrl);
  assert.match(casePage.$('main').text(), /They have not chosen to go ahead/);

  // The person's own choice, recorded, lets it go ahead.
  await s.manager.post(url, {
    ...dateFields('recordedOn', date),
    options: 'continue_working',
    choosesFormalProcess: 'yes',
    notes: 'Pat asked for the formal process to be followed.',
  });
  const allowed = await s.hr.post(
    `${caseUrl}/meetings/new`,
    meetingFields('first_formal', date, addDays(date, 7)),
  );
  assert.equal(allowed.statusCode, 302, errorsOf(allowed));
});

test('HR’s case list filters by stage, unit, overdue and policy, and explains a bad filter', async () => {
  const s = await setUp();
  const date = today();
  const patCase = (await s.hr.post(`/o/${s.o}/people/${s.patId}/attendance-cases/new`, {})).headers
    .location as string;
  await s.hr.post(`/o/${s.o}/people/${s.leeId}/attendance-cases/new`, {});
  // Pat's informal meeting was arranged for a date that has now passed with no outcome.
  await s.hr.post(
    `${patCase}/meetings/new`,
    meetingFields('informal', addDays(date, -20), addDays(date, -10)),
  );

  const list = await s.hr.get(`/o/${s.o}/attendance-cases`);
  assert.equal(list.statusCode, 200);
  const names = (r: typeof list) =>
    r
      .$('tbody tr td:first-child a')
      .map((_, el) => r.$(el).text())
      .get();
  assert.deepEqual(names(list).sort(), ['Lee Morgan', 'Pat Kowalski']);
  assert.deepEqual(names(await s.hr.get(`/o/${s.o}/attendance-cases?overdue=yes`)), ['Pat Kowalski']);
  assert.deepEqual(names(await s.hr.get(`/o/${s.o}/attendance-cases?stage=informal`)), ['Pat Kowalski']);
  assert.deepEqual(names(await s.hr.get(`/o/${s.o}/attendance-cases?stage=none`)), ['Lee Morgan']);
  assert.deepEqual(names(await s.hr.get(`/o/${s.o}/attendance-cases?policy=trigger_based`)), []);
  assert.equal(names(await s.hr.get(`/o/${s.o}/attendance-cases?policy=person_centred`)).length, 2);
  const unitOption = list.$('#unit option:contains("Care > South")').attr('value');
  assert.deepEqual(names(await s.hr.get(`/o/${s.o}/attendance-cases?unit=${unitOption}`)), []);
  const parent = list
    .$('#unit option')
    .filter((_, el) => list.$(el).text() === 'Care')
    .attr('value');
  assert.equal(
    names(await s.hr.get(`/o/${s.o}/attendance-cases?unit=${parent}`)).length,
    2,
    'a unit includes those within it',
  );

  const bad = await s.hr.get(`/o/${s.o}/attendance-cases?stage=final&policy=vibes&unit=999999`);
  assert.equal(bad.statusCode, 400);
  assert.match(errorsOf(bad), /Choose a stage from the list/);
  assert.match(errorsOf(bad), /Choose a unit from the list/);
  assert.match(errorsOf(bad), /Choose a policy from the list/);

  // HR's home page counts the meeting waiting for its outcome; the manager has it as a task.
  const hrHome = await s.hr.get('/');
  assert.match(hrHome.$('main').text(), /1 attendance meeting has passed with no outcome recorded/);
  const managerHome = await s.manager.get('/');
  assert.equal(managerHome.$('a:contains("Record Pat Kowalski’s informal stage meeting")').length, 1);

  for (const other of [s.manager, s.admin, s.employee]) {
    assert.ok([403, 404].includes((await other.get(`/o/${s.o}/attendance-cases`)).statusCode));
  }
});

test('a case is overdue when its meeting passed without an outcome, or its review date passed', () => {
  const base = { closed_on: null, meeting_date: '2026-11-01', held_on: null, review_date: null };
  assert.equal(caseOverdue(base, '2026-11-02'), true);
  assert.equal(caseOverdue(base, '2026-11-01'), false);
  assert.equal(caseOverdue({ ...base, held_on: '2026-11-01' }, '2026-12-01'), false);
  assert.equal(
    caseOverdue({ ...base, held_on: '2026-11-01', review_date: '2026-11-20' }, '2026-11-21'),
    true,
  );
  assert.equal(caseOverdue({ ...base, closed_on: '2026-11-05' }, '2026-12-01'), false);
  assert.equal(caseOverdue({ ...base, meeting_date: null }, '2026-12-01'), false);
});

test('the timeline runs newest first and keeps the order of a day’s events', () => {
  const items = caseTimeline({
    case: { openedOn: '2026-10-01', closedOn: '2026-11-20', closedReason: 'Attendance improved' },
    meetings: [
      {
        stage: 'informal',
        createdAt: '2026-10-01T10:00:00Z',
        meetingDate: '2026-10-09',
        location: 'Room 2',
        noticeGivenOn: '2026-10-01',
        overrideReason: null,
        heldOn: '2026-10-09',
        outcome: 'no_further_action',
        reviewDate: null,
        rationale: 'Improved',
      },
    ],
    letters: [{ kind: 'invitation', issuedOn: '2026-10-01', subject: 'Invitation' }],
    reviews: [{ heldOn: '2026-09-20', completedAt: '2026-09-20T09:00:00Z' }],
    plans: [],
    dyingToWork: null,
  });
  assert.deepEqual(
    items.map((i) => i.label.text),
    [
      'Case closed',
      'Informal stage meeting held',
      'Invitation to a meeting: letter issued',
      'Informal stage meeting arranged',
      'Case opened',
      'Welcome-back review held',
    ],
  );
});
