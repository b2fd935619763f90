/**
 * Clinical notes, through HTTP: a clinician of the OH service writes a note (sealed: the column
 * holds no plain text) and an addendum (the note is never changed), and reads them; every read
 * is audited before the text is shown, and a read whose audit cannot be written shows nothing. A
 * note that does not open (another key, or a sealed value moved to another row) fails closed.
 * Nobody but the service's clinicians sees a note's words in any page, answer, export or email.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { load } from 'cheerio';
import ExcelJS from 'exceljs';
import { and, eq, gt, max, sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/database.ts';
import { auditEvents } from '../../db/schema.ts';
import { ROLES } from '../../domain/roles.ts';
import { buildServices } from '../../services.ts';
import { sealingKey } from '../../sealing.ts';
import { accessFixture, fill, FIXTURE_NOTE_TEXT, sessionsFor } from '../../testing/access-fixture.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { createViewEnvironment } from '../../web/nunjucks.ts';
import { loadNotesSection } from './notes-section.ts';
import { carryOutRotation, planRotation } from './notes-key-rotation.ts';
import { findReferral } from './referrals-repository.ts';
import { ohNotes } from './occupational-health-schema.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';

const mailDir = await mkdtemp(path.join(tmpdir(), 'wellwork-oh-notes-mail-'));
after(() => rm(mailDir, { recursive: true, force: true }));
const { services, app } = await openTestApp({ MAIL_DIR: mailDir });
const fixture = await accessFixture(services, 'Sealed Notes Council');
const sessions = await sessionsFor(app, services, fixture);
const clinician = sessions.get('oh_clinician');
assert.ok(clinician);
const { org, referralId } = fixture.params as { org: string; referralId: string };
const noteUrl = (noteId: number | string) => ohPaths.service.note.build({ org, referralId, noteId });
const newNoteUrl = ohPaths.service.newNote.build({ org, referralId });

const WRITTEN = 'Reports low mood since the restructure; sleep poor; discussed GP review of medication.';
const ADDENDUM = 'GP letter received: sertraline started; recheck in six weeks.';

async function allNotes() {
  return services.database.system.select().from(ohNotes);
}

async function lastEventId(): Promise<number> {
  const [last] = await services.database.system.select({ id: max(auditEvents.id) }).from(auditEvents);
  return last?.id ?? 0;
}

async function readsSince(id: number) {
  return services.database.system
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, id), eq(auditEvents.action, 'oh-note.read')));
}

let writtenId = 0;

test('a clinician writes a note about an appointment, sealed: the column holds no plain text', async () => {
  const form = await clinician.get(newNoteUrl);
  assert.equal(form.statusCode, 200);
  const appointment = form.$(`input[name="appointmentId"][value="${fixture.params.appointmentId}"]`);
  assert.equal(appointment.length, 1, 'the case’s appointment is offered');

  const saved = await clinician.post(newNoteUrl, {
    text: WRITTEN,
    appointmentId: fixture.params.appointmentId ?? '',
  });
  assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
  const location = String(saved.headers.location);
  writtenId = Number(location.split('/').pop());
  assert.equal(location, noteUrl(writtenId));

  const rows = await allNotes();
  const row = rows.find((r) => r.id === writtenId);
  assert.ok(row);
  assert.equal(row.appointmentId, Number(fixture.params.appointmentId));
  assert.equal(row.keyId, services.ohNotesKey.id);
  assert.equal(row.addendumTo, null);
  // Nothing in the column is readable: no note's words, in any row, in any form.
  const [raw] = await queryRows<{ everything: string }>(
    services.database.system,
    sql`select string_agg(sealed_text, ' ') as everything from oh_notes`,
  );
  for (const words of [WRITTEN, FIXTURE_NOTE_TEXT, 'sertraline', 'low mood', 'Lumbar']) {
    assert.ok(!raw?.everything.toLowerCase().includes(words.toLowerCase()), words);
    assert.ok(!raw?.everything.includes(Buffer.from(words).toString('base64').slice(0, 12)), words);
  }
  for (const r of rows) assert.match(r.sealedText, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);

  const [written] = await services.database.system
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'oh-note.written'), eq(auditEvents.subjectId, String(writtenId))));
  assert.ok(written, 'the writing is audited');
  assert.ok(!JSON.stringify(written.detail).includes('mood'));
});

test('every read of a note is audited, with who and which case, before its text is shown', async () => {
  const before = await lastEventId();
  const first = await clinician.get(noteUrl(writtenId));
  assert.equal(first.statusCode, 200);
  assert.ok(first.body.includes(WRITTEN));
  assert.match(first.$('main').text(), /10 April 2025 at 09:00/);
  const second = await clinician.get(noteUrl(writtenId));
  assert.equal(second.statusCode, 200);
  const reads = await readsSince(before);
  assert.equal(reads.length, 2, 'one audit event per read');
  for (const event of reads) {
    assert.equal(event.subjectType, 'oh_note');
    assert.equal(event.subjectId, String(writtenId));
    assert.equal(event.organisationId, fixture.organisationId);
    assert.ok(event.userId);
    assert.ok(event.at);
    assert.deepEqual(event.detail, {
      organisationId: fixture.organisationId,
      referralId: Number(referralId),
    });
  }
});

test('an addendum is a note of its own, with its author and time; the note is never changed', async () => {
  const [before] = (await allNotes()).filter((n) => n.id === writtenId);
  const addendumUrl = ohPaths.service.addendum.build({ org, referralId, noteId: writtenId });
  const form = await clinician.get(addendumUrl);
  assert.equal(form.statusCode, 200);
  assert.ok(!form.body.includes(WRITTEN), 'the addendum form does not show the note unaudited');

  const saved = await clinician.post(addendumUrl, { text: ADDENDUM });
  assert.equal(saved.statusCode, 302);
  assert.equal(saved.headers.location, noteUrl(writtenId));
  const rows = await allNotes();
  const [after] = rows.filter((n) => n.id === writtenId);
  assert.deepEqual(after, before, 'the note itself is unchanged');
  const addendum = rows.find((n) => n.addendumTo === writtenId);
  assert.ok(addendum);
  assert.ok(!addendum.sealedText.includes('sertraline'));

  const eventId = await lastEventId();
  const page = await clinician.get(noteUrl(writtenId));
  assert.ok(page.body.includes(WRITTEN) && page.body.includes(ADDENDUM));
  assert.match(page.$('main').text(), /by Test oh clinician/);
  const reads = await readsSince(eventId);
  assert.deepEqual(
    reads.map((r) => r.subjectId).sort(),
    [String(writtenId), String(addendum.id)].sort(),
    'the note and its addendum, each read audited',
  );
  // An addendum is read with its note, not on its own, and takes no addendum of its own.
  assert.equal((await clinician.get(noteUrl(addendum.id))).statusCode, 404);
  const nested = await clinician.post(
    ohPaths.service.addendum.build({ org, referralId, noteId: addendum.id }),
    { text: 'More' },
  );
  assert.equal(nested.statusCode, 404);
});

test('bad input is refused with every problem listed, and nothing is written', async () => {
  const count = (await allNotes()).length;
  const empty = await clinician.post(newNoteUrl, { text: '   ', appointmentId: '999999' });
  assert.equal(empty.statusCode, 400);
  const problems = empty
    .$('.govuk-error-summary li')
    .map((_, li) => empty.$(li).text().trim())
    .get();
  assert.deepEqual(problems, ['Write the note', 'Choose one of the case’s appointments, or none']);
  const long = await clinician.post(newNoteUrl, { text: 'x'.repeat(20_001) });
  assert.equal(long.statusCode, 400);
  assert.match(long.$('.govuk-error-summary').text(), /20,000 characters or fewer/);
  const addendum = await clinician.post(
    ohPaths.service.addendum.build({ org, referralId, noteId: writtenId }),
    {
      text: '',
    },
  );
  assert.equal(addendum.statusCode, 400);
  assert.match(addendum.$('.govuk-error-summary').text(), /Write the addendum/);
  assert.equal((await allNotes()).length, count);
  // Without the form's token, nothing either.
  const forged = await clinician.post(newNoteUrl, { text: 'Forged' }, { csrf: false });
  assert.equal(forged.statusCode, 403);
  assert.equal((await allNotes()).length, count);
});

test('nobody but the service’s clinicians reaches a note: every other role is refused', async () => {
  for (const [who, session] of sessions) {
    if (who === 'oh_clinician') continue;
    for (const url of [noteUrl(writtenId), noteUrl(fixture.params.noteId ?? ''), newNoteUrl]) {
      const response = await session.get(url);
      assert.ok([403, 404].includes(response.statusCode), `${who}: ${response.statusCode} ${url}`);
      assert.ok(!response.body.includes(WRITTEN) && !response.body.includes(FIXTURE_NOTE_TEXT), who);
    }
    if (who === 'oh_admin') {
      // OH admin of the service is refused like anyone without clinical rights.
      assert.equal((await session.get(noteUrl(writtenId))).statusCode, 403);
    }
  }
  // A clinician of another OH service: not found, whichever organisation's address they try.
  const other = await accessFixture(services, 'Other Service Trust');
  const theirs = await createTestAccount(services, other.organisationId, ['oh_clinician']);
  const stranger = await new HttpSession(app).signIn(theirs.email, theirs.password);
  for (const url of [
    noteUrl(writtenId),
    ohPaths.service.note.build({ org: other.slug, referralId, noteId: writtenId }),
    ohPaths.service.newNote.build({ org: other.slug, referralId }),
  ]) {
    const response = await stranger.get(url);
    assert.equal(response.statusCode, 404, url);
    assert.ok(!response.body.includes(WRITTEN));
  }
  const refused = await stranger.post(ohPaths.service.newNote.build({ org: other.slug, referralId }), {
    text: 'Not theirs to write',
  });
  assert.equal(refused.statusCode, 404);
});

test('a read whose audit cannot be written fails closed: no text, no event', async () => {
  // The audit trail refuses note reads, as a full disk or a broken connection would.
  await services.database.system.execute(sql`
    create or replace function refuse_note_reads() returns trigger language plpgsql as $$
    begin
      if new.action = 'oh-note.read' then raise exception 'the audit trail cannot be written'; end if;
      return new;
    end $$`);
  await services.database.system.execute(
    sql`create trigger refuse_note_reads before insert on audit_events for each row execute function refuse_note_reads()`,
  );
  try {
    const before = await lastEventId();
    const response = await clinician.get(noteUrl(writtenId));
    assert.equal(response.statusCode, 500);
    assert.ok(!response.body.includes(WRITTEN) && !response.body.includes(ADDENDUM));
    assert.equal((await readsSince(before)).length, 0);
  } finally {
    await services.database.system.execute(sql`drop trigger refuse_note_reads on audit_events`);
    await services.database.system.execute(sql`drop function refuse_note_reads()`);
  }
  const again = await clinician.get(noteUrl(writtenId));
  assert.equal(again.statusCode, 200);
  assert.ok(again.body.includes(WRITTEN));
});

test('a note that does not open fails closed with a clear error, never garbage', async () => {
  // Another installation's key: the notes do not open.
  const otherServices = buildServices(services.database, {
    ...services.config,
    ohNotes: { key: Buffer.alloc(32, 7).toString('base64'), dataDir: null },
  });
  const otherApp = await buildApp(otherServices, { logger: false });
  await otherApp.ready();
  after(() => otherApp.close());
  const account = await createTestAccount(services, fixture.organisationId, ['oh_clinician']);
  const session = await new HttpSession(otherApp).signIn(account.email, account.password);
  const before = await lastEventId();
  const response = await session.get(noteUrl(writtenId));
  assert.equal(response.statusCode, 500);
  assert.equal(response.$('h1').text().trim(), 'This note cannot be opened');
  assert.ok(!response.body.includes(WRITTEN));
  assert.equal((await readsSince(before)).length, 2, 'the attempt is audited all the same');

  // A sealed value moved to another row does not open there.
  const [note] = (await allNotes()).filter((n) => n.id === writtenId);
  const fixtureNoteId = Number(fixture.params.noteId);
  const [fixtureNote] = (await allNotes()).filter((n) => n.id === fixtureNoteId);
  assert.ok(note && fixtureNote);
  await services.database.system
    .update(ohNotes)
    .set({ sealedText: note.sealedText })
    .where(eq(ohNotes.id, fixtureNoteId));
  try {
    const moved = await clinician.get(noteUrl(fixtureNoteId));
    assert.equal(moved.statusCode, 500);
    assert.ok(!moved.body.includes(WRITTEN) && !moved.body.includes(FIXTURE_NOTE_TEXT));
  } finally {
    await services.database.system
      .update(ohNotes)
      .set({ sealedText: fixtureNote.sealedText })
      .where(eq(ohNotes.id, fixtureNoteId));
  }
});

test('the case page’s notes section: the clinician’s list without text; nothing for anyone else', async () => {
  const scope = await serviceScope(services.database.system, fixture.organisationId, '2026-01-01');
  assert.ok(scope);
  const request = {} as Parameters<typeof loadNotesSection>[0]['request'];
  const sectionFor = (viewer: 'service' | 'referrer' | 'employee', isClinician: boolean) =>
    services.database.scoped(scope, async (db) => {
      const referral = await findReferral(db, Number(referralId));
      assert.ok(referral);
      return loadNotesSection({
        db,
        services,
        request,
        referral,
        viewer,
        clinician: isClinician,
        organisationSlug: org,
        date: '2026-01-01',
      });
    });
  const listed = await sectionFor('service', true);
  assert.ok(listed);
  const notes = listed.notes as { href: string; addenda: number; author: string }[];
  assert.deepEqual(
    notes.map((n) => [n.href, n.addenda]),
    [
      [noteUrl(fixture.params.noteId ?? ''), 0],
      [noteUrl(writtenId), 1],
    ],
  );
  assert.ok(notes.every((n) => n.author.startsWith('Test ')));
  assert.equal(listed.newNoteHref, newNoteUrl);
  const serialised = JSON.stringify(listed);
  assert.ok(!serialised.includes(WRITTEN) && !serialised.includes(FIXTURE_NOTE_TEXT));
  assert.ok(!serialised.includes('v1.'), 'not even the sealed text');
  // As the case page includes it: a table of the notes, each with its link, and no words of theirs.
  const html = createViewEnvironment({}).render('occupational-health/views/_notes-section.njk', {
    section: { data: listed },
  });
  const $ = load(html);
  assert.deepEqual(
    $('tbody a')
      .map((_, a) => $(a).attr('href'))
      .get(),
    notes.map((n) => n.href),
  );
  assert.deepEqual(
    $('tbody tr')
      .map((_, tr) => $(tr).find('td').eq(2).text().trim())
      .get(),
    ['0', '1'],
  );
  assert.equal($('a.govuk-button').attr('href'), newNoteUrl);
  assert.ok(!html.includes(WRITTEN) && !html.includes(FIXTURE_NOTE_TEXT));
  assert.equal(await sectionFor('service', false), null, 'OH admin');
  assert.equal(await sectionFor('referrer', false), null, 'the referrer and HR');
  assert.equal(await sectionFor('employee', false), null, 'the employee');
});

/** The text of a response whatever its kind: a page, an answer, a CSV, or a spreadsheet's cells. */
async function textOf(response: { headers: Record<string, unknown>; body: Buffer }): Promise<string> {
  const header = response.headers['content-type'];
  const type = typeof header === 'string' ? header : '';
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))),
    );
    return cells.join('\n');
  }
  return response.body.toString('utf8');
}

