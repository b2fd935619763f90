/**
 * `bin/wellwork backup FILE` and `bin/wellwork restore FILE`, run as separate processes: a
 * database filled with organisations, people, absences and accounts is backed up and restored
 * into a fresh database, and every table's row count and checksum of its rows, and every
 * sequence, come back the same. The sealing key is not in the backup, and both commands say so.
 * On the embedded database in temporary directories, or on PostgreSQL when TEST_DATABASE_URL is
 * set (restoring into a second database on the same server).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { buildServices } from '../services.ts';
import { parseAbsencesCsv } from '../modules/absences/absences-csv.ts';
import { importParsedAbsences } from '../modules/absences/absences-import.ts';
import { parsePeopleCsv } from '../modules/people/people-csv.ts';
import { importParsedPeople } from '../modules/people/people-import.ts';
import { databaseChecksums } from '../testing/database-checksums.ts';
import { createTestAccount, createTestOrganisation } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { workforceCsv } from '../testing/workforce-csv.ts';

const run = promisify(execFile);
const work = await mkdtemp(path.join(tmpdir(), 'wellwork-backup-'));
after(() => rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

const postgresUrl = process.env.TEST_DATABASE_URL;
const restoredName = postgresUrl
  ? `${decodeURIComponent(new URL(postgresUrl).pathname.slice(1))}_restored`
  : null;
const restoredUrl = postgresUrl && restoredName ? withDatabase(postgresUrl, restoredName) : null;

function withDatabase(url: string, name: string): string {
  const address = new URL(url);
  address.pathname = `/${name}`;
  return address.toString();
}

async function onServer(sqlText: string) {
  if (!postgresUrl) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** The source installation and the fresh one restored into: their environments and configs. */
const source = postgresUrl
  ? { DATABASE_URL: postgresUrl, WELLWORK_DATA_DIR: path.join(work, 'source') }
  : { DATABASE_URL: '', WELLWORK_DATA_DIR: path.join(work, 'source') };
const target = restoredUrl
  ? { DATABASE_URL: restoredUrl, WELLWORK_DATA_DIR: path.join(work, 'target') }
  : { DATABASE_URL: '', WELLWORK_DATA_DIR: path.join(work, 'target') };
const configOf = (env: Record<string, string>): Config => loadConfig({ ...env, LOG_LEVEL: 'silent' });

before(async () => {
  if (restoredName) await onServer(`create database ${restoredName}`);
});
after(async () => {
  if (restoredName) await onServer(`drop database if exists ${restoredName} with (force)`);
});

