import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { prepareDatabase } from '../prepare.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const migrationsFolder = path.join(root, 'drizzle');
const templatesFolder = path.join(root, '.test-data');

/**
 * A database for a test file, migrated and holding the reference data. On PostgreSQL it is the
 * file's own database (see below), copied from a migrated template. The embedded database starts
 * from a migrated data directory made once per set of migrations and kept in `.test-data/`, so a
 * test file neither runs initdb nor the migrations.
 */
export async function openTestDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'postgres' || config.dataDir) {
    const database = await openDatabase(config);
    await prepareDatabase(database);
    return database;
  }
  const database = await openDatabase(config, { pgliteDataDir: await migratedDataDir() });
  // A no-op on the migrated copy, and a guard should the copy ever fall behind.
  await prepareDatabase(database);
  return database;
}

let template: Promise<Blob> | null = null;

function migratedDataDir(): Promise<Blob> {
  template ??= findOrMakeTemplate();
  return template;
}

/** The migrations' fingerprint: a new or changed migration makes a new template. */
async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    await readFile(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  hash.update(pglite.version);
  const files = (await readdir(migrationsFolder, { recursive: true })).map(String).sort();
  for (const file of files.filter((f) => f.endsWith('.sql') || f.endsWith('.json'))) {
    hash.update(file);
    hash.update(await readFile(path.join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function findOrMakeTemplate(): Promise<Blob> {
  const file = path.join(templatesFolder, `pglite-${await migrationsKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await prepareDatabase(database);
    if (!database.dumpDataDir) throw new Error('The embedded database cannot dump its data directory');
    const dump = await database.dumpDataDir();
    await mkdir(templatesFolder, { recursive: true });
    // Test files start at once: each writes its own copy and renames it into place, so a file
    // never reads a half-written template.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    // Templates of earlier migrations are of no further use.
    for (const old of await readdir(templatesFolder)) {
      if (/^pglite-[0-9a-f]+\.tar$/.test(old) && path.join(templatesFolder, old) !== file) {
        await rm(path.join(templatesFolder, old), { force: true });
      }
    }
    return dump;
  } finally {
    await database.close();
  }
}

/*
 * On PostgreSQL, TEST_DATABASE_URL names the server and a base database. Each test file gets a
 * database of its own, copied from a migrated template, so files run side by side without seeing
 * each other's rows, and none waits on another's migrations. The copy is made when this module
 * is loaded, before the test file's own code runs, and TEST_DATABASE_URL is pointed at it: the
 * file's services, a second server in the same file and the commands it starts (which are given
 * TEST_DATABASE_URL as their DATABASE_URL) all work on the one database. It is dropped when the
 * file's process has nothing left to do, after its tests have closed their connections.
 */
const baseUrl = process.env.TEST_DATABASE_URL;
if (baseUrl) {
  const fileDatabase = await copyTemplateForThisFile(baseUrl);
  process.env.TEST_DATABASE_URL = fileDatabase.url;
  process.once('beforeExit', () => {
    dropDatabase(baseUrl, fileDatabase.name).catch((error: unknown) => {
      process.stderr.write(`The test database ${fileDatabase.name} was not dropped: ${String(error)}\n`);
    });
  });
}

/** A name safe to put in SQL unquoted: the base database's name is ours to choose, but check it. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name.length > 63) {
    throw new Error(`The test database name ${name} must be lower-case letters, digits and _`);
  }
  return name;
}

function withDatabase(url: string, name: string): string {
  const address = new URL(url);
  address.pathname = `/${name}`;
  return address.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The template's name: the base database's, with the migrations' fingerprint, so a run after a
 * migration changed makes a new one and runs on the same migrations share one.
 */
async function templateName(url: string): Promise<string> {
  const base = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  return identifier(`${base.slice(0, 36)}_template_${await migrationsKey()}`);
}

async function copyTemplateForThisFile(url: string): Promise<{ name: string; url: string }> {
  const template = await templateName(url);
  const name = identifier(
    `${template.replace(/_template_[0-9a-f]+$/, '')}_file_${process.pid}_${Date.now() % 1e6}`,
  );
  await withClient(url, async (client) => {
    await makeTemplateOnce(client, url, template);
    await client.query(`create database ${name} template ${template}`);
  });
  return { name, url: withDatabase(url, name) };
}

/**
 * Makes the migrated template unless it is there. The files of a run start together: an advisory
 * lock (on the base database, which every file connects to) lets the first make it while the
 * others wait. It is migrated under another name and renamed when done, so a run that stopped
 * half-way never leaves a half-migrated template to be copied.
 */
async function makeTemplateOnce(client: pg.Client, url: string, template: string): Promise<void> {
  await client.query('select pg_advisory_lock(8310)');
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount) return;
    const partial = identifier(`${template}_partial`);
    await client.query(`drop database if exists ${partial} with (force)`);
    await client.query(`create database ${partial}`);
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, partial) });
    try {
      await prepareDatabase(database);
    } finally {
      await database.close();
    }
    await client.query(`alter database ${partial} rename to ${template}`);
    // Templates of earlier migrations, unused by any session, are of no further use.
    const stale = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 and datname <> $2`,
      [`${template.replace(/_template_[0-9a-f]+$/, '')}\\_template\\_%`, template],
    );
    for (const { datname } of stale.rows) {
      await client.query(`drop database if exists ${identifier(datname)}`).catch(() => undefined);
    }
  } finally {
    await client.query('select pg_advisory_unlock(8310)');
  }
}

async function dropDatabase(url: string, name: string): Promise<void> {
  // The file's connections are closed by now; commands it started and left behind are not waited for.
  await withClient(url, (client) => client.query(`drop database if exists ${identifier(name)} with (force)`));
}
