import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheerioAPI } from 'cheerio';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
  unique,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { MailMessage } from '../notifications/mailer.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';
import { sendWaitingInvitations } from './invitation-sender.ts';
import { staffInvitationsRepository } from './staff-invitations-repository.ts';

const { app, services } = await openTestApp();
const PASSWORD = 'seven purple lanterns drifting';

/** An organisation with people in three units, some of whom can be invited, and its admin. */
async function organisationWithPeople() {
  const organisation = await createTestOrganisation(services);
  const email = (name: string) => `${unique(name)}@trust.example`;
  const northTeam = ['Adult Social Care', 'Home Care', 'North Team'];
  const rows = {
    ada: personRow({ firstName: 'Ada', lastName: 'Lovelace', email: email('ada'), unitPath: northTeam }),
    ben: personRow({
      firstName: 'Ben',
      lastName: 'Okri',
      email: email('ben'),
      unitPath: ['Adult Social Care'],
    }),
    cara: personRow({
      firstName: 'Cara',
      lastName: 'Byrne',
      email: email('cara'),
      unitPath: ['Children’s Services'],
    }),
    // Never invited: no email; an account already; left.
    dev: personRow({ firstName: 'Dev', lastName: 'Patel', email: null, unitPath: northTeam }),
    eve: personRow({ firstName: 'Eve', lastName: 'Hughes', email: email('eve'), unitPath: northTeam }),
    fin: personRow({
      firstName: 'Fin',
      lastName: 'Doyle',
      email: email('fin'),
      unitPath: northTeam,
      endDate: '2021-03-31',
    }),
  };
  await createTestPeople(services, organisation.id, Object.values(rows));
  await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: rows.eve.employeeNumber,
    email: rows.eve.email ?? undefined,
  });
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  const base = `/o/${organisation.slug}/staff-invitations`;
  const units = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    staffInvitationsRepository(db, organisation.id).units(),
  );
  const unitId = (path: string) => String(units.find((u) => u.path === path)?.id);
  const people = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    queryRows<{ id: number; employee_number: string; user_id: number | null }>(
      db,
      sql`select id, employee_number, user_id from people where organisation_id = ${organisation.id}`,
    ),
  );
  const personId = (row: { employeeNumber: string }) =>
    people.find((p) => p.employee_number === row.employeeNumber)?.id ?? 0;
  return { organisation, rows, admin, session, base, unitId, personId };
}

type Setup = Awaited<ReturnType<typeof organisationWithPeople>>;

/** Chooses whom to invite, checks the count shown, and confirms; the progress page's address. */
async function invite(setup: Setup, form: Record<string, string | string[]>, expectedCount: number) {
  const { session, base } = setup;
  await session.get(`${base}/new`);
  // A choice of people is made on the list of people; everyone and a unit on the first page.
  const check =
    form.who === 'chosen'
      ? await session.post(`${base}/new/people`, { person: form.person ?? [], go: 'continue' })
      : await session.post(`${base}/new`, form);
  assert.equal(check.statusCode, 200, check.$('.govuk-error-summary').text());
  assert.match(
    check.$('h1').text(),
    new RegExp(`You are about to invite ${expectedCount} ${expectedCount === 1 ? 'person' : 'people'}`),
  );
  const fields = confirmFields(check.$);
  const sent = await session.post(`${base}/send`, fields);
  assert.equal(sent.statusCode, 303);
  return { progress: String(sent.headers.location), fields };
}

function confirmFields($: CheerioAPI) {
  const fields: Record<string, string[]> = {};
  $('form[action$="/send"] input[type="hidden"]').each((_, input) => {
    const name = $(input).attr('name') ?? '';
    if (name !== '_csrf') (fields[name] ??= []).push(String($(input).val()));
  });
  return fields;
}

/** Waits for the emails going out after the request, by the progress page, as an admin would. */
async function waitUntilSent(setup: Setup, progress: string) {
  for (let i = 0; i < 200; i += 1) {
    const page = await setup.session.get(progress);
    const [, sent, total] = /(\d+) of (\d+) invitations? sent/.exec(page.$('#progress').text()) ?? [];
    if (sent !== undefined && sent === total) return Number(total);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The invitations were not sent');
}

const emailsTo = (address: string | null) => services.mailer.outbox.filter((m) => m.to === address);

function linkIn(message: MailMessage | undefined): string {
  const link = /https?:\/\/[^/\s]+(\/o\/[^\s?]+\/join\?token=[A-Za-z0-9_-]+)/.exec(message?.text ?? '')?.[1];
  assert.ok(link, 'the email has its link');
  return link;
}

async function invitationRows(organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    queryRows<{
      id: number;
      person_id: number;
      sent_at: Date | null;
      accepted_at: Date | null;
      user_id: number | null;
    }>(
      db,
      sql`select id, person_id, sent_at, accepted_at, user_id from staff_invitations where organisation_id = ${organisationId} order by id`,
    ),
  );
}

