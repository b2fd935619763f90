/**
 * An import's preview names what it will create — each unit by its full path, each person and
 * each absence — and asks about a new unit whose name is a slip away from a unit's name.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

const { services, app } = await openTestApp();

const HEADER = 'employee_number,first_name,last_name,unit,start_date,weekly_hours';

/** Uploads a file through the import page, as a person would: the page first, then the file. */
async function upload(session: HttpSession, url: string, csv: string) {
  await session.get(url);
  return session.upload(url, {}, { field: 'file', name: 'file.csv', content: Buffer.from(csv) });
}

const listItems = (page: Awaited<ReturnType<typeof upload>>, id: string) =>
  page
    .$(`#${id} + ul li`)
    .map((_, li) => page.$(li).text().replace(/\s+/g, ' ').trim())
    .get();

test('the people preview names each unit and person to add, and asks about a unit close to another', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;

  const first = await upload(
    session,
    url,
    `${HEADER}\nN1,Aisha,Begum,Adult Social Care > Home Care > North Team,2024-01-08,37.5\n`,
  );
  assert.equal(first.statusCode, 200, first.$('#problems').text());
  assert.deepEqual(listItems(first, 'units-to-create'), [
    'Adult Social Care',
    'Adult Social Care > Home Care',
    'Adult Social Care > Home Care > North Team',
  ]);
  assert.equal(first.$('.govuk-warning-text').length, 0, 'nothing to ask about');
  const done = await session.post(`${url}/confirm`, {
    pendingId: String(first.$('input[name="pendingId"]').val()),
  });
  assert.equal(done.statusCode, 302);

  const preview = await upload(
    session,
    url,
    [
      HEADER,
      'N1,Aisha,Begum,Adult Social Care > Home Care > North Team,2024-01-08,37.5',
      'N2,Tomasz,Nowak,Adult Social Care > Home Care > Nrth Team,2024-02-05,30',
      'N3,Grace,Mensah,Adult Social Care > Home Care > South Team,2024-02-05,30',
    ].join('\n'),
  );
  assert.equal(preview.statusCode, 200, preview.$('#problems').text());
  const summary = preview
    .$('.govuk-summary-list__row')
    .map((_, row) => preview.$(row).text().replace(/\s+/g, ' ').trim())
    .get();
  assert.deepEqual(summary, [
    'People to add 2',
    'People to update 0',
    'People unchanged 1',
    'Units to create 2',
    'Staff groups to create 0',
  ]);
  assert.deepEqual(listItems(preview, 'people-to-add'), ['Tomasz Nowak (N2)', 'Grace Mensah (N3)']);
  assert.deepEqual(listItems(preview, 'units-to-create'), [
    'Adult Social Care > Home Care > Nrth Team Did you mean Adult Social Care > Home Care > North Team?',
    'Adult Social Care > Home Care > South Team',
  ]);
  const warning = preview.$('.govuk-warning-text').text().replace(/\s+/g, ' ');
  assert.match(warning, /Check this name before you import/);
  assert.match(
    warning,
    /Adult Social Care > Home Care > Nrth Team — did you mean Adult Social Care > Home Care > North Team\?/,
  );
  assert.doesNotMatch(warning, /South Team/);
});

test('the people preview names each staff group to add and asks about one close to another', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  const header = `${HEADER},staff_group`;
  const first = await upload(
    session,
    url,
    `${header}\nS1,Aisha,Begum,Place > Parks,2024-01-08,37.5,Nursing\n`,
  );
  assert.deepEqual(listItems(first, 'staff-groups-to-create'), ['Nursing']);
  await session.post(`${url}/confirm`, { pendingId: String(first.$('input[name="pendingId"]').val()) });

  const preview = await upload(
    session,
    url,
    [
      header,
      'S2,Tomasz,Nowak,Place > Parks,2024-02-05,30,nursing',
      'S3,Grace,Mensah,Place > Parks,2024-02-05,30,Care staff',
      'S4,Ola,Nordmann,Place > Parks,2024-02-05,30,Nursing',
      'S5,Ada,Obi,Place > Parks,2024-02-05,30,Care stafff',
    ].join('\n'),
  );
  assert.equal(preview.statusCode, 200, preview.$('#problems').text());
  assert.deepEqual(listItems(preview, 'staff-groups-to-create'), [
    'nursing Did you mean Nursing?',
    'Care staff',
    'Care stafff Did you mean Care staff?',
  ]);
  const warning = preview.$('.govuk-warning-text').text().replace(/\s+/g, ' ');
  assert.match(warning, /nursing — did you mean Nursing\?/);
  assert.match(warning, /Care stafff — did you mean Care staff\?/);
});

test('the people template’s example is in one of the organisation’s own staff groups', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  const exampleGroup = async () => {
    const csv = (await session.get(`${url}/people-template.csv`)).body.split(/\r?\n/);
    const columns = csv[0]?.split(',') ?? [];
    return csv[1]?.split(',')[columns.indexOf('staff_group')];
  };
  assert.equal(await exampleGroup(), 'Care staff', 'an organisation with no groups yet gets an example');
  const first = await upload(
    session,
    url,
    `${HEADER},staff_group\nT1,Aisha,Begum,Place > Parks,2024-01-08,37.5,Library staff\n`,
  );
  await session.post(`${url}/confirm`, { pendingId: String(first.$('input[name="pendingId"]').val()) });
  assert.equal(await exampleGroup(), 'Library staff');
});

test('the absences preview names each absence to add', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const people = await upload(
    session,
    `/o/${organisation.slug}/people-import`,
    `${HEADER}\nA1,Aisha,Begum,Resources > Payroll,2024-01-08,37.5\n`,
  );
  await session.post(`/o/${organisation.slug}/people-import/confirm`, {
    pendingId: String(people.$('input[name="pendingId"]').val()),
  });

  const preview = await upload(
    session,
    `/o/${organisation.slug}/absences-import`,
    [
      'employee_number,type,start_date,end_date,reason_code',
      'A1,sickness,2026-03-02,2026-03-04,S13',
      'A1,annual_leave,2026-04-06,,',
    ].join('\n'),
  );
  assert.equal(preview.statusCode, 200, preview.$('#problems').text());
  assert.deepEqual(listItems(preview, 'absences-to-add'), [
    'A1: sickness from 2 March 2026 to 4 March 2026',
    'A1: annual leave from 6 April 2026, ongoing',
  ]);
});
