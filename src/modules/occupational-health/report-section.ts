/**
 * The report's section on the pages about one referral: for the OH service's clinicians, the whole
 * report with what is left to do; for OH admin, where it stands; for the referrer and HR, a
 * released report, or only that it is withheld or with the employee until a date; for the
 * employee, their report and what they may do with it.
 */
import { adjustmentsToAdd, referrerSees, REPORT_STATUSES } from '../../domain/oh-reports.ts';
import { caseSections, type SectionContext } from './case-sections.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { reportWords } from './report-views.ts';
import { reportsRepository } from './reports-repository.ts';

export async function loadReportSection(context: SectionContext): Promise<Record<string, unknown> | null> {
  const { db, referral, viewer, organisationSlug: org } = context;
  const reports = reportsRepository(db, referral.organisationId);
  const report = await reports.ofReferral(referral.id);
  const referralId = referral.id;

  if (viewer === 'service') {
    if (!context.clinician) {
      return report
        ? {
            viewer,
            clinician: false,
            statusText: REPORT_STATUSES[report.status as keyof typeof REPORT_STATUSES],
            report: {
              status: report.status,
              reviewEndsOn: report.reviewEndsOn,
              releasedOn: report.releasedOn,
              withheldOn: report.withheldOn,
            },
          }
        : null;
    }
    if (!report && referral.status !== 'accepted') return null;
    const corrections = report ? await reports.corrections(report.id) : [];
    return {
      viewer,
      clinician: true,
      report: report ? reportWords(report) : null,
      openCorrections: corrections
        .filter((c) => c.status === 'open')
        .map((c) => ({
          ...c,
          href: ohPaths.service.correction.build({ org, referralId, correctionId: c.id }),
        })),
      reportHref: ohPaths.service.report.build({ org, referralId }),
      sendHref: ohPaths.service.sendReport.build({ org, referralId }),
    };
  }

  if (viewer === 'referrer') {
    // The manager and HR never learn of a self-referral, nor of a report before it is sent.
    if (referral.kind !== 'management' || !report) return null;
    const sees = referrerSees(report.status);
    if (sees === 'nothing') return null;
    return {
      viewer,
      sees,
      report:
        sees === 'released'
          ? reportWords(report)
          : { reviewEndsOn: report.reviewEndsOn, withheldOn: report.withheldOn },
      canAddAdjustments: sees === 'released' && adjustmentsToAdd(report).length > 0,
      addAdjustmentsHref: ohPaths.referrer.addAdjustments.build({ org, referralId }),
    };
  }

  if (!report || report.status === 'draft') return null;
  return {
    viewer,
    report: reportWords(report),
    reportHref: ohPaths.own.report.build({ org, reportId: report.id }),
  };
}

caseSections.push({ template: 'occupational-health/views/report-section.njk', load: loadReportSection });
