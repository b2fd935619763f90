import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { appSettings } from './schema.ts';

// The installation's own settings, one value a name, shared by every server: the session
// secret when none is configured, and whether the demo partnership is running.

/** The value stored under a setting's name, if any. */
export async function findAppSetting(db: Db, key: string): Promise<string | undefined> {
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return rows[0]?.value;
}

/** Whether a setting is stored at all, whatever its value. */
export async function hasAppSetting(db: Db, key: string): Promise<boolean> {
  const rows = await db.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, key));
  return rows.length > 0;
}

/** Stores a setting unless it is already stored: the first server to write it wins. */
export async function addAppSettingIfAbsent(db: Db, key: string, value: string): Promise<void> {
  await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
}

/** Stores a setting, replacing any value it had. */
export async function putAppSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } });
}
