/**
 * `bin/wellwork oh rotate-key`, run as a separate process: every clinical note re-sealed with a
 * new key, which the old key no longer opens; the key file replaced, or the new key printed for
 * OH_NOTES_KEY; a rerun after a crash (before or after the notes were re-sealed) finishes the job;
 * bad input changes nothing. On the embedded database in a temporary directory, or on PostgreSQL
 * when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../config.ts';
import { buildServices } from '../services.ts';
import { sealingKey, type SealingKey } from '../sealing.ts';
import { accessFixture, FIXTURE_NOTE_TEXT } from '../testing/access-fixture.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { ohNotes } from '../modules/occupational-health/occupational-health-schema.ts';
import { serviceScope } from '../modules/occupational-health/oh-service-scope-queries.ts';
import { insertNote, noteContext, resealNotes } from '../modules/occupational-health/notes-repository.ts';

const run = promisify(execFile);
const dataDir = await mkdtemp(path.join(tmpdir(), 'wellwork-oh-key-'));
after(() => rm(dataDir, { recursive: true, force: true }));
const keyFile = path.join(dataDir, 'oh-notes.key');
const pendingFile = path.join(dataDir, 'oh-notes.key.new');

const baseEnv = {
  LOG_LEVEL: 'silent',
  WELLWORK_DATA_DIR: dataDir,
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
  OH_NOTES_KEY: '',
};

async function wellwork(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('bin/wellwork', args, {
      env: { ...process.env, ...baseEnv, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const ADDENDUM = 'Second review: improving.';
const WORDS = [FIXTURE_NOTE_TEXT, ADDENDUM];

/** With the installation's database open (and closed again, for the command line to use). */
async function withInstallation<T>(work: (services: ReturnType<typeof buildServices>) => Promise<T>) {
  const config = loadConfig({ ...baseEnv, DATABASE_URL: baseEnv.DATABASE_URL });
  const database = await openTestDatabase(config.database);
  try {
    return await work(buildServices(database, config));
  } finally {
    await database.close();
  }
}

/** The notes' rows, and whether each opens with `key` to its words. */
async function notesOpenWith(key: SealingKey): Promise<{ keyIds: string[]; opened: string[] }> {
  return withInstallation(async (services) => {
    const rows = await services.database.system.select().from(ohNotes).orderBy(ohNotes.id);
    const opened: string[] = [];
    for (const row of rows) {
      try {
        opened.push(key.sealer.open(row.sealedText, noteContext(row)));
      } catch {
        // Does not open with this key.
      }
    }
    return { keyIds: rows.map((r) => r.keyId), opened };
  });
}

const keyOf = (text: string) => sealingKey(Buffer.from(text.trim(), 'base64'));

// An OH service with a case and two notes, sealed with the key file made on first start.
await withInstallation(async (services) => {
  const fixture = await accessFixture(services, 'Rotation Police');
  const scope = await serviceScope(services.database.system, fixture.organisationId, '2025-04-10');
  assert.ok(scope);
  await services.database.scoped(scope, (db) =>
    insertNote(db, services.ohNotesKey, {
      organisationId: fixture.organisationId,
      referralId: Number(fixture.params.referralId),
      appointmentId: null,
      addendumTo: Number(fixture.params.noteId),
      authorUserId: fixture.owner.id,
      text: ADDENDUM,
    }),
  );
});

test('with the key file: the notes are re-sealed and the file replaced; the old key opens none', async () => {
  const old = keyOf(await readFile(keyFile, 'utf8'));
  assert.deepEqual((await notesOpenWith(old)).opened, WORDS);

  const rotated = await wellwork({}, 'oh', 'rotate-key');
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(rotated.stdout, '', 'no key on the screen');
  assert.match(rotated.stderr, /Re-sealed 2 clinical notes with the new OH notes key/);
  assert.ok(!existsSync(pendingFile));
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  const next = keyOf(await readFile(keyFile, 'utf8'));
  assert.notEqual(next.id, old.id);
  const now = await notesOpenWith(next);
  assert.deepEqual(now.opened, WORDS);
  assert.deepEqual(now.keyIds, [next.id, next.id]);
  assert.deepEqual((await notesOpenWith(old)).opened, [], 'the old key no longer opens them');
});

