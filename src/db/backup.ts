/**
 * Backups of a whole installation's database, and restoring one: `bin/wellwork backup FILE` and
 * `bin/wellwork restore FILE`.
 *
 * A backup is a file of its own kind: a first line `WELLWORK-BACKUP 1`, a line of JSON saying
 * which database it is of and when it was made, then the database itself — the embedded
 * database's data directory as a gzipped tarball (PGlite's own `dumpDataDir`), or PostgreSQL's
 * own custom-format dump (`pg_dump --format=custom`). It holds no key: neither the sealing key nor
 * the OH notes key (which seals clinical notes) is ever in the database; each is an environment
 * variable (SEALING_KEY, OH_NOTES_KEY) or a file beside the database (`sealing.key`,
 * `oh-notes.key`; src/sealing.ts), and must be kept apart from the backups.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { BackupError } from './backup-error.ts';
import { openDatabase, queryRows, type Database } from './database.ts';

const MAGIC = 'WELLWORK-BACKUP 1';
const HEADER_LIMIT = 4096;

interface BackupHeader {
  database: 'pglite' | 'postgres';
  createdAt: string;
}

export const SEALING_KEY_WARNING =
  'The sealing key is not in the backup, nor ever in the database: it is SEALING_KEY, or the file ' +
  'sealing.key in WELLWORK_DATA_DIR. Keep it safe and apart from the backups: without it the ' +
  'secrets sealed in the database (authenticator apps, single sign-on client secrets) cannot be ' +
  'read after a restore. Nor is the OH notes key: it is OH_NOTES_KEY, or the file oh-notes.key in ' +
  'WELLWORK_DATA_DIR. Keep it safe too, apart from the backups and from the sealing key: without ' +
  'it no occupational health clinical note can be read after a restore.';

export const RESTORE_KEY_WARNING =
  'The sealing key is not in the backup: give the restored installation the key it was made with ' +
  '(the same SEALING_KEY, or its sealing.key file put back in WELLWORK_DATA_DIR), or the secrets ' +
  'sealed in it (authenticator apps, single sign-on client secrets) cannot be read. Nor is the OH ' +
  'notes key: give it the same OH_NOTES_KEY, or put its oh-notes.key file back in ' +
  'WELLWORK_DATA_DIR, or its occupational health clinical notes cannot be read.';

const POSTGRES_TOOLS =
  "install PostgreSQL's client tools (pg_dump, pg_restore and psql) of the server's major version or later, e.g. `apt-get install postgresql-client`";

/** The embedded database's directory inside WELLWORK_DATA_DIR (as src/db/database.ts opens it). */
function pgliteDirectory(dataDir: string | null): string {
  if (dataDir === null) {
    throw new BackupError(
      'WELLWORK_DATA_DIR is :memory:, whose database lasts only as long as its process: there is nothing to back up or restore into.',
    );
  }
  return path.resolve(dataDir, 'pglite');
}

/** Writes a backup of the database to `file`, made under another name and renamed when whole. */
export async function backupDatabase(config: Config['database'], file: string): Promise<void> {
  const partial = `${file}.partial`;
  const header: BackupHeader = { database: config.kind, createdAt: new Date().toISOString() };
  const out = createWriteStream(partial, { mode: 0o600 });
  try {
    out.write(`${MAGIC}\n${JSON.stringify(header)}\n`);
    if (config.kind === 'postgres') {
      const dump = run('pg_dump', ['--format=custom', '--no-password', `--dbname=${config.url}`]);
      await Promise.all([pipeline(dump.stdout, out), dump.done]);
    } else {
      const directory = pgliteDirectory(config.dataDir);
      if (!existsSync(path.join(directory, 'PG_VERSION'))) {
        throw new BackupError(`There is no embedded database in ${directory} to back up.`);
      }
      const database = await openDatabase(config);
      let tarball: Blob;
      try {
        if (!database.dumpDataDir) throw new BackupError('The embedded database cannot be dumped');
        tarball = await database.dumpDataDir('gzip');
      } finally {
        await database.close();
      }
      out.end(Buffer.from(await tarball.arrayBuffer()));
      await once(out, 'finish');
    }
    await rename(partial, file);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** The header of a backup file and where its database begins; refuses any other file. */
async function readHeader(file: string): Promise<{ header: BackupHeader; offset: number }> {
  let start: Buffer;
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`${file}: cannot read the file (${error.code ?? error.message})`);
  });
  try {
    start = Buffer.alloc(HEADER_LIMIT);
    const { bytesRead } = await handle.read(start, 0, HEADER_LIMIT, 0);
    start = start.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const notOne = new BackupError(`${file} is not a Wellwork backup (made by bin/wellwork backup).`);
  const firstEnd = start.indexOf('\n');
  const secondEnd = start.indexOf('\n', firstEnd + 1);
  if (firstEnd < 0 || secondEnd < 0 || start.subarray(0, firstEnd).toString('utf8') !== MAGIC) throw notOne;
  let header: BackupHeader;
  try {
    header = JSON.parse(start.subarray(firstEnd + 1, secondEnd).toString('utf8')) as BackupHeader;
  } catch {
    throw notOne;
  }
  const payload = start.subarray(secondEnd + 1);
  const looksRight =
    header.database === 'postgres'
      ? payload.subarray(0, 5).toString('latin1') === 'PGDMP'
      : header.database === 'pglite' && payload[0] === 0x1f && payload[1] === 0x8b;
  if (!looksRight) throw notOne;
  return { header, offset: secondEnd + 1 };
}

