import { ensureBankHolidays } from '../modules/calendar/bank-holidays-service.ts';
import type { Database } from './database.ts';

/** Applies pending migrations and loads the reference data an empty installation needs. */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await ensureBankHolidays(database.system);
}
