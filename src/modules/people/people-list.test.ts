/**
 * HR's list of people: searched by name, unit and, from the home page's task, only the people with
 * no line manager. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

const { services, app } = await openTestApp();

test('HR’s task to record line managers leads to the people who have none, and only them', async () => {
  const organisation = await createTestOrganisation(services);
  const head = personRow({ firstName: 'Hana', lastName: 'Head' });
  const managed = personRow({
    firstName: 'Mo',
    lastName: 'Managed',
    managerEmployeeNumber: head.employeeNumber,
  });
  const alone = personRow({ firstName: 'Ali', lastName: 'Alone' });
  const leaver = personRow({
    firstName: 'Lee',
    lastName: 'Left',
    startDate: '2020-01-01',
    endDate: '2021-01-01',
  });
  await createTestPeople(services, organisation.id, [head, managed, alone, leaver]);
  const account = await createTestAccount(services, organisation.id, ['hr']);
  const hr = await new HttpSession(app).signIn(account.email, account.password);

  const home = await hr.get('/');
  // The home page is outside the organisation's pages, but names it for an account of one only.
  assert.equal(home.$('.app-identity__organisation').text(), organisation.name);
  const task = home.$('a:contains("Record a line manager for 2 people")');
  assert.equal(task.length, 1, home.$('main').text());
  const list = await hr.get(String(task.attr('href')));
  assert.equal(list.statusCode, 200);
  const names = list
    .$('tbody a')
    .map((_, a) => list.$(a).text().trim())
    .get();
  assert.deepEqual(names, ['Ali Alone', 'Hana Head']);
  assert.equal(list.$('input[name="manager"][value="none"]').attr('checked'), 'checked');

  const everyone = await hr.get(`/o/${organisation.slug}/people`);
  assert.equal(everyone.$('tbody tr').length, 4);

  const bad = await hr.get(`/o/${organisation.slug}/people?manager=someone`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.$('main').text(), /Show everyone, or only people without a line manager/);
});
