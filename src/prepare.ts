import { capabilities } from './capabilities.ts';
import type { Database } from './db/database.ts';
import type { Capability } from './web/capability.ts';

/**
 * Applies pending migrations and loads the reference data an empty installation needs: what each
 * capability module declares (`Capability.prepare`), in module order.
 */
export async function prepareDatabase(
  database: Database,
  modules: readonly Capability[] = capabilities,
): Promise<void> {
  await database.migrate();
  for (const module of modules) await module.prepare?.(database.system);
}
