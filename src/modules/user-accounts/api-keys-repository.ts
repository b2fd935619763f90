import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { apiKeys } from '../../db/schema.ts';
import { hashApiKey } from '../../web/access-control.ts';

/** A new API key: `ww_` and 40 random characters. Only its hash is kept. */
export function newApiKey(): string {
  return `ww_${randomBytes(30).toString('base64url')}`;
}

export function apiKeysRepository(db: Db, organisationId: number) {
  return {
    async list() {
      return db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.organisationId, organisationId))
        .orderBy(desc(apiKeys.createdAt));
    },

    async create(key: { name: string; scopes: string[]; createdByUserId: number }): Promise<string> {
      const secret = newApiKey();
      await db.insert(apiKeys).values({
        organisationId,
        name: key.name,
        prefix: secret.slice(0, 8),
        keyHash: hashApiKey(secret),
        scopes: key.scopes,
        createdByUserId: key.createdByUserId,
      });
      return secret;
    },

    async revoke(id: number): Promise<boolean> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.organisationId, organisationId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },
  };
}