/** The query a route needs to answer at all. */
const QUERY: Record<string, string> = {
  '/o/:org/reports/absence/download': '?from=2025-01-01&to=2025-12-31&by=unit&format=csv',
  '/api/v1/reports/absence': '?from=2025-01-01&to=2025-12-31&by=unit',
};

test('no page, answer, export or email shows a note’s words to anyone but the service’s clinicians', async () => {
  const words = [WRITTEN, ADDENDUM, FIXTURE_NOTE_TEXT];
  const gets = app.registeredRoutes.filter((r) => r.method === 'GET');
  assert.ok(gets.length > 100);
  let clinicianSaw = 0;
  for (const route of gets) {
    const url = fill(route.url, fixture.params) + (QUERY[route.url] ?? '');
    const askers =
      route.access.kind === 'api'
        ? [['api', null] as const]
        : [...sessions.entries()].map(([who, session]) => [who, session] as const);
    for (const [who, session] of askers) {
      const response = session
        ? await session.download(url)
        : await app
            .inject({ method: 'GET', url, headers: { authorization: `Bearer ${fixture.apiKey.all}` } })
            .then((r) => ({ headers: r.headers, body: r.rawPayload }));
      const text = await textOf(response);
      const shown = words.filter((w) => text.includes(w));
      if (who === 'oh_clinician' && route.url === ohPaths.service.note.pattern) {
        clinicianSaw += shown.length;
        continue;
      }
      assert.deepEqual(shown, [], `${String(who)} ${url}`);
    }
  }
  assert.equal(clinicianSaw, 1, 'the clinician reads the fixture’s note on its own page');
  assert.equal(ROLES.includes('oh_clinician'), true);
  // Nor in any email sent while the notes were written and read.
  for (const file of await readdir(mailDir)) {
    const message = await readFile(path.join(mailDir, file), 'utf8');
    for (const w of words) assert.ok(!message.includes(w), `${file} holds a note’s words`);
  }
});

