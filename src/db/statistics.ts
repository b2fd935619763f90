import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/**
 * Refreshes the planner's statistics of tables that a bulk write (an import) has just changed.
 * On PostgreSQL autovacuum gets there a minute or so later; PGlite runs no autovacuum at all,
 * so without this its planner would go on estimating one row for tables of millions and plan
 * nested loops over them (docs/performance.md). ANALYZE samples a fixed number of rows, so it
 * takes a fraction of a second even on large tables. Runs as the owner, since the application
 * role owns no table, once the import has committed.
 */
export async function refreshStatistics(database: Database, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
  }
  if (tables.length > 0) await database.system.execute(sql.raw(`analyze ${tables.join(', ')}`));
}
