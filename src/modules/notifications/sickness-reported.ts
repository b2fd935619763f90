import type { Db } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { today } from '../../domain/today.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { paths } from '../../web/paths.ts';
import { renderEmail } from './email-templates.ts';
import type { Mailer } from './mailer.ts';
import { notifyPeople } from './notify.ts';
import { personAndLineManager } from '../people/recipients-queries.ts';

/**
 * Tells a person's line manager that they are off sick: who, and from when, with a link to the
 * absence. Never the reason or anything else about their health. Not sent when the manager
 * recorded it themselves, nor twice for one absence. Returns how many emails were sent.
 */
export async function notifySicknessReported(
  db: Db,
  services: { mailer: Mailer; config: Config },
  organisation: { id: number; slug: string; name: string },
  sickness: { absenceId: number; personId: number; startDate: string; recordedByUserId: number | null },
): Promise<number> {
  const found = await personAndLineManager(db, organisation.id, sickness.personId, today());
  if (!found?.managerId) return 0;
  if (found.managerUserId !== null && found.managerUserId === sickness.recordedByUserId) return 0;
  const link = `${services.config.publicUrl}${paths.organisation.absence.build({
    org: organisation.slug,
    personId: sickness.personId,
    absenceId: sickness.absenceId,
  })}`;
  const email = renderEmail('sickness-reported', {
    name: found.name,
    managerFirstName: found.managerFirstName,
    startDate: sickness.startDate,
    link,
    organisationName: organisation.name,
  });
  return notifyPeople(db, services.mailer, organisation.id, [
    {
      key: `sickness-reported:${sickness.absenceId}`,
      personId: found.managerId,
      subject: `${found.name} is off sick from ${ukDate(sickness.startDate)}`,
      ...email,
    },
  ]);
}
