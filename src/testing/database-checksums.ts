import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface TableChecksum {
  rows: number;
  md5: string;
}

/**
 * Every table's row count and a checksum of its rows (each row as text, in order), in Wellwork's
 * schemas, and every sequence's last value (unless `sequences: false`; a transaction rolled back
 * still moves them): two databases with equal checksums hold the same.
 */
export async function databaseChecksums(
  db: Db,
  options: { except?: (table: string) => boolean; sequences?: boolean } = {},
): Promise<Record<string, TableChecksum | string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname in ('public', 'drizzle') order by 1`,
  );
  const result: Record<string, TableChecksum | string> = {};
  for (const { name } of tables) {
    if (options.except?.(name)) continue;
    const [row] = await queryRows<{ rows: number; md5: string }>(
      db,
      sql.raw(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${name} t`,
      ),
    );
    if (row) result[name] = row;
  }
  if (options.sequences === false) return result;
  const sequences = await queryRows<{ name: string; last: string | null }>(
    db,
    sql`select format('%I.%I', schemaname, sequencename) as name, last_value::text as last from pg_sequences
        where schemaname in ('public', 'drizzle') order by 1`,
  );
  for (const { name, last } of sequences) {
    if (!options.except?.(name)) result[`sequence ${name}`] = last ?? 'unused';
  }
  return result;
}