async function wellwork(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('bin/wellwork', args, {
      env: { ...process.env, LOG_LEVEL: 'warn', SEALING_KEY: '', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function checksumsOf(config: Config) {
  const database = await openDatabase(config.database);
  try {
    return await databaseChecksums(database.system);
  } finally {
    await database.close();
  }
}

/** Two organisations with people, years of absences and accounts; returns the sealing keys made. */
async function fill(config: Config): Promise<{ key: string; notesKey: string }> {
  const database = await openTestDatabase(config.database);
  try {
    const services = buildServices(database, config);
    for (const [seed, prefix] of [
      [1, 'A'],
      [2, 'B'],
    ] as const) {
      const organisation = await createTestOrganisation(services);
      const files = workforceCsv({ seed, people: 120, absencesEach: 5, prefix });
      const people = await importParsedPeople(services, organisation.id, await parsePeopleCsv(files.people), {
        today: '2026-11-23',
      });
      assert.ok(people.ok, JSON.stringify(people));
      const absences = await importParsedAbsences(
        services,
        organisation.id,
        await parseAbsencesCsv(files.absences),
        {},
      );
      assert.ok(absences.ok, JSON.stringify(absences));
      await createTestAccount(services, organisation.id, ['hr']);
      await createTestAccount(services, organisation.id, ['line_manager'], {
        employeeNumber: `${prefix}00001`,
      });
    }
    // The installation's keys, made beside the database when the services were built.
    const read = async (file: string) =>
      (await readFile(path.join(config.sealing.dataDir ?? '', file), 'utf8')).trim();
    return { key: await read('sealing.key'), notesKey: await read('oh-notes.key') };
  } finally {
    await database.close();
  }
}

/** The backup's database as text (or bytes) to search: the dump as SQL, or the data directory's tarball. */
async function backupContents(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  const start = bytes.indexOf('\n', bytes.indexOf('\n') + 1) + 1;
  if (!postgresUrl) return gunzipSync(bytes.subarray(start));
  const payload = path.join(work, 'payload.dump');
  await writeFile(payload, bytes.subarray(start));
  const { stdout } = await run('pg_restore', ['--file=-', payload], { maxBuffer: 256 * 1024 * 1024 });
  return Buffer.from(stdout);
}

test('a backup restored into a fresh database holds every row of every table, and no sealing key', async () => {
  const { key, notesKey } = await fill(configOf(source));
  const before = await checksumsOf(configOf(source));
  assert.ok(Object.keys(before).length > 40, 'every table is compared');
  assert.ok((before['public.absences'] as { rows: number }).rows >= 1_000);
  assert.ok((before['public.people'] as { rows: number }).rows === 240);

  const file = path.join(work, 'wellwork.backup');
  const backup = await wellwork(source, 'backup', file);
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /^Backed up the .* to .*wellwork\.backup \(/);
  assert.match(backup.stderr, /Warning: The sealing key is not in the backup/);
  assert.match(backup.stderr, /Keep it safe and apart from the backups/);
  assert.match(backup.stderr, /Nor is the OH notes key: it is OH_NOTES_KEY, or the file oh-notes\.key/);
  assert.ok(!existsSync(`${file}.partial`));

  // The key (base64 and raw) is nowhere in the backup; the data is.
  const contents = await backupContents(file);
  assert.ok(contents.length > 100_000);
  assert.equal(contents.indexOf(key), -1, 'the sealing key is not in the backup');
  assert.equal(contents.indexOf(Buffer.from(key, 'base64')), -1, 'the sealing key is not in the backup');
  assert.equal(contents.indexOf(notesKey), -1, 'the OH notes key is not in the backup');
  assert.equal(
    contents.indexOf(Buffer.from(notesKey, 'base64')),
    -1,
    'the OH notes key is not in the backup',
  );
  if (postgresUrl) assert.match(contents.toString('utf8'), /W?A00001/);

  const restore = await wellwork(target, 'restore', file);
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, /^Restored .*wellwork\.backup into the /);
  assert.match(
    restore.stderr,
    /Warning: The sealing key is not in the backup: give the restored installation the key/,
  );
  assert.ok(!existsSync(path.join(target.WELLWORK_DATA_DIR, 'sealing.key')), 'the restore makes no key');
  assert.match(restore.stderr, /Nor is the OH notes key: give it the same OH_NOTES_KEY/);
  assert.ok(!existsSync(path.join(target.WELLWORK_DATA_DIR, 'oh-notes.key')), 'nor an OH notes key');
  assert.deepEqual(await checksumsOf(configOf(target)), before);

  // The restored installation works: the command line finds its organisations.
  const report = await wellwork(
    { ...target, SEALING_KEY: Buffer.from(key, 'base64').toString('base64') },
    'org',
    'create',
    '--slug',
    'restored-check',
    '--name',
    'Restored Check',
  );
  assert.equal(report.code, 0, report.stderr);
});

test('a restore refuses a database that holds data unless --force, and a file that is not a backup', async () => {
  const file = path.join(work, 'wellwork.backup');
  assert.ok(existsSync(file), 'the first test made the backup');
  const refused = await wellwork(target, 'restore', file);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /already holds organisations or accounts; .*give --force/);
  const before = await checksumsOf(configOf(target));
  assert.ok('public.organisations' in before);

  const notBackup = path.join(work, 'not-a-backup.csv');
  await writeFile(notBackup, 'employee_number,first_name\nE1,Amara\n');
  const wrong = await wellwork(target, 'restore', '--force', notBackup);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /not-a-backup\.csv is not a Wellwork backup/);

  // A backup cut short is refused as a whole, and what was there is left as it was.
  const whole = await readFile(file);
  const cut = path.join(work, 'cut.backup');
  await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
  const broken = await wellwork(target, 'restore', '--force', cut);
  assert.equal(broken.code, 1, broken.stdout);
  assert.deepEqual(await checksumsOf(configOf(target)), before);

  const forced = await wellwork(target, 'restore', '--force', file);
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(await checksumsOf(configOf(target)), await checksumsOf(configOf(source)));
});

test('backup and restore ask for a file and are in the help', async () => {
  const help = await wellwork(source, 'help');
  assert.match(help.stdout, /backup FILE/);
  assert.match(help.stdout, /restore FILE \[--force\]/);
  const none = await wellwork(source, 'backup');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Give one file to write the backup to/);
});
