import { and, asc, eq, sql } from 'drizzle-orm';
import { ADJUSTMENT_STATUSES } from '../../domain/labels.ts';
import type { Db } from '../../db/database.ts';
import { adjustmentsPassports, workplaceAdjustments } from './adjustments-passport-schema.ts';

export { ADJUSTMENT_STATUSES };
export type AdjustmentStatus = keyof typeof ADJUSTMENT_STATUSES;

/** The only code that queries adjustments passports and the adjustments in them. */
export function adjustmentsPassportRepository(db: Db, organisationId: number) {
  return {
    async passport(personId: number) {
      const [row] = await db
        .select()
        .from(adjustmentsPassports)
        .where(
          and(
            eq(adjustmentsPassports.organisationId, organisationId),
            eq(adjustmentsPassports.personId, personId),
          ),
        );
      return row ?? null;
    },

    async adjustments(personId: number) {
      return db
        .select()
        .from(workplaceAdjustments)
        .where(
          and(
            eq(workplaceAdjustments.organisationId, organisationId),
            eq(workplaceAdjustments.personId, personId),
          ),
        )
        .orderBy(asc(workplaceAdjustments.createdAt));
    },

    async savePassport(
      personId: number,
      values: {
        aboutMe?: string;
        reviewDate?: string | null;
        sharedWithManagerPersonId?: number | null;
        sharedOn?: string | null;
      },
    ) {
      await db
        .insert(adjustmentsPassports)
        .values({ organisationId, personId, ...values })
        .onConflictDoUpdate({
          target: [adjustmentsPassports.organisationId, adjustmentsPassports.personId],
          set: { ...values, updatedAt: sql`now()` },
        });
    },

    async addAdjustment(personId: number, values: { adjustment: string; reason: string }) {
      const [row] = await db
        .insert(workplaceAdjustments)
        .values({ organisationId, personId, ...values, status: 'requested' })
        .returning({ id: workplaceAdjustments.id });
      return row?.id ?? 0;
    },

    async decide(
      personId: number,
      adjustmentId: number,
      values: { status: AdjustmentStatus; reviewDate: string | null },
    ) {
      const updated = await db
        .update(workplaceAdjustments)
        .set({ ...values, updatedAt: sql`now()` })
        .where(
          and(
            eq(workplaceAdjustments.organisationId, organisationId),
            eq(workplaceAdjustments.personId, personId),
            eq(workplaceAdjustments.id, adjustmentId),
          ),
        )
        .returning({ id: workplaceAdjustments.id });
      return updated.length > 0;
    },
  };
}

/**
 * Adds adjustments recommended elsewhere (an occupational health report) to the person's
 * passport, each as requested, for the person and their manager to agree; why they are there is
 * `source`. One the passport already holds (and has not ended) is not added twice. Returns how
 * many it added.
 */
export async function addRecommendedAdjustments(
  db: Db,
  organisationId: number,
  personId: number,
  items: readonly string[],
  source: string,
): Promise<number> {
  const passport = adjustmentsPassportRepository(db, organisationId);
  const held = new Set(
    (await passport.adjustments(personId)).filter((a) => a.status !== 'ended').map((a) => a.adjustment),
  );
  const added = [...new Set(items)].filter((item) => !held.has(item));
  for (const adjustment of added) await passport.addAdjustment(personId, { adjustment, reason: source });
  return added.length;
}
