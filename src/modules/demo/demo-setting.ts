import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { appSettings } from '../../db/schema.ts';

/**
 * Whether this installation runs the demo partnership, whose sign-ins are published: written
 * when the demo is loaded, and read wherever people must be told not to enter real data.
 */
const DEMO_SETTING = 'demo_loaded_on';

export async function markDemoLoaded(db: Db, on: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: DEMO_SETTING, value: on })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: on } });
}

export async function isDemoRunning(db: Db): Promise<boolean> {
  const rows = await db
    .select({ key: appSettings.key })
    .from(appSettings)
    .where(eq(appSettings.key, DEMO_SETTING));
  return rows.length > 0;
}
