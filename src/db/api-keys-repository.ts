import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { apiKeys } from './schema.ts';

// What every API request reads of its key, before any organisation is known. An organisation's
// admin lists, creates and revokes its keys through the user-accounts module's repository.

/** The key of this hash, unless it has been revoked. */
export async function findUnrevokedApiKey(db: Db, keyHash: string) {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return rows[0];
}

/** Records that the key was used now. */
export async function markApiKeyUsed(db: Db, key: { organisationId: number; id: number }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.organisationId, key.organisationId), eq(apiKeys.id, key.id)));
}
