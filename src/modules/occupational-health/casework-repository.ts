/**
 * The OH service's own casework: finding a case it holds, triaging and closing it, the dates its
 * timeline is made of, its clinicians' professions and its settings. Row-level security keeps
 * every statement to the service's scope; each also names the provider, so a case another
 * service holds is never reached.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Priority, Profession, RoutedService } from '../../domain/oh-casework.ts';
import {
  ohAppointments,
  ohClinicians,
  ohReferrals,
  ohReportCorrections,
  ohReports,
  ohServiceSettings,
} from './occupational-health-schema.ts';
import type { Referral } from './referrals-repository.ts';

/** The review window a service has until it sets its own. */
export const DEFAULT_REVIEW_WORKING_DAYS = 2;

export type Triage =
  | { decision: 'reject'; rejectionReason: string }
  | {
      decision: 'accept';
      priority: Priority;
      service: RoutedService;
      externalProvider: string | null;
      clinicianUserId: number | null;
    };

export function caseworkRepository(db: Db, providerId: number) {
  const held = (referralId: number) =>
    and(
      eq(ohReferrals.id, referralId),
      eq(ohReferrals.providerOrganisationId, providerId),
      ne(ohReferrals.status, 'draft'),
    );

  const appointmentsOf = (referral: Referral) =>
    and(
      eq(ohAppointments.organisationId, referral.organisationId),
      eq(ohAppointments.referralId, referral.id),
    );

  return {
    /** A case the service holds, of any organisation it serves; null for any other. */
    async findCase(referralId: number): Promise<Referral | null> {
      const [row] = await db.select().from(ohReferrals).where(held(referralId)).limit(1);
      return row ?? null;
    },

    /** Triages a submitted referral; false when it is no longer waiting for triage. */
    async triage(referralId: number, triage: Triage, byUserId: number, onDate: string): Promise<boolean> {
      const common = { triagedOn: onDate, triagedByUserId: byUserId, updatedAt: sql`now()` };
      const change =
        triage.decision === 'reject'
          ? { ...common, status: 'rejected', rejectionReason: triage.rejectionReason }
          : {
              ...common,
              status: 'accepted',
              priority: triage.priority,
              service: triage.service,
              externalProvider: triage.externalProvider,
              clinicianUserId: triage.clinicianUserId,
            };
      const rows = await db
        .update(ohReferrals)
        .set(change)
        .where(and(held(referralId), eq(ohReferrals.status, 'submitted')))
        .returning({ id: ohReferrals.id });
      return rows.length === 1;
    },

    /** Closes an open case; false when it is not open. */
    async close(referralId: number, reason: string, onDate: string): Promise<boolean> {
      const rows = await db
        .update(ohReferrals)
        .set({ status: 'closed', closedOn: onDate, closeReason: reason, updatedAt: sql`now()` })
        .where(and(held(referralId), inArray(ohReferrals.status, ['submitted', 'accepted'])))
        .returning({ id: ohReferrals.id });
      return rows.length === 1;
    },

    /** What the case's timeline is made of: its appointments, its report and the corrections asked. */
    async timelineFacts(referral: Referral) {
      const appointments = await db
        .select({
          id: ohAppointments.id,
          createdAt: ohAppointments.createdAt,
          heldOn: ohAppointments.heldOn,
          startsAt: ohAppointments.startsAt,
          status: ohAppointments.status,
          cancelledAt: ohAppointments.cancelledAt,
          cancelledBy: ohAppointments.cancelledBy,
        })
        .from(ohAppointments)
        .where(appointmentsOf(referral))
        .orderBy(asc(ohAppointments.heldOn), asc(ohAppointments.id));
      const [report] = await db
        .select({
          id: ohReports.id,
          status: ohReports.status,
          sentToEmployeeOn: ohReports.sentToEmployeeOn,
          reviewEndsOn: ohReports.reviewEndsOn,
          releasedOn: ohReports.releasedOn,
          withheldOn: ohReports.withheldOn,
        })
        .from(ohReports)
        .where(
          and(eq(ohReports.organisationId, referral.organisationId), eq(ohReports.referralId, referral.id)),
        );
      const corrections = report
        ? await db
            .select({
              askedAt: ohReportCorrections.askedAt,
              status: ohReportCorrections.status,
              answeredAt: ohReportCorrections.answeredAt,
            })
            .from(ohReportCorrections)
            .where(
              and(
                eq(ohReportCorrections.organisationId, referral.organisationId),
                eq(ohReportCorrections.reportId, report.id),
              ),
            )
        : [];
      return { appointments, report: report ?? null, corrections };
    },

    /** Whether the case has an appointment booked and not yet attended, missed or cancelled. */
    async hasBookedAppointment(referral: Referral): Promise<boolean> {
      const rows = await db
        .select({ id: ohAppointments.id })
        .from(ohAppointments)
        .where(and(appointmentsOf(referral), eq(ohAppointments.status, 'booked')))
        .limit(1);
      return rows.length > 0;
    },

    /** The professions the service has recorded for its clinicians, by account. */
    async professions(): Promise<Map<number, string>> {
      const rows = await db
        .select({ userId: ohClinicians.userId, profession: ohClinicians.profession })
        .from(ohClinicians)
        .where(eq(ohClinicians.organisationId, providerId));
      return new Map(rows.map((r) => [r.userId, r.profession]));
    },

    /** Records each clinician's profession; null removes it. */
    async setProfessions(professions: ReadonlyMap<number, Profession | null>): Promise<void> {
      for (const [userId, profession] of professions) {
        if (profession === null) {
          await db
            .delete(ohClinicians)
            .where(and(eq(ohClinicians.organisationId, providerId), eq(ohClinicians.userId, userId)));
        } else {
          await db
            .insert(ohClinicians)
            .values({ organisationId: providerId, userId, profession })
            .onConflictDoUpdate({
              target: [ohClinicians.organisationId, ohClinicians.userId],
              set: { profession },
            });
        }
      }
    },

    /** The working days an employee has to review a report before it goes to the referrer. */
    async reviewWorkingDays(): Promise<number> {
      const [row] = await db
        .select({ days: ohServiceSettings.reportReviewWorkingDays })
        .from(ohServiceSettings)
        .where(eq(ohServiceSettings.organisationId, providerId));
      return row?.days ?? DEFAULT_REVIEW_WORKING_DAYS;
    },

    async setReviewWorkingDays(days: number): Promise<void> {
      await db
        .insert(ohServiceSettings)
        .values({ organisationId: providerId, reportReviewWorkingDays: days })
        .onConflictDoUpdate({
          target: ohServiceSettings.organisationId,
          set: { reportReviewWorkingDays: days, updatedAt: sql`now()` },
        });
    },
  };
}
