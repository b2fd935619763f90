/**
 * The referrer's and the employee's side of referrals: the lists they see, consent given or
 * withdrawn, and what they may know of a case's progress (its appointment's date and whether
 * its report was released or withheld). Row-level security keeps them to the organisation.
 */
import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { ohAppointments, ohReferrals, ohReports } from './occupational-health-schema.ts';
import type { Referral } from './referrals-repository.ts';

/** What the referrer and the employee may know of a case's progress beyond the referral itself. */
export interface CaseProgress {
  /** The date of its latest appointment that is not cancelled. */
  appointmentOn: string | null;
  report: {
    id: number;
    status: string;
    releasedOn: string | null;
    withheldOn: string | null;
    reviewEndsOn: string | null;
  } | null;
}

export function referralConsentRepository(db: Db, organisationId: number) {
  return {
    /**
     * The organisation's management referrals, newest first: all of them (HR), or those made by
     * an account or about the people given (a line manager's).
     */
    async managementReferrals(
      only: { referredByUserId: number; personIds: readonly number[] } | null,
    ): Promise<Referral[]> {
      const mine = only
        ? or(
            eq(ohReferrals.referredByUserId, only.referredByUserId),
            only.personIds.length > 0 ? inArray(ohReferrals.personId, [...only.personIds]) : undefined,
          )
        : undefined;
      return db
        .select()
        .from(ohReferrals)
        .where(and(eq(ohReferrals.organisationId, organisationId), eq(ohReferrals.kind, 'management'), mine))
        .orderBy(desc(ohReferrals.createdAt), desc(ohReferrals.id));
    },

    /** A person's own referrals of every kind, newest first. */
    async referralsOfPerson(personId: number): Promise<Referral[]> {
      return db
        .select()
        .from(ohReferrals)
        .where(and(eq(ohReferrals.organisationId, organisationId), eq(ohReferrals.personId, personId)))
        .orderBy(desc(ohReferrals.createdAt), desc(ohReferrals.id));
    },

    /** Consent given: a draft goes to OH. Null when the referral was no longer a draft. */
    async recordConsent(
      referralId: number,
      consent: { consentGivenOn: string; consentRecordedBy: 'employee' | 'referrer'; referredOn: string },
    ): Promise<Referral | null> {
      const [row] = await db
        .update(ohReferrals)
        .set({ ...consent, status: 'submitted', updatedAt: sql`now()` })
        .where(
          and(
            eq(ohReferrals.organisationId, organisationId),
            eq(ohReferrals.id, referralId),
            eq(ohReferrals.status, 'draft'),
          ),
        )
        .returning();
      return row ?? null;
    },

    /** The employee withdraws consent before triage. Null when it had moved on. */
    async withdrawConsent(referralId: number, personId: number, on: string): Promise<Referral | null> {
      const [row] = await db
        .update(ohReferrals)
        .set({ status: 'withdrawn', consentWithdrawnOn: on, updatedAt: sql`now()` })
        .where(
          and(
            eq(ohReferrals.organisationId, organisationId),
            eq(ohReferrals.id, referralId),
            eq(ohReferrals.personId, personId),
            inArray(ohReferrals.status, ['draft', 'submitted']),
          ),
        )
        .returning();
      return row ?? null;
    },

    /**
     * What the referrer and the employee may know of each case's progress: the date of its
     * latest appointment not cancelled, and its report's status with the days it was released or
     * withheld. Two queries, whatever the number of cases.
     */
    async progressOf(referralIds: readonly number[]) {
      const facts = new Map<number, CaseProgress>();
      if (referralIds.length === 0) return facts;
      const ids = [...referralIds];
      const [appointments, reports] = await Promise.all([
        db
          .select({ referralId: ohAppointments.referralId, heldOn: ohAppointments.heldOn })
          .from(ohAppointments)
          .where(
            and(
              eq(ohAppointments.organisationId, organisationId),
              inArray(ohAppointments.referralId, ids),
              ne(ohAppointments.status, 'cancelled'),
            ),
          ),
        db
          .select({
            referralId: ohReports.referralId,
            id: ohReports.id,
            status: ohReports.status,
            reviewEndsOn: ohReports.reviewEndsOn,
            releasedOn: ohReports.releasedOn,
            withheldOn: ohReports.withheldOn,
          })
          .from(ohReports)
          .where(and(eq(ohReports.organisationId, organisationId), inArray(ohReports.referralId, ids))),
      ]);
      for (const id of ids) facts.set(id, { appointmentOn: null, report: null });
      for (const a of appointments) {
        const known = facts.get(a.referralId);
        if (known && (known.appointmentOn === null || a.heldOn > known.appointmentOn))
          known.appointmentOn = a.heldOn;
      }
      for (const r of reports) {
        const known = facts.get(r.referralId);
        if (known)
          known.report = {
            id: r.id,
            status: r.status,
            releasedOn: r.releasedOn,
            withheldOn: r.withheldOn,
            reviewEndsOn: r.reviewEndsOn,
          };
      }
      return facts;
    },
  };
}
