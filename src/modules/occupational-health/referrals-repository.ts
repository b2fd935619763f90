/** Reading and writing referrals, the cases OH works. Row-level security keeps them to the scope. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { ohReferrals } from './occupational-health-schema.ts';

export type Referral = typeof ohReferrals.$inferSelect;
export type NewReferral = typeof ohReferrals.$inferInsert;

/** The referral, if the scope reaches it. */
export async function findReferral(db: Db, referralId: number): Promise<Referral | null> {
  const [row] = await db.select().from(ohReferrals).where(eq(ohReferrals.id, referralId)).limit(1);
  return row ?? null;
}

/** The referral of the organisation, if the scope reaches it. */
export async function findReferralOf(
  db: Db,
  organisationId: number,
  referralId: number,
): Promise<Referral | null> {
  const [row] = await db
    .select()
    .from(ohReferrals)
    .where(and(eq(ohReferrals.organisationId, organisationId), eq(ohReferrals.id, referralId)))
    .limit(1);
  return row ?? null;
}

export async function insertReferral(db: Db, referral: NewReferral): Promise<Referral> {
  const [row] = await db.insert(ohReferrals).values(referral).returning();
  if (!row) throw new Error('The referral was not written');
  return row;
}
