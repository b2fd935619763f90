/**
 * Reading and writing fitness-for-work reports, their corrections and their history. Row-level
 * security keeps them to the scope: the employee's organisation, or the OH service acting for it.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { ohReportCorrections, ohReports, ohReportVersions } from './occupational-health-schema.ts';

export type Report = typeof ohReports.$inferSelect;
export type ReportCorrection = typeof ohReportCorrections.$inferSelect;
export type ReportVersion = typeof ohReportVersions.$inferSelect;

/** What the clinician writes: the report's content. */
export interface ReportContent {
  outcome: string;
  likelyReturnOn: string | null;
  adjustments: string[];
  answers: { question: string; answer: string }[];
  disabilityLikely: string;
  advice: string;
  reviewOn: string | null;
  employeeSeesFirst: boolean;
}

/** The content of a report, as its history keeps it. */
export function contentOf(report: Report): ReportContent {
  return {
    outcome: report.outcome,
    likelyReturnOn: report.likelyReturnOn,
    adjustments: report.adjustments,
    answers: report.answers,
    disabilityLikely: report.disabilityLikely,
    advice: report.advice,
    reviewOn: report.reviewOn,
    employeeSeesFirst: report.employeeSeesFirst,
  };
}

export function reportsRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(ohReports.organisationId, organisationId);
  return {
    /** The report of the referral, if there is one. */
    async ofReferral(referralId: number): Promise<Report | null> {
      const [row] = await db
        .select()
        .from(ohReports)
        .where(and(inOrganisation, eq(ohReports.referralId, referralId)));
      return row ?? null;
    },

    async find(reportId: number): Promise<Report | null> {
      const [row] = await db
        .select()
        .from(ohReports)
        .where(and(inOrganisation, eq(ohReports.id, reportId)));
      return row ?? null;
    },

    /** Writes the draft: a new one, or the one there while it is still a draft (null once sent). */
    async saveDraft(
      referralId: number,
      authorUserId: number,
      content: ReportContent,
    ): Promise<Report | null> {
      const [row] = await db
        .insert(ohReports)
        .values({ organisationId, referralId, authorUserId, ...content })
        .onConflictDoUpdate({
          target: [ohReports.organisationId, ohReports.referralId],
          set: { ...content, authorUserId, updatedAt: new Date().toISOString() },
          setWhere: eq(ohReports.status, 'draft'),
        })
        .returning();
      return row ?? null;
    },

    /**
     * Moves the report on from the status it was read in, with the dates of the move: null when
     * it had moved on meanwhile, so that two people acting at once cannot both act.
     */
    async move(
      reportId: number,
      from: string,
      to: {
        status: string;
        sentToEmployeeOn?: string;
        reviewEndsOn?: string;
        releasedOn?: string;
        withheldOn?: string;
      },
    ): Promise<Report | null> {
      const [row] = await db
        .update(ohReports)
        .set({ ...to, updatedAt: new Date().toISOString() })
        .where(and(inOrganisation, eq(ohReports.id, reportId), eq(ohReports.status, from)))
        .returning();
      return row ?? null;
    },

    /** Records that the adjustments were added, once: false when they already had been. */
    async markAdjustmentsAdded(reportId: number, onDate: string): Promise<boolean> {
      const rows = await db
        .update(ohReports)
        .set({ adjustmentsAddedOn: onDate, updatedAt: new Date().toISOString() })
        .where(
          and(
            inOrganisation,
            eq(ohReports.id, reportId),
            eq(ohReports.status, 'released'),
            isNull(ohReports.adjustmentsAddedOn),
          ),
        )
        .returning({ id: ohReports.id });
      return rows.length > 0;
    },

    /** Amends the report's facts, keeping what it said before and why it changed. */
    async amend(
      report: Report,
      changes: Pick<ReportContent, 'answers' | 'advice'>,
      byUserId: number,
      why: string,
    ): Promise<void> {
      await db.insert(ohReportVersions).values({
        organisationId,
        reportId: report.id,
        changedByUserId: byUserId,
        why,
        before: { ...contentOf(report) },
      });
      await db
        .update(ohReports)
        .set({ ...changes, updatedAt: new Date().toISOString() })
        .where(and(inOrganisation, eq(ohReports.id, report.id)));
    },

    async versions(reportId: number): Promise<ReportVersion[]> {
      return db
        .select()
        .from(ohReportVersions)
        .where(
          and(eq(ohReportVersions.organisationId, organisationId), eq(ohReportVersions.reportId, reportId)),
        )
        .orderBy(asc(ohReportVersions.changedAt), asc(ohReportVersions.id));
    },

    async corrections(reportId: number): Promise<ReportCorrection[]> {
      return db
        .select()
        .from(ohReportCorrections)
        .where(
          and(
            eq(ohReportCorrections.organisationId, organisationId),
            eq(ohReportCorrections.reportId, reportId),
          ),
        )
        .orderBy(asc(ohReportCorrections.askedAt), asc(ohReportCorrections.id));
    },

    async findCorrection(correctionId: number): Promise<ReportCorrection | null> {
      const [row] = await db
        .select()
        .from(ohReportCorrections)
        .where(
          and(
            eq(ohReportCorrections.organisationId, organisationId),
            eq(ohReportCorrections.id, correctionId),
          ),
        );
      return row ?? null;
    },

    async askCorrection(reportId: number, request: string): Promise<ReportCorrection> {
      const [row] = await db
        .insert(ohReportCorrections)
        .values({ organisationId, reportId, request })
        .returning();
      if (!row) throw new Error('The correction was not recorded');
      return row;
    },

    /** Answers an open correction: false when it had been answered meanwhile. */
    async answerCorrection(
      correctionId: number,
      answer: { status: 'corrected' | 'declined'; answer: string; byUserId: number },
    ): Promise<boolean> {
      const rows = await db
        .update(ohReportCorrections)
        .set({
          status: answer.status,
          answer: answer.answer,
          answeredByUserId: answer.byUserId,
          answeredAt: new Date().toISOString(),
        })
        .where(
          and(
            eq(ohReportCorrections.organisationId, organisationId),
            eq(ohReportCorrections.id, correctionId),
            eq(ohReportCorrections.status, 'open'),
          ),
        )
        .returning({ id: ohReportCorrections.id });
      return rows.length > 0;
    },
  };
}
