/** Referrals as the OH service receives them, written straight into the table for tests. */
import { addDays } from '../domain/dates.ts';
import { today } from '../domain/today.ts';
import type { Services } from '../services.ts';
import { ohReferrals } from '../modules/occupational-health/occupational-health-schema.ts';
import type { NewReferral, Referral } from '../modules/occupational-health/referrals-repository.ts';

/**
 * A management referral from HR, with consent, that reached the provider's service 30 days ago
 * and waits for triage; `values` change any of it.
 */
export async function insertReferral(
  services: Services,
  values: Partial<NewReferral> &
    Pick<NewReferral, 'organisationId' | 'providerOrganisationId' | 'personName' | 'referredByUserId'>,
): Promise<Referral> {
  const referred = addDays(today(), -30);
  const [row] = await services.database.system
    .insert(ohReferrals)
    .values({
      personId: 1,
      kind: 'management',
      referrerRelation: 'hr',
      jobTitle: 'Refuse collector',
      reason: 'Recurrent back pain affecting lifting',
      questions: ['Is the employee fit for their role?', 'What adjustments would help?'],
      jobDemands: 'Lifting bins, walking 10 miles a day',
      absenceHistory: [
        { startDate: '2026-09-01', endDate: '2026-09-12', reason: 'Back pain', workingDays: 10 },
      ],
      status: 'submitted',
      consentGivenOn: referred,
      consentRecordedBy: 'employee',
      referredOn: referred,
      ...values,
    })
    .returning();
  if (!row) throw new Error('The referral was not written');
  return row;
}
