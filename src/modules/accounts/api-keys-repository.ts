import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { apiKeys, users } from '../../db/schema.ts';
import { hashApiKey } from '../../web/access-control.ts';
import type { ApiScope } from '../../web/types.ts';

/** How many characters of a key are kept and shown, so people can tell keys apart. */
export const API_KEY_PREFIX_LENGTH = 10;

/** A new API key: `ww_` and 40 random base64url characters (240 bits). */
export function generateApiKey(): string {
  return `ww_${randomBytes(30).toString('base64url')}`;
}

export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdByName: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * An organisation's API keys: the only code that queries the api_keys table for the pages.
 * Only the SHA-256 of a key is stored; the key itself is returned once, when it is created.
 */
export function apiKeysRepository(db: Db, organisationId: number) {
  return {
    async list(): Promise<ApiKeyRecord[]> {
      return db
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          prefix: apiKeys.prefix,
          scopes: apiKeys.scopes,
          createdAt: apiKeys.createdAt,
          createdByName: users.displayName,
          lastUsedAt: apiKeys.lastUsedAt,
          revokedAt: apiKeys.revokedAt,
        })
        .from(apiKeys)
        .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
        .where(eq(apiKeys.organisationId, organisationId))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    /** Creates a key and returns it, in full, for the one time it is shown. */
    async create(key: {
      name: string;
      scopes: readonly ApiScope[];
      createdByUserId: number;
    }): Promise<{ id: number; key: string; prefix: string }> {
      const secret = generateApiKey();
      const prefix = secret.slice(0, API_KEY_PREFIX_LENGTH);
      const [row] = await db
        .insert(apiKeys)
        .values({
          organisationId,
          name: key.name,
          prefix,
          keyHash: hashApiKey(secret),
          scopes: [...key.scopes],
          createdByUserId: key.createdByUserId,
        })
        .returning({ id: apiKeys.id });
      if (!row) throw new Error('The API key was not created');
      return { id: row.id, key: secret, prefix };
    },

    /** Revokes a key of this organisation; false when there is no such key still in use. */
    async revoke(id: number): Promise<boolean> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.organisationId, organisationId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },

    async find(id: number) {
      const rows = await db
        .select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.organisationId, organisationId), eq(apiKeys.id, id)));
      return rows[0] ?? null;
    },
  };
}
