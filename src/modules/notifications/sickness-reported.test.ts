/**
 * A line manager is emailed when someone in their team reports sickness: the email names the
 * person and the first day, links to the absence, has an HTML and a plain-text part, and says
 * nothing of the reason or their health.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

const { services, app } = await openTestApp({ PUBLIC_URL: 'https://wellwork.example.org' });

test('the manager is emailed who is off sick and from when, never why', async () => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adeyemi', email: 'grace@test.example' }),
    personRow({ employeeNumber: 'E1', firstName: 'Pat', lastName: 'Kowalski', managerEmployeeNumber: 'M1' }),
  ]);
  const employee = await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'E1' });
  const session = await new HttpSession(app).signIn(employee.email, employee.password);
  await session.get(`/o/${organisation.slug}/my/absence/report-sickness`);
  const before = services.mailer.outbox.length;
  const reported = await session.post(`/o/${organisation.slug}/my/absence/report-sickness`, {
    'startDate-day': '2',
    'startDate-month': '11',
    'startDate-year': '2026',
    reasonCode: 'S10',
    workRelated: 'yes',
    wentHome: 'no',
    certification: 'self',
  });
  assert.equal(reported.statusCode, 302, reported.$('.govuk-error-summary').text());

  const sent = services.mailer.outbox.slice(before).filter((m) => m.to === 'grace@test.example');
  assert.equal(sent.length, 1);
  const email = sent[0]!;
  assert.equal(email.subject, 'Pat Kowalski is off sick from 2 November 2026');
  assert.match(email.text, /Pat Kowalski, who is in your team, is off sick from 2 November 2026\./);
  assert.ok(email.html, 'an HTML part');
  assert.match(email.html, /Pat Kowalski, who is in your team, is off sick from 2 November 2026\./);
  assert.match(email.text, /^Hello Grace,/);
  const link = new RegExp(
    `https://wellwork\\.example\\.org/o/${organisation.slug}/people/\\d+/absences/\\d+`,
  );
  assert.match(email.text, link);
  assert.match(email.html, link);
  const [absence] = email.html.match(link) ?? [];
  assertEmail(email, {
    names: 'Pat Kowalski',
    links: [absence ?? 'the link to the absence'],
    never: /S10|anxiety|stress|depression|work-related|work related|reason|self-cert/i,
  });
});

test('no email when the manager records the sickness themselves', async () => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', email: 'owen@test.example' }),
    personRow({ employeeNumber: 'E2', firstName: 'Leah', lastName: 'Morgan', managerEmployeeNumber: 'M2' }),
  ]);
  const { notifySicknessReported } = await import('./sickness-reported.ts');
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: 'M2',
  });
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const { peopleRepository } = await import('../people/people-repository.ts');
    return peopleRepository(db, organisation.id).byEmployeeNumbers(['E2']);
  });
  const personId = ids[0]!.id;
  const send = (recordedByUserId: number | null) =>
    services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      notifySicknessReported(db, services, organisation, {
        absenceId: 990_001,
        personId,
        startDate: '2026-11-02',
        recordedByUserId,
      }),
    );
  assert.equal(await send(manager.id), 0, 'the manager knows already');
  assert.equal(await send(null), 1, 'recorded by someone else: the manager is told');
  assert.equal(await send(null), 0, 'once per absence');
});
