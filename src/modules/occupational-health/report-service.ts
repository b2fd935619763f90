/**
 * What happens when a report moves on: sent to the employee to review first (with a link by
 * email), or released to the referrer and the employee's HR (told by email with a link to the
 * referral, never the report's content); and a released report's adjustments added to the
 * person's passport and action plan in one step.
 */
import type { Db } from '../../db/database.ts';
import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';
import type { Services } from '../../services.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { ohPaths } from './occupational-health-paths.ts';
import type { Referral } from './referrals-repository.ts';
import type { Report } from './reports-repository.ts';

async function organisationOfReferral(services: Services, referral: Referral) {
  const organisation = await services.organisations.findById(referral.organisationId);
  if (!organisation) throw new Error(`Referral ${referral.id} has no organisation`);
  return organisation;
}

/** Emails the employee a link to the report they asked to see first. */
export async function tellEmployeeReportReady(services: Services, referral: Referral, report: Report) {
  if (!referral.personEmail || !report.reviewEndsOn) return;
  const organisation = await organisationOfReferral(services, referral);
  const link = `${services.config.publicUrl}${ohPaths.own.report.build({ org: organisation.slug, reportId: report.id })}`;
  await services.mailer.send({
    to: referral.personEmail,
    subject: `${referral.personName}, your occupational health report is ready for you to read`,
    ...renderEmail('oh-report-to-review', {
      name: referral.personName,
      reviewEndsOn: report.reviewEndsOn,
      link,
      organisationName: organisation.name,
    }),
  });
}

/**
 * Emails the referrer and HR of the employee's organisation that the report is released, with a
 * link to the referral's page. Never for a self-referral: the manager and HR are never told of one.
 */
export async function tellReferrerReportReleased(services: Services, referral: Referral) {
  if (referral.kind !== 'management') return;
  const organisation = await organisationOfReferral(services, referral);
  const accounts = await services.users.listForOrganisation(organisation.id);
  const recipients = new Set(
    accounts
      .filter(
        (a) =>
          !a.disabled && !a.suspendedHere && (a.id === referral.referredByUserId || a.roles.includes('hr')),
      )
      .map((a) => a.email),
  );
  const link = `${services.config.publicUrl}${ohPaths.referrer.referral.build({ org: organisation.slug, referralId: referral.id })}`;
  for (const to of recipients) {
    await services.mailer.send({
      to,
      subject: `${referral.personName}’s occupational health report is ready to read`,
      ...renderEmail('oh-report-released', {
        name: referral.personName,
        link,
        organisationName: organisation.name,
      }),
    });
  }
}

/**
 * Emails the clinician who wrote the report that the employee asked for a correction, with a link
 * to answer it; the request's words stay in the service.
 */
export async function tellClinicianCorrectionAsked(
  services: Services,
  referral: Referral,
  report: Report,
  correctionId: number,
) {
  const [author, provider] = await Promise.all([
    services.users.findById(report.authorUserId),
    services.organisations.findById(referral.providerOrganisationId),
  ]);
  if (!author || author.disabled || !provider) return;
  const link = `${services.config.publicUrl}${ohPaths.service.correction.build({ org: provider.slug, referralId: referral.id, correctionId })}`;
  await services.mailer.send({
    to: author.email,
    subject: `${referral.personName} asks for a correction to their report`,
    ...renderEmail('oh-report-correction-asked', {
      name: referral.personName,
      link,
      organisationName: provider.name,
    }),
  });
}

/**
 * Adds the report's recommended adjustments to the person's adjustments passport and action plan:
 * those modules react to the event, in this transaction (they hold what they already had once).
 */
export async function addReportAdjustments(
  db: Db,
  services: Services,
  referral: Referral,
  report: Report,
  items: readonly string[],
  byUserId: number,
  onDate: string,
) {
  await services.events.raise('adjustments-recommended', {
    db,
    organisationId: referral.organisationId,
    personId: referral.personId,
    items,
    description: `Recommended by occupational health in the report of ${ukDate(report.releasedOn ?? onDate)}`,
    reviewBy: report.reviewOn && report.reviewOn > onDate ? report.reviewOn : addDays(onDate, 28),
    byUserId,
  });
}