/** Sets a password through the link, as the invited person; the response. */
async function accept(link: string, password = PASSWORD, confirmPassword = password) {
  const person = new HttpSession(app);
  const page = await person.get(link);
  // A page saying the link cannot be used has no form: the form's token comes from another page.
  if (page.statusCode !== 200) await person.get('/sign-in');
  const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
  const response = await person.post(link.split('?')[0] ?? '', { token, password, confirmPassword });
  return { person, page, response };
}

describe('inviting an organisation’s people', () => {
  it('invites everyone with an email address and no account, each emailed once, with a link that works once', async () => {
    const setup = await organisationWithPeople();
    const { rows, organisation } = setup;
    const { progress } = await invite(setup, { who: 'everyone' }, 3);
    assert.equal(await waitUntilSent(setup, progress), 3);
    for (const row of [rows.ada, rows.ben, rows.cara]) {
      const emails = emailsTo(row.email);
      assert.equal(emails.length, 1, `one email to ${row.firstName}`);
      const link = `${services.config.publicUrl}${linkIn(emails[0])}`;
      const { text } = assertEmail(emails[0], { names: `${row.firstName} ${row.lastName}`, links: [link] });
      assert.match(text, /The link works once, until \d{1,2} [A-Z][a-z]+ \d{4}/);
    }
    for (const row of [rows.dev, rows.eve, rows.fin]) assert.equal(emailsTo(row.email).length, 0);
    // Only the link's hash is kept.
    const hashes = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      queryRows<{ token_hash: string }>(
        db,
        sql`select token_hash from staff_invitations where organisation_id = ${organisation.id}`,
      ),
    );
    const token = new URL(linkIn(emailsTo(rows.ada.email)[0]), 'http://x').searchParams.get('token') ?? '';
    assert.ok(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.token_hash) && !h.token_hash.includes(token)));

    const link = linkIn(emailsTo(rows.ada.email)[0]);
    const { person, page, response } = await accept(link);
    assert.equal(page.statusCode, 200);
    assert.equal(page.$('h1').text().trim(), 'Set your password');
    assert.equal(response.statusCode, 303);
    const home = await person.get('/');
    assert.match(home.body, /Ada Lovelace/, 'signed in as the new account');
    // The link worked once.
    const again = await new HttpSession(app).get(link);
    assert.equal(again.statusCode, 410);
    assert.match(again.$('main').text(), /already been used/);
  });

  it('accepting makes the account, grants the employee role, links the person and marks the invitation accepted', async () => {
    const setup = await organisationWithPeople();
    const { rows, organisation, session, base } = setup;
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.ben)) }, 1);
    await waitUntilSent(setup, progress);
    const { response } = await accept(linkIn(emailsTo(rows.ben.email)[0]));
    assert.equal(response.statusCode, 303);
    const user = await services.users.findByEmail(rows.ben.email ?? '');
    assert.ok(user);
    assert.ok(user.passwordHash?.startsWith('$argon2id$'));
    assert.equal(user.displayName, 'Ben Okri');
    assert.deepEqual(await services.users.rolesIn(user.id, organisation.id), ['employee']);
    const linked = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      personAccountsRepository(db, organisation.id).linkedTo([user.id]),
    );
    assert.equal(linked[0]?.employeeNumber, rows.ben.employeeNumber);
    const [row] = await invitationRows(organisation.id);
    assert.ok(row?.accepted_at);
    assert.equal(row.user_id, user.id);
    const list = await session.get(base);
    assert.match(list.$('tbody').text(), /Ben Okri[\s\S]*Accepted on \d{1,2} [A-Z][a-z]+ \d{4}/);
    // They sign in with it from now on.
    await new HttpSession(app).signIn(rows.ben.email ?? '', PASSWORD);
  });

  it('invites everyone in a unit and the units below it, and no one else', async () => {
    const setup = await organisationWithPeople();
    const { rows } = setup;
    const { progress } = await invite(setup, { who: 'unit', unitId: setup.unitId('Adult Social Care') }, 2);
    await waitUntilSent(setup, progress);
    assert.equal(emailsTo(rows.ada.email).length, 1, 'North Team is below Adult Social Care');
    assert.equal(emailsTo(rows.ben.email).length, 1);
    assert.equal(emailsTo(rows.cara.email).length, 0, 'Children’s Services is another unit');
  });

  it('invites the people chosen from a list kept across its pages without JavaScript', async () => {
    const setup = await organisationWithPeople();
    const { rows, session, base } = setup;
    const choose = await session.get(`${base}/new/people`);
    assert.equal(choose.statusCode, 200);
    assert.deepEqual(
      choose
        .$('input[name="person"][type="checkbox"]')
        .map((_, el) => choose.$(el).val())
        .get().length,
      3,
    );
    // "Continue" with nobody chosen lists the problem and writes nothing.
    const none = await session.post(`${base}/new/people`, { go: 'continue' });
    assert.equal(none.statusCode, 400);
    assert.match(none.$('.govuk-error-summary').text(), /Choose at least one person/);
    // Moving to another page keeps the choice in the form.
    const kept = await session.post(`${base}/new/people`, {
      person: [String(setup.personId(rows.ada)), String(setup.personId(rows.cara))],
      go: '1',
    });
    assert.equal(kept.$('input[name="person"]:checked').length, 2);
    const check = await session.post(`${base}/new/people`, {
      person: [String(setup.personId(rows.ada)), String(setup.personId(rows.cara))],
      go: 'continue',
    });
    assert.match(check.$('h1').text(), /You are about to invite 2 people/);
    const sent = await session.post(`${base}/send`, confirmFields(check.$));
    await waitUntilSent(setup, String(sent.headers.location));
    assert.equal(emailsTo(rows.ada.email).length, 1);
    assert.equal(emailsTo(rows.cara.email).length, 1);
    assert.equal(emailsTo(rows.ben.email).length, 0);
  });

  it('sending the same confirmed request twice, or a second request for the same people, invites nobody twice', async () => {
    const setup = await organisationWithPeople();
    const { rows, session, base, organisation } = setup;
    const { progress, fields } = await invite(setup, { who: 'everyone' }, 3);
    const twice = await session.post(`${base}/send`, fields);
    assert.equal(twice.statusCode, 303);
    assert.equal(twice.headers.location, progress);
    await waitUntilSent(setup, progress);
    // A fresh request for everyone now finds nobody left to invite.
    const again = await session.post(`${base}/new`, { who: 'everyone' });
    assert.equal(again.statusCode, 400);
    assert.match(again.$('.govuk-error-summary').text(), /There is nobody to invite/);
    // Even a request made before the others were sent adds nobody.
    const fresh = { ...fields, requestKey: ['AAAAAAAAAAAAAAAAAAAAAA'] };
    await session.post(`${base}/send`, fresh);
    assert.equal((await invitationRows(organisation.id)).length, 3);
    await waitUntilSent(setup, progress);
    for (const row of [rows.ada, rows.ben, rows.cara]) assert.equal(emailsTo(row.email).length, 1);
  });

  it('two senders at once send each invitation’s email once', async () => {
    const setup = await organisationWithPeople();
    const { organisation, rows } = setup;
    const more = Array.from({ length: 24 }, (_, i) =>
      personRow({ firstName: 'Many', lastName: `Person ${i}`, email: `${unique('many')}@trust.example` }),
    );
    await createTestPeople(services, organisation.id, more);
    // Invited without the page, so that no sender starts until the two below.
    const invited = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      staffInvitationsRepository(db, organisation.id).invite(
        { who: 'everyone' },
        '2026-11-23',
        'BBBBBBBBBBBBBBBBBBBBBB',
        setup.admin.id,
      ),
    );
    assert.equal(invited, 27);
    const [first, second] = await Promise.all([
      sendWaitingInvitations(services, organisation, 3),
      sendWaitingInvitations(services, organisation, 3),
    ]);
    assert.equal((first ?? 0) + (second ?? 0), 27);
    for (const row of [rows.ada, rows.ben, rows.cara, ...more]) assert.equal(emailsTo(row.email).length, 1);
    assert.ok((await invitationRows(organisation.id)).every((r) => r.sent_at !== null));
    // Running again sends nothing.
    assert.equal(await sendWaitingInvitations(services, organisation), 0);
  });

  it('a link stops working when it expires, and says so', async () => {
    const setup = await organisationWithPeople();
    const { rows, organisation, session, base } = setup;
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.cara)) }, 1);
    await waitUntilSent(setup, progress);
    const link = linkIn(emailsTo(rows.cara.email)[0]);
    await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      db.execute(
        sql`update staff_invitations set expires_at = now() - interval '1 day' where organisation_id = ${organisation.id}`,
      ),
    );
    const { page, response } = await accept(link);
    assert.equal(page.statusCode, 410);
    assert.match(page.$('main').text(), /This link expired on \d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.equal(response.statusCode, 410);
    assert.equal(await services.users.findByEmail(rows.cara.email ?? ''), null);
    // Listed as expired, found by the filter, and revoked with the rest.
    const expired = await session.get(`${base}?status=expired`);
    assert.match(expired.$('tbody').text(), /Cara Byrne[\s\S]*Expired on/);
    assert.doesNotMatch((await session.get(`${base}?status=sent`)).$('main').text(), /Cara Byrne/);
    const revoked = await session.post(`${base}/revoke-expired`, {});
    assert.equal(revoked.statusCode, 303);
    assert.match((await session.get(base)).$('main').text(), /1 expired invitation revoked[\s\S]*Revoked on/);
  });

  it('re-sending sends a new link, and the old one stops working', async () => {
    const setup = await organisationWithPeople();
    const { rows, session, base, organisation } = setup;
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.ada)) }, 1);
    await waitUntilSent(setup, progress);
    const oldLink = linkIn(emailsTo(rows.ada.email)[0]);
    const [row] = await invitationRows(organisation.id);
    const list = await session.get(base);
    assert.match(list.$('tbody').text(), /Sent on \d{1,2} [A-Z][a-z]+ \d{4}/);
    const resent = await session.post(`${base}/${row?.id}/resend`, {});
    assert.equal(resent.statusCode, 303);
    await sendWaitingInvitations(services, organisation);
    for (let i = 0; i < 100 && emailsTo(rows.ada.email).length < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(emailsTo(rows.ada.email).length, 2, 'one new email');
    const newLink = linkIn(emailsTo(rows.ada.email)[1]);
    assert.notEqual(newLink, oldLink);
    const old = await new HttpSession(app).get(oldLink);
    assert.equal(old.statusCode, 404);
    assert.match(old.$('main').text(), /This link does not work/);
    const { response } = await accept(newLink);
    assert.equal(response.statusCode, 303);
  });

  it('a revoked invitation’s link says so and makes no account', async () => {
    const setup = await organisationWithPeople();
    const { rows, session, base, organisation } = setup;
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.ben)) }, 1);
    await waitUntilSent(setup, progress);
    const link = linkIn(emailsTo(rows.ben.email)[0]);
    const [row] = await invitationRows(organisation.id);
    assert.equal((await session.post(`${base}/${row?.id}/revoke`, {})).statusCode, 303);
    const { page, response } = await accept(link);
    assert.equal(page.statusCode, 410);
    assert.match(page.$('main').text(), /This invitation has been withdrawn/);
    assert.equal(response.statusCode, 410);
    assert.equal(await services.users.findByEmail(rows.ben.email ?? ''), null);
    assert.match(
      (await session.get(`${base}?status=revoked`)).$('tbody').text(),
      /Ben Okri[\s\S]*Revoked on/,
    );
    // Revoked already: nothing left to revoke or re-send.
    assert.equal((await session.post(`${base}/${row?.id}/revoke`, {})).statusCode, 404);
    assert.equal((await session.post(`${base}/${row?.id}/resend`, {})).statusCode, 404);
  });

  it('bad input lists every problem and writes nothing', async () => {
    const setup = await organisationWithPeople();
    const { session, base, organisation, rows } = setup;
    await session.get(`${base}/new`);
    const nobody = await session.post(`${base}/new`, {});
    assert.equal(nobody.statusCode, 400);
    assert.match(nobody.$('.govuk-error-summary').text(), /Choose who to invite/);
    const noUnit = await session.post(`${base}/new`, { who: 'unit', unitId: '' });
    assert.match(noUnit.$('.govuk-error-summary').text(), /Choose a unit/);
    const bad = await session.post(`${base}/send`, { who: 'unit', unitId: '999999999', requestKey: 'x' });
    assert.equal(bad.statusCode, 400);
    const problems = bad
      .$('.govuk-error-summary li')
      .map((_, li) => bad.$(li).text().trim())
      .get();
    assert.deepEqual(problems, [
      'Choose a unit from the list',
      'This form has expired: choose whom to invite again',
    ]);
    const strangers = await session.post(`${base}/send`, {
      who: 'chosen',
      person: ['1', 'not a number'],
      requestKey: 'CCCCCCCCCCCCCCCCCCCCCC',
    });
    assert.equal(strangers.statusCode, 400);
    assert.match(strangers.$('.govuk-error-summary').text(), /Choose people from the list/);
    assert.equal((await invitationRows(organisation.id)).length, 0);

    // The password form: every problem at once, and no account.
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.ada)) }, 1);
    await waitUntilSent(setup, progress);
    const { response } = await accept(linkIn(emailsTo(rows.ada.email)[0]), 'short', 'different');
    assert.equal(response.statusCode, 400);
    const errors = response
      .$('.govuk-error-summary li')
      .map((_, li) => response.$(li).text().trim())
      .get();
    assert.equal(errors.length, 2, errors.join('; '));
    assert.match(errors[1] ?? '', /do not match/);
    assert.equal(await services.users.findByEmail(rows.ada.email ?? ''), null);
    assert.equal((await invitationRows(organisation.id))[0]?.accepted_at, null);
  });

  it('another organisation’s admin can neither see nor act on the invitations', async () => {
    const setup = await organisationWithPeople();
    const other = await organisationWithPeople();
    const { progress } = await invite(setup, { who: 'everyone' }, 3);
    await waitUntilSent(setup, progress);
    const [row] = await invitationRows(setup.organisation.id);
    const intruder = other.session;
    await intruder.get(other.base);
    for (const url of [setup.base, `${setup.base}/new`, `${setup.base}/new/people`, progress])
      assert.equal((await intruder.get(url)).statusCode, 404, url);
    for (const url of [
      `${setup.base}/${row?.id}/revoke`,
      `${setup.base}/${row?.id}/resend`,
      `${setup.base}/send`,
    ])
      assert.equal((await intruder.post(url, { who: 'everyone' })).statusCode, 404, url);
    // Nor through their own organisation's addresses.
    assert.equal((await intruder.post(`${other.base}/${row?.id}/revoke`, {})).statusCode, 404);
    // Nor by naming the first organisation's people in their own request.
    const stolen = await intruder.post(`${other.base}/send`, {
      who: 'chosen',
      person: String(setup.personId(setup.rows.ada)),
      requestKey: 'DDDDDDDDDDDDDDDDDDDDDD',
    });
    assert.equal(stolen.statusCode, 400);
    assert.equal((await invitationRows(other.organisation.id)).length, 0);
    assert.ok((await invitationRows(setup.organisation.id)).every((r) => r.accepted_at === null));
    // Nor does an invitation's link work at another organisation's address.
    const link = linkIn(emailsTo(setup.rows.ada.email)[0]).replace(
      setup.organisation.slug,
      other.organisation.slug,
    );
    assert.equal((await new HttpSession(app).get(link)).statusCode, 404);
  });

  it('with single sign-on on, the link leads to signing in with the organisation’s account', async () => {
    const setup = await organisationWithPeople();
    const { rows, organisation } = setup;
    await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      db.execute(sql`insert into single_sign_on (organisation_id, issuer, client_id, client_secret_sealed, allowed_domains, enabled)
                     values (${organisation.id}, 'https://login.example', 'wellwork', 'sealed', array['trust.example'], true)`),
    );
    const { progress } = await invite(setup, { who: 'chosen', person: String(setup.personId(rows.cara)) }, 1);
    await waitUntilSent(setup, progress);
    const email = emailsTo(rows.cara.email)[0];
    assert.match(email?.text ?? '', /Sign in with your organisation’s account/);
    const link = linkIn(email);
    const page = await new HttpSession(app).get(link);
    assert.equal(page.statusCode, 200);
    assert.equal(page.$('input[name="password"]').length, 0);
    assert.equal(
      page
        .$('a')
        .filter((_, a) => page.$(a).text().includes('Sign in with your organisation’s account'))
        .attr('href'),
      `/o/${organisation.slug}/sign-in/single-sign-on`,
    );
    const { response } = await accept(link);
    assert.equal(response.$('input[name="password"]').length, 0);
    assert.equal(await services.users.findByEmail(rows.cara.email ?? ''), null);
  });
});
