import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { users } from '../../db/schema.ts';
import { oneTimeLinks } from './auth-schema.ts';

/** What following a one-time link does. */
export type LinkPurpose = 'reset-password';

/** A link as found by its secret's hash, with its account. */
export interface FoundLink {
  id: number;
  userId: number;
  email: string;
  displayName: string;
  accountDisabled: boolean;
  expiresAt: Date;
  usedAt: Date | null;
  /** Whether, by the database's clock, it has expired. */
  expired: boolean;
}

/**
 * One-time links sent by email: the only code that queries their table. Only a hash of each
 * link's secret is kept, so the table alone opens nothing.
 */
export function oneTimeLinksRepository(db: Db) {
  return {
    async create(link: { userId: number; purpose: LinkPurpose; tokenHash: string; expiresAt: Date }) {
      await db.insert(oneTimeLinks).values(link);
    },

    /** The link of this purpose whose secret has this hash, used or not, expired or not. */
    async findByHash(purpose: LinkPurpose, tokenHash: string): Promise<FoundLink | null> {
      const rows = await db
        .select({
          id: oneTimeLinks.id,
          userId: oneTimeLinks.userId,
          email: users.email,
          displayName: users.displayName,
          accountDisabled: users.disabled,
          expiresAt: oneTimeLinks.expiresAt,
          usedAt: oneTimeLinks.usedAt,
          expired: sql<boolean>`${oneTimeLinks.expiresAt} <= now()`,
        })
        .from(oneTimeLinks)
        .innerJoin(users, eq(users.id, oneTimeLinks.userId))
        .where(and(eq(oneTimeLinks.purpose, purpose), eq(oneTimeLinks.tokenHash, tokenHash)));
      return rows[0] ?? null;
    },

    /**
     * Uses the link, if it is still unused and unexpired: one statement, so that of two uses
     * sent at once only one succeeds. The account it was for, or null.
     */
    async use(purpose: LinkPurpose, tokenHash: string): Promise<number | null> {
      const [row] = await db
        .update(oneTimeLinks)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(oneTimeLinks.purpose, purpose),
            eq(oneTimeLinks.tokenHash, tokenHash),
            isNull(oneTimeLinks.usedAt),
            gt(oneTimeLinks.expiresAt, sql`now()`),
          ),
        )
        .returning({ userId: oneTimeLinks.userId });
      return row?.userId ?? null;
    },

    /** Marks every unused link of the account for this purpose used: older emails stop working. */
    async useAllOf(userId: number, purpose: LinkPurpose): Promise<void> {
      await db
        .update(oneTimeLinks)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(oneTimeLinks.userId, userId),
            eq(oneTimeLinks.purpose, purpose),
            isNull(oneTimeLinks.usedAt),
          ),
        );
    },
  };
}
