import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { demoPartnership } from '../../src/modules/demo/demo-partnership.ts';
import { browserSuite, Journey } from './journey.ts';

const suite = browserSuite(async (services) => {
  await loadDemo(services);
});

const demo = demoPartnership();
const account = (role: string, slug = 'merrowby-council') => {
  const found = demo.organisations
    .find((o) => o.slug === slug)
    ?.accounts.find(
      (a) => a.roles.includes(role as never) && (role === 'employee' ? a.roles.length === 1 : true),
    );
  assert.ok(found, `a demo ${role} at ${slug}`);
  return found;
};

test('each demo role signs in and lands on its own home page', async () => {
  const expectations: [string, string, RegExp][] = [
    ['employee', 'merrowby-council', /As employee/],
    ['line_manager', 'merrowby-council', /As line manager[\s\S]*Your team/],
    ['hr', 'merrowby-council', /As HR/],
    ['organisation_admin', 'merrowby-council', /As organisation admin/],
    ['partnership_admin', 'merrowby-council', /As partnership admin/],
    [
      'programme_team',
      'merrowby-council',
      /As programme team[\s\S]*Nothing in the wellbeing programme needs your attention/,
    ],
    ['facilitator', 'merrowby-council', /As facilitator/],
    ['oh_clinician', 'fellshire-police', /As OH clinician[\s\S]*referrals? to triage/],
    ['oh_admin', 'fellshire-police', /As OH admin/],
    ['hr', 'merrowby-nhs', /As HR/],
  ];
  for (const [role, slug, expected] of expectations) {
    const journey = await Journey.start(suite());
    const { email, password, displayName } = account(role, slug);
    await journey.signIn(email, password);
    assert.equal(await journey.heading(), `Hello, ${displayName}`);
    assert.match(await journey.text(), expected, `${role} at ${slug}`);
    await journey.close();
  }
});

test('the navigation offers each role only what it may use', async () => {
  const journey = await Journey.start(suite());
  await journey.signIn(account('hr').email, account('hr').password);
  const nav = await journey.page.getByRole('navigation', { name: 'Menu' }).innerText();
  assert.match(nav, /People/);
  assert.match(nav, /Absence report/);
  assert.doesNotMatch(nav, /Organisations|Units|Accounts/);
  // The partnership's pages are not for HR: to them, as to anyone outside, they do not exist.
  await journey.goto('/partnership/organisations');
  assert.equal(await journey.heading(), 'Page not found');
  await journey.goto('/o/merrowby-nhs/people');
  assert.equal(await journey.heading(), 'Page not found');
  await journey.close();
});

test('a wrong password is refused, and after 5 failures the account waits a minute before another try', async () => {
  const journey = await Journey.start(suite());
  const { email } = account('employee', 'riverside-homes');
  await journey.signIn(email, 'not the right password');
  assert.match(await journey.text(), /The email address or password is not right/);
  for (let attempt = 2; attempt <= 5; attempt++) {
    await journey.fill('Password', 'still not the right password');
    await journey.clickButton('Sign in');
    assert.match(await journey.text(), /The email address or password is not right/);
  }
  // Even the right password waits now; nothing is locked for good.
  await journey.fill('Password', account('employee', 'riverside-homes').password);
  await journey.clickButton('Sign in');
  assert.match(
    await journey.text(),
    /too many failed attempts to sign in to this account\. Wait 1 minute, then try again\./,
  );
  // Another account is not affected.
  await journey.signIn(account('hr', 'riverside-homes').email, account('hr', 'riverside-homes').password);
  assert.match(await journey.heading(), /^Hello/);
  await journey.close();
});

test('HR uploads a people file with an error, sees it, fixes it, imports it and finds the person', async () => {
  const journey = await Journey.start(suite());
  await journey.signIn(account('hr').email, account('hr').password);
  await journey.clickLink('Import people');
  assert.equal(await journey.heading(), 'Import people from a CSV file');
  await journey.page.getByLabel('CSV file of people').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: await readFile('tests/fixtures/people-with-error.csv'),
  });
  await journey.clickButton('Check the file');
  const problems = await journey.text();
  assert.match(problems, /people\.csv has 1 problem/);
  assert.match(problems, /2\s+start_date\s+start_date "2026-02-30" is not a date/);

  await journey.page.getByLabel('CSV file of people').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: await readFile('tests/fixtures/people-fixed.csv'),
  });
  await journey.clickButton('Check the file');
  assert.equal(await journey.heading(), 'Check the import');
  assert.match(await journey.text(), /People to add\s+2/);
  await journey.clickButton(/Import 2 rows/);
  assert.match(await journey.text(), /2 people added, 0 updated, 0 unchanged, \d+ units created/);

  await journey.goto('/o/merrowby-council/people?q=Tregarthen');
  const href = await journey.page.getByRole('link', { name: 'Morwenna Tregarthen' }).getAttribute('href');
  assert.ok(href);
  await journey.goto(href);
  assert.equal(await journey.heading(), 'Morwenna Tregarthen');
  const page = await journey.text();
  assert.match(page, /Adult Social Care > Reablement > East Team/);
  assert.match(page, /22\.2 \(0\.6 FTE\)/);
  assert.match(page, /3 February 2026/);
  await journey.close();
});

test('the demo HR team finds an attendance case with its meeting, letters and timeline', async () => {
  const journey = await Journey.start(suite());
  await journey.signIn(account('hr').email, account('hr').password);
  await journey.clickLink('Attendance cases');
  assert.equal(await journey.heading(), 'Attendance cases');
  await journey.navigate(() => journey.page.locator('tbody a').first().click());
  assert.equal(await journey.heading(), 'Attendance case');
  const page = await journey.text();
  assert.match(page, /Informal stage meeting held/);
  assert.match(page, /Outcome of a meeting: letter issued/);
  await journey.close();
});