/** Whether the database holds anything of an installation's own: an organisation or an account. */
async function holdsData(database: Database): Promise<boolean> {
  const [row] = await queryRows<{ tables: number; rows: boolean }>(
    database.system,
    sql`select count(*)::int as tables from pg_tables where schemaname = 'public' and tablename in ('organisations', 'users')`,
  );
  if ((row?.tables ?? 0) < 2) return false;
  const [held] = await queryRows<{ held: boolean }>(
    database.system,
    sql`select exists (select 1 from organisations) or exists (select 1 from users) as held`,
  );
  return held?.held ?? false;
}

const refuseToOverwrite = (where: string) =>
  new BackupError(
    `${where} already holds organisations or accounts; a restore would replace them all. ` +
      'Restore into an empty database, or give --force to replace what is there.',
  );

/**
 * Restores a backup in place of the configured database. A database that holds organisations or
 * accounts is replaced only when `force` is given. Either the whole backup is restored or the
 * database is left as it was. Returns, for the embedded database, where the replaced one was kept.
 */
export async function restoreDatabase(
  config: Config['database'],
  file: string,
  options: { force: boolean },
): Promise<{ keptAt: string | null }> {
  const { header, offset } = await readHeader(file);
  if (header.database !== config.kind) {
    throw new BackupError(
      header.database === 'pglite'
        ? `${file} is a backup of the embedded database: restore it without DATABASE_URL, into WELLWORK_DATA_DIR.`
        : `${file} is a backup of a PostgreSQL database: restore it with DATABASE_URL set to the database to restore into.`,
    );
  }
  if (config.kind === 'postgres') {
    await restorePostgres(config.url, file, offset, options);
    return { keptAt: null };
  }
  return restorePglite(config, file, offset, options);
}

async function restorePglite(
  config: Config['database'] & { kind: 'pglite' },
  file: string,
  offset: number,
  options: { force: boolean },
): Promise<{ keptAt: string | null }> {
  const directory = pgliteDirectory(config.dataDir);
  const exists = existsSync(path.join(directory, 'PG_VERSION'));
  if (exists && !options.force) {
    const current = await openDatabase(config);
    try {
      if (await holdsData(current)) throw refuseToOverwrite(`The embedded database in ${directory}`);
    } finally {
      await current.close();
    }
  }
  // Loaded beside the database and checked to open; only then put in its place.
  const restoring = `${directory}.restoring`;
  await rm(restoring, { recursive: true, force: true });
  await mkdir(path.dirname(directory), { recursive: true });
  const tarball = new Blob([(await readFile(file)).subarray(offset)]);
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    const loaded = new PGlite(restoring, { loadDataDir: tarball });
    await loaded.waitReady;
    await loaded.query('select 1');
    await loaded.close();
  } catch (error) {
    await rm(restoring, { recursive: true, force: true });
    throw new BackupError(`${file} could not be restored: ${(error as Error).message}`);
  }
  let keptAt: string | null = null;
  if (existsSync(directory)) {
    if (exists && options.force) {
      keptAt = `${directory}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(directory, keptAt);
    } else {
      await rm(directory, { recursive: true, force: true });
    }
  }
  await rename(restoring, directory);
  return { keptAt };
}

async function restorePostgres(url: string, file: string, offset: number, options: { force: boolean }) {
  const current = await openDatabase({ kind: 'postgres', url });
  let objects: number;
  try {
    if (!options.force && (await holdsData(current))) throw refuseToOverwrite('The database');
    const [row] = await queryRows<{ n: number }>(
      current.system,
      sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ('public', 'drizzle')`,
    );
    objects = row?.n ?? 0;
  } finally {
    await current.close();
  }
  // pg_restore turns the dump into SQL, which psql runs in one transaction after clearing what
  // is there, committed only once pg_restore has read the whole dump: the database is replaced
  // whole or, should anything fail (a file cut short, an error), left as it was.
  const preamble = [
    '\\set ON_ERROR_STOP on',
    'BEGIN;',
    'SET LOCAL client_min_messages = warning;',
    ...(objects > 0
      ? ['DROP SCHEMA IF EXISTS drizzle CASCADE;', 'DROP SCHEMA public CASCADE;', 'CREATE SCHEMA public;']
      : []),
    // The application role is the server's, not the database's, so no dump holds it.
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wellwork_app') THEN CREATE ROLE wellwork_app NOLOGIN; END IF; END $$;",
    '',
  ].join('\n');
  const restore = run('pg_restore', ['--no-owner', '--file=-'], createReadStream(file, { start: offset }));
  const psql = run('psql', ['--no-psqlrc', '--quiet', '--no-password', '--file=-', `--dbname=${url}`]);
  psql.stdin.on('error', () => undefined);
  psql.stdin.write(preamble);
  restore.stdout.pipe(psql.stdin, { end: false });
  try {
    await restore.done;
  } catch (error) {
    psql.stdin.end('\nROLLBACK;\n');
    await psql.done.catch(() => undefined);
    throw error;
  }
  psql.stdin.end('\nCOMMIT;\n');
  await psql.done;
}

/**
 * Runs one of PostgreSQL's client tools; `done` rejects with its standard error if it fails, or
 * with what to install if it is not there.
 */
function run(command: string, args: string[], input?: Readable) {
  const child = spawn(command, args, { stdio: 'pipe' });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`${command} was not found on PATH: ${POSTGRES_TOOLS}.`)
          : error,
      ),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${command} failed (exit status ${code}):\n${errors.trim()}`)),
    );
  });
  done.catch(() => undefined);
  if (input) input.pipe(child.stdin);
  return { stdin: child.stdin, stdout: child.stdout, done };
}

/** The size of a file, for messages. */
export async function sizeOf(file: string): Promise<string> {
  const bytes = (await stat(file)).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
