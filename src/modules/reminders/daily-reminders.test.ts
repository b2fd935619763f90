/**
 * The daily reminder email: each line manager gets one digest of what falls to them that day,
 * once however often it runs; and `bin/wellwork reminders send` does it from the command line,
 * run as a separate process as cron would. On PGlite (in memory, and in a temporary data
 * directory for the command), or on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Db } from '../../db/database.ts';
import { prepareDatabase } from '../../prepare.ts';
import { absences } from '../absences/absences-schema.ts';
import { actionPlans } from '../action-plans/action-plans-schema.ts';
import { attendanceCases, stageMeetings } from '../attendance-cases/attendance-cases-schema.ts';
import { people } from '../people/people-schema.ts';
import { units } from '../people/people-schema.ts';
import { welcomeBackReviews } from '../welcome-back-reviews/welcome-back-reviews-schema.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { buildServices, type Services } from '../../services.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
  unique,
} from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { reminderDigest, sendDailyReminders, thingsToDo } from './daily-reminders.ts';

const date = today();

/**
 * An organisation where things fall due today: Pat's welcome-back review (overdue), Sam's
 * informal stage meeting in three days, Dana's action plan review in five, Rhys over a trigger
 * in a trigger-based team; and Leah's plan review, not for ten days yet.
 */
async function organisationWithThingsDue(services: Services) {
  const organisation = await createTestOrganisation(services);
  const email = (who: string) => `${unique(who)}@test.example`;
  const workEmails = { owen: email('owen'), fiona: email('fiona'), leah: email('leah') };
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'D1', firstName: 'Fiona', lastName: 'Doyle', email: workEmails.fiona }),
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', managerEmployeeNumber: 'D1' }),
    personRow({
      employeeNumber: 'M2',
      firstName: 'Owen',
      lastName: 'Price',
      managerEmployeeNumber: 'D1',
      email: workEmails.owen,
    }),
    personRow({
      employeeNumber: 'M3',
      firstName: 'Leah',
      lastName: 'Moss',
      managerEmployeeNumber: 'D1',
      email: workEmails.leah,
    }),
    personRow({ employeeNumber: 'E1', firstName: 'Pat', lastName: 'Kowalski', managerEmployeeNumber: 'M1' }),
    personRow({ employeeNumber: 'E2', firstName: 'Sam', lastName: 'Evans', managerEmployeeNumber: 'M1' }),
    personRow({
      employeeNumber: 'E5',
      firstName: 'Rhys',
      lastName: 'Campbell',
      managerEmployeeNumber: 'M1',
      unitPath: ['Adult Social Care', 'Reablement'],
    }),
    personRow({ employeeNumber: 'E3', firstName: 'Dana', lastName: 'Byrne', managerEmployeeNumber: 'M2' }),
    personRow({ employeeNumber: 'E4', firstName: 'Tomasz', lastName: 'Nowak', managerEmployeeNumber: 'M3' }),
  ]);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: 'M1',
  });
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, async (db: Db) => {
    const rows = await db
      .select({ id: people.id, n: people.employeeNumber })
      .from(people)
      .where(eq(people.organisationId, organisation.id));
    const id = (n: string) => rows.find((r) => r.n === n)!.id;
    const organisationId = organisation.id;
    await db
      .update(units)
      .set({ policyModel: 'trigger_based' })
      .where(and(eq(units.organisationId, organisationId), eq(units.path, 'Adult Social Care > Reablement')));
    const sickness = (n: string, from: number, to: number) => ({
      organisationId,
      personId: id(n),
      type: 'sickness',
      startDate: addDays(date, from),
      endDate: addDays(date, to),
      reasonCode: 'S12',
    });
    const [recent, earlier] = await db
      .insert(absences)
      .values([
        sickness('E1', -8, -5),
        sickness('E1', -90, -88),
        sickness('E5', -200, -199),
        sickness('E5', -100, -99),
        sickness('E5', -40, -21),
      ])
      .returning();
    const [due, held] = await db
      .insert(welcomeBackReviews)
      .values([
        {
          organisationId,
          personId: id('E1'),
          absenceId: recent!.id,
          absenceEndDate: recent!.endDate!,
          managerPersonId: id('M1'),
          dueDate: addDays(date, -1),
        },
        {
          organisationId,
          personId: id('E1'),
          absenceId: earlier!.id,
          absenceEndDate: earlier!.endDate!,
          managerPersonId: id('M1'),
          dueDate: addDays(date, -85),
          heldOn: addDays(date, -86),
          completedAt: new Date().toISOString(),
        },
      ])
      .returning();
    const goals = [
      { what: 'Walk at lunchtime', measure: 'Three days a week', owner: 'Themselves', byWhen: date },
    ];
    const [plan, laterPlan] = await db
      .insert(actionPlans)
      .values([
        {
          organisationId,
          personId: id('E3'),
          goals,
          supportCommitted: 'A later start',
          nextReviewDate: addDays(date, 5),
        },
        {
          organisationId,
          personId: id('E4'),
          goals,
          supportCommitted: 'A later start',
          nextReviewDate: addDays(date, 10),
        },
      ])
      .returning();
    const [openCase] = await db
      .insert(attendanceCases)
      .values({ organisationId, personId: id('E2'), openedOn: addDays(date, -10) })
      .returning();
    const [meeting] = await db
      .insert(stageMeetings)
      .values({
        organisationId,
        caseId: openCase!.id,
        stage: 'informal',
        meetingDate: addDays(date, 3),
        noticeGivenOn: addDays(date, -4),
      })
      .returning();
    return {
      id,
      due: due!,
      held: held!,
      plan: plan!,
      laterPlan: laterPlan!,
      openCase: openCase!,
      meeting: meeting!,
    };
  });
  return { organisation, managerEmail: manager.email, workEmails, ...ids };
}