test('a rotation cut short is finished by running it again, before or after the notes were re-sealed', async () => {
  // Cut short before the transaction: the new key was written beside the old, nothing re-sealed.
  const before = keyOf(await readFile(keyFile, 'utf8'));
  const pendingKey = Buffer.alloc(32, 5).toString('base64');
  await writeFile(pendingFile, `${pendingKey}\n`, { mode: 0o600 });
  const resumed = await wellwork({}, 'oh', 'rotate-key');
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /Carrying on the rotation cut short/);
  assert.match(resumed.stderr, /Re-sealed 2 clinical notes/);
  assert.equal((await readFile(keyFile, 'utf8')).trim(), pendingKey);
  assert.deepEqual((await notesOpenWith(keyOf(pendingKey))).opened, WORDS);
  assert.deepEqual((await notesOpenWith(before)).opened, []);

  // Cut short after the transaction: the notes are re-sealed, the key file not yet replaced.
  const afterKey = Buffer.alloc(32, 6).toString('base64');
  await writeFile(pendingFile, `${afterKey}\n`, { mode: 0o600 });
  await withInstallation((services) =>
    services.database.transaction((db) => resealNotes(db, keyOf(pendingKey), keyOf(afterKey))),
  );
  const finished = await wellwork({}, 'oh', 'rotate-key');
  assert.equal(finished.code, 0, finished.stderr);
  assert.match(finished.stderr, /Re-sealed 0 clinical notes/);
  assert.equal((await readFile(keyFile, 'utf8')).trim(), afterKey);
  assert.ok(!existsSync(pendingFile));
  assert.deepEqual((await notesOpenWith(keyOf(afterKey))).opened, WORDS);
});

test('with OH_NOTES_KEY: the new key is printed, and given back with --new-key after a crash', async () => {
  const current = (await readFile(keyFile, 'utf8')).trim();
  const rotated = await wellwork({ OH_NOTES_KEY: current }, 'oh', 'rotate-key');
  assert.equal(rotated.code, 0, rotated.stderr);
  const printed = rotated.stdout.trim();
  assert.equal(Buffer.from(printed, 'base64').length, 32);
  assert.match(rotated.stderr, /Now set OH_NOTES_KEY to the new key/);
  assert.equal((await readFile(keyFile, 'utf8')).trim(), current, 'the key file is left alone');
  assert.deepEqual((await notesOpenWith(keyOf(printed))).opened, WORDS);

  // Run again with the old key still set: given the printed key, there is nothing left to do.
  const again = await wellwork({ OH_NOTES_KEY: current }, 'oh', 'rotate-key', '--new-key', printed);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /Re-sealed 0 clinical notes/);
  // Without it, a new key would not open what the printed one sealed: refused, nothing changed.
  const lost = await wellwork({ OH_NOTES_KEY: current }, 'oh', 'rotate-key');
  assert.equal(lost.code, 1);
  assert.match(
    lost.stderr,
    /2 notes are sealed with a key that is neither .* give the key it printed with --new-key/,
  );
  assert.deepEqual((await notesOpenWith(keyOf(printed))).opened, WORDS);
});

test('bad input is refused, and nothing is changed', async () => {
  const current = (await readFile(keyFile, 'utf8')).trim();
  const state = await notesOpenWith(keyOf(current));
  for (const [env, args, message] of [
    [{ OH_NOTES_KEY: current }, ['--new-key', 'not-a-key'], /--new-key must be 32 bytes, base64-encoded/],
    [{ OH_NOTES_KEY: current }, ['--new-key', current], /--new-key is the current OH notes key/],
    [
      {},
      ['--new-key', Buffer.alloc(32, 8).toString('base64')],
      /--new-key is for an installation whose key is OH_NOTES_KEY/,
    ],
    [{}, ['--whatever'], /Unknown option '--whatever'/],
  ] as const) {
    const refused = await wellwork({ ...env }, 'oh', 'rotate-key', ...args);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, message);
  }
  assert.deepEqual(await notesOpenWith(keyOf(current)), state);
  assert.ok(!existsSync(pendingFile));
});
