/**
 * Each module's tables are read and written only by that module's own statements (SPEC §3,
 * docs/architecture.md). dependency-cruiser checks the imports of schema files; this checks what
 * it cannot see: the tables named in the text of hand-written SQL. Another module's rows are read
 * through the sources its owner publishes (`peopleOf`, `absencesOf`, …), which name the table
 * from inside the owning module.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

const SOURCE = fileURLToPath(new URL('.', import.meta.url));
const MODULES = join(SOURCE, 'modules');

/** The module owning each table: `platform` for `src/db/schema.ts`. */
async function tableOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const add = (exports: Record<string, unknown>, owner: string) => {
    for (const value of Object.values(exports))
      if (is(value, PgTable)) owners.set(getTableName(value), owner);
  };
  add(await import('./db/schema.ts'), 'platform');
  for (const entry of readdirSync(MODULES, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const schema = join(MODULES, entry.name, `${entry.name}-schema.ts`);
    if (readdirSync(join(MODULES, entry.name)).includes(`${entry.name}-schema.ts`))
      add((await import(schema)) as Record<string, unknown>, entry.name);
  }
  return owners;
}

/** The tables a source file's SQL templates read or write by name. */
export function tablesNamedIn(source: string): string[] {
  const named: string[] = [];
  for (const template of source.matchAll(/sql`([^`]*)`/g)) {
    for (const table of (template[1] ?? '').matchAll(
      /\b(?:from|join|update|into|using)\s+([a-z_][a-z0-9_]*)/gi,
    ))
      named.push(table[1] ?? '');
  }
  return named;
}

function* sourceFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

describe('table ownership in hand-written SQL', () => {
  it('finds the tables a statement names', () => {
    const statement = 'const rows = sql`select p.id from people p join units u on u.id = p.unit_id`;';
    assert.deepEqual(tablesNamedIn(statement), ['people', 'units']);
    assert.deepEqual(tablesNamedIn('sql`delete from reviews r using absences a where a.id = r.absence_id`'), [
      'reviews',
      'absences',
    ]);
    assert.deepEqual(tablesNamedIn('// read from people, not in a statement'), []);
  });

  it("names no other module's table in any statement", async () => {
    const owners = await tableOwners();
    assert.ok(owners.get('people') === 'people' && owners.get('absences') === 'absences');
    const trespasses: string[] = [];
    for (const file of sourceFiles(SOURCE)) {
      const path = relative(SOURCE, file);
      // Test data is written straight into every module's tables; it is not a module.
      if (path.startsWith('testing/')) continue;
      const module = /^modules\/([^/]+)\//.exec(path)?.[1] ?? 'platform';
      for (const table of tablesNamedIn(readFileSync(file, 'utf8'))) {
        const owner = owners.get(table);
        if (owner !== undefined && owner !== module && owner !== 'platform')
          trespasses.push(`${path} names ${table}, a table of the ${owner} module`);
      }
    }
    assert.deepEqual(trespasses, []);
  });
});