test('rotating the key re-seals every note in one transaction; the old key no longer opens them', async () => {
  const old = services.ohNotesKey;
  const before = await allNotes();
  assert.ok(before.length >= 3 && before.every((n) => n.keyId === old.id));
  const plan = planRotation({ key: Buffer.alloc(32, 1).toString('base64'), dataDir: null }, old, undefined);
  assert.equal(plan.kind, 'environment');
  const resealed = await carryOutRotation(services.database, old, plan);
  assert.equal(resealed, before.length);
  const after = await allNotes();
  assert.ok(after.every((n) => n.keyId === plan.next.id));
  // The old key opens none; the new one opens each, to its own words.
  for (const note of after) {
    const context = `oh-note:${note.organisationId}:${note.referralId}:${note.id}`;
    assert.throws(() => old.sealer.open(note.sealedText, context));
    assert.ok(plan.next.sealer.open(note.sealedText, context).length > 0);
  }
  const response = await clinician.get(noteUrl(writtenId));
  assert.equal(response.statusCode, 500, 'the server still holding the old key fails closed');
  // Run again (as after a crash): nothing is left to re-seal.
  assert.equal(await carryOutRotation(services.database, old, plan), 0);
  // A rotation with a key that sealed none of them refuses to touch anything.
  const stranger = sealingKey(Buffer.alloc(32, 9));
  await assert.rejects(
    carryOutRotation(services.database, stranger, {
      kind: 'environment',
      next: sealingKey(Buffer.alloc(32, 3)),
      nextKey: '',
    }),
    /sealed with a key that is neither the current OH notes key nor the new one/,
  );
  assert.deepEqual(await allNotes(), after);
});
