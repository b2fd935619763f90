import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { prepareDatabase } from '../prepare.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const migrationsFolder = path.join(root, 'drizzle');
const templatesFolder = path.join(root, '.test-data');

/**
 * A database for a test file, migrated and holding the reference data. On PostgreSQL it is the
 * server's database, migrated once by whichever file comes first. The embedded database starts
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
