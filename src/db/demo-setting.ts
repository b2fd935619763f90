import { hasAppSetting, putAppSetting } from './app-settings-repository.ts';
import type { Db } from './database.ts';

/**
 * Whether this installation runs the demo partnership, whose sign-ins are published: written
 * when the demo is loaded, and read wherever people must be told not to enter real data.
 */
const DEMO_SETTING = 'demo_loaded_on';

export async function markDemoLoaded(db: Db, on: string): Promise<void> {
  await putAppSetting(db, DEMO_SETTING, on);
}

export async function isDemoRunning(db: Db): Promise<boolean> {
  return hasAppSetting(db, DEMO_SETTING);
}
