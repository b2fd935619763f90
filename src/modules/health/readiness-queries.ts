import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';

/** Asks the database the simplest question: it throws if the database does not answer. */
export async function askDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