test('each manager gets one digest of what falls to them, once a day', async () => {
  const services = await openTestServices({ PUBLIC_URL: 'https://wellwork.example.org' });
  const s = await organisationWithThingsDue(services);
  const o = s.organisation.slug;
  const url = 'https://wellwork.example.org';
  const to = (address: string) => services.mailer.outbox.filter((m) => m.to === address);

  const results = await sendDailyReminders(services, date);
  const ours = results.find((r) => r.slug === o);
  assert.deepEqual(ours, { slug: o, name: s.organisation.name, managers: 3, sent: 3 });

  // Grace: Pat's overdue review, Sam's meeting and Rhys's trigger, with links.
  const [grace, ...moreForGrace] = to(s.managerEmail);
  assert.ok(grace, 'Grace is emailed');
  assert.equal(moreForGrace.length, 0);
  assert.match(grace.subject, /^Your reminders for .+: 3 things to do, of which 1 is overdue$/);
  assert.match(grace.text, /^Hello Grace,/);
  assert.ok(grace.html, 'an HTML part beside the text');
  assert.match(grace.html, /<p>Hello Grace,<\/p>/);
  assert.ok(
    grace.html.includes(
      `<a href="${url}/o/${o}/people/${s.id('E1')}/welcome-back-reviews/${s.due.id}" style="color: #1d70b8;">` +
        `Hold Pat Kowalski’s welcome-back review: due by ${ukDate(addDays(date, -1))}</a> <strong>(overdue)</strong>`,
    ),
    grace.html,
  );
  for (const href of grace.html.matchAll(/href="([^"]*)"/g))
    assert.match(href[1]!, /^https:\/\/wellwork\.example\.org\//);
  assert.ok(
    grace.text.includes(
      `- Hold Pat Kowalski’s welcome-back review: due by ${ukDate(addDays(date, -1))} (overdue)\n` +
        `  ${url}/o/${o}/people/${s.id('E1')}/welcome-back-reviews/${s.due.id}`,
    ),
    grace.text,
  );
  assert.ok(!grace.text.includes(`/welcome-back-reviews/${s.held.id}`), 'a review already held is left out');
  assert.ok(
    grace.text.includes(
      `- Informal stage meeting with Sam Evans on ${ukDate(addDays(date, 3))}\n` +
        `  ${url}/o/${o}/people/${s.id('E2')}/attendance-cases/${s.openCase.id}/meetings/${s.meeting.id}`,
    ),
    grace.text,
  );
  assert.match(
    grace.text,
    /- Talk with Rhys Campbell about their attendance: Bradford factor 216 \(trigger 200\)/,
  );
  assert.doesNotMatch(grace.text, /Dana Byrne|Tomasz Nowak/);

  // Owen, emailed at his work address as he has no account: Dana's plan review only.
  const [owen] = to(s.workEmails.owen);
  assert.ok(owen);
  assert.match(owen.text, /Review Dana Byrne’s action plan: due on /);
  assert.ok(owen.text.includes(`${url}/o/${o}/people/${s.id('E3')}/action-plans/${s.plan.id}`));
  assert.doesNotMatch(owen.text, /Pat Kowalski|Sam Evans|Rhys Campbell/);

  // Fiona, above both: the meeting and the trigger in her reporting line, not the reviews.
  const [fiona] = to(s.workEmails.fiona);
  assert.ok(fiona);
  assert.match(fiona.text, /Informal stage meeting with Sam Evans/);
  assert.match(fiona.text, /Talk with Rhys Campbell/);
  assert.doesNotMatch(fiona.text, /welcome-back review|action plan/);

  // Leah's report's plan review is ten days off: nothing for her.
  assert.equal(to(s.workEmails.leah).length, 0);

  // Run again the same day: nothing more is sent. The next day is a new digest.
  const again = await sendDailyReminders(services, date);
  assert.equal(again.find((r) => r.slug === o)?.sent, 0);
  assert.equal(to(s.managerEmail).length, 1);
  assert.equal(to(s.workEmails.owen).length, 1);
  const tomorrow = await sendDailyReminders(services, addDays(date, 1));
  assert.equal(tomorrow.find((r) => r.slug === o)?.sent, 3);
  assert.equal(to(s.managerEmail).length, 2);
});

test('a digest groups what is due under a heading per kind', () => {
  const digest = reminderDigest(
    [
      {
        heading: 'Welcome-back reviews',
        items: [{ text: 'Hold Pat Kowalski’s welcome-back review', href: '/o/x/r/1', overdue: true }],
      },
      { heading: 'Action plan reviews', items: [] },
      {
        heading: 'Attendance triggers',
        items: [
          { text: 'Talk with Rhys Campbell about their attendance', href: '/o/x/people/5', overdue: false },
        ],
      },
    ],
    {
      firstName: 'Grace',
      organisationName: 'Test Council',
      date: '2026-11-23',
      publicUrl: 'https://w.example',
    },
  );
  assert.equal(digest.subject, 'Your reminders for 23 November 2026: 2 things to do, of which 1 is overdue');
  assert.equal(
    digest.text,
    [
      'Hello Grace,',
      '',
      'This is what needs your attention at Test Council on 23 November 2026.',
      '',
      'Welcome-back reviews',
      '- Hold Pat Kowalski’s welcome-back review (overdue)',
      '  https://w.example/o/x/r/1',
      '',
      'Attendance triggers',
      '- Talk with Rhys Campbell about their attendance',
      '  https://w.example/o/x/people/5',
      '',
      'Your home page lists all of it: https://w.example/',
      '',
      'Test Council',
      '',
    ].join('\n'),
  );
  // The HTML part: the same items under the same headings, each a link with its own words.
  assert.match(digest.html, /<html lang="en">/);
  assert.match(digest.html, /<h1[^>]*>Your reminders for 23 November 2026<\/h1>/);
  assert.match(digest.html, /2 things to do, of which 1 is overdue/);
  const headings = [...digest.html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(headings, ['Welcome-back reviews', 'Attendance triggers']);
  const links = [...digest.html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(links, [
    ['https://w.example/o/x/r/1', 'Hold Pat Kowalski’s welcome-back review'],
    ['https://w.example/o/x/people/5', 'Talk with Rhys Campbell about their attendance'],
    ['https://w.example/', 'See everything on your home page'],
  ]);
  assert.match(digest.html, /Hold Pat Kowalski’s welcome-back review<\/a> <strong>\(overdue\)<\/strong>/);
});

// ---------------------------------------------------------------- the command, as cron runs it

const run = promisify(execFile);
const workDir = await mkdtemp(path.join(tmpdir(), 'wellwork-reminders-'));
after(() => rm(workDir, { recursive: true, force: true }));
const mailDir = path.join(workDir, 'mail');
const databaseEnv = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { WELLWORK_DATA_DIR: path.join(workDir, 'data'), DATABASE_URL: '' };

async function wellwork(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return wellworkWith({ PUBLIC_URL: 'https://wellwork.example.org' }, ...args);
}

async function wellworkWith(
  extra: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LOG_LEVEL: 'warn', MAIL_DIR: mailDir, ...databaseEnv, ...extra };
  try {
    const { stdout, stderr } = await run('bin/wellwork', args, { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A message body as written, quoted-printable decoded. */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The messages written to the mail folder for an address. */
async function mailTo(address: string): Promise<string[]> {
  const files = await readdir(mailDir).catch(() => []);
  const messages = await Promise.all(files.map((f) => readFile(path.join(mailDir, f), 'utf8')));
  return messages.filter((m) => m.split('\n').includes(`To: ${address}`)).map(decodeQuotedPrintable);
}

test('`wellwork reminders send` emails the due review once, however often cron runs it', async () => {
  // The data, written through the services as the web pages would, then the database closed so
  // that the command can open it.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'a-test-session-secret-that-is-long-enough-for-cookies',
    WELLWORK_DEMO: 'false',
    ...databaseEnv,
  });
  const database = await openDatabase(config.database);
  let s: Awaited<ReturnType<typeof organisationWithThingsDue>>;
  try {
    await prepareDatabase(database);
    s = await organisationWithThingsDue(buildServices(database, config));
  } finally {
    await database.close();
  }
  const o = s.organisation.slug;

  const first = await wellwork('reminders', 'send', '--date', date);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, '', 'messages go to standard error');
  assert.doesNotMatch(first.stderr, /PUBLIC_URL/, 'no warning when PUBLIC_URL is set');
  assert.match(first.stderr, new RegExp(`^${o}: 3 reminder emails sent for ${date}$`, 'm'));
  const second = await wellwork('reminders', 'send', '--date', date);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`^${o}: 0 reminder emails sent for ${date} \\(3 already sent`, 'm'));

  const toGrace = await mailTo(s.managerEmail);
  assert.equal(toGrace.length, 1, 'one email for the manager, however often it runs');
  assert.ok(
    toGrace[0]?.includes(
      `https://wellwork.example.org/o/${o}/people/${s.id('E1')}/welcome-back-reviews/${s.due.id}`,
    ),
    toGrace[0],
  );
  assert.match(toGrace[0] ?? '', /Hold Pat Kowalski’s welcome-back review/);
  // Written as a plain-text part and an HTML part, the HTML linking the same page.
  assert.match(toGrace[0] ?? '', /^Content-Type: multipart\/alternative/m);
  assert.match(toGrace[0] ?? '', /^Content-Type: text\/plain; charset=utf-8/m);
  assert.match(toGrace[0] ?? '', /^Content-Type: text\/html; charset=utf-8/m);
  assert.ok(
    toGrace[0]?.includes(
      `<a href="https://wellwork.example.org/o/${o}/people/${s.id('E1')}/welcome-back-reviews/${s.due.id}"`,
    ),
    toGrace[0],
  );
  assert.equal((await mailTo(s.workEmails.owen)).length, 1);
  assert.equal((await mailTo(s.workEmails.leah)).length, 0);

  // Without PUBLIC_URL (an undefined variable is not passed on), it says what it used instead.
  const unset = await wellworkWith(
    { PUBLIC_URL: undefined, PORT: '3999' },
    'reminders',
    'send',
    '--date',
    date,
  );
  assert.equal(unset.code, 0, unset.stderr);
  assert.equal(unset.stdout, '');
  assert.match(
    unset.stderr,
    /^Warning: PUBLIC_URL is not set, so the links in the emails use http:\/\/localhost:3999, which only works on this machine\./m,
  );

  const badDate = await wellwork('reminders', 'send', '--date', '2026-02-30');
  assert.equal(badDate.code, 2);
  assert.match(badDate.stderr, /--date: "2026-02-30" is not a date written as YYYY-MM-DD/);
});

test('the count of things to do reads as one count, with how many of them are overdue', () => {
  assert.equal(thingsToDo(1, 0), '1 thing to do');
  assert.equal(thingsToDo(1, 1), '1 thing to do (overdue)');
  assert.equal(thingsToDo(2, 2), '2 things to do (both overdue)');
  assert.equal(thingsToDo(3, 3), '3 things to do (all overdue)');
  assert.equal(thingsToDo(3, 1), '3 things to do, of which 1 is overdue');
  assert.equal(thingsToDo(5, 2), '5 things to do, of which 2 are overdue');
});
