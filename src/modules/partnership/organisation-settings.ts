import { z } from 'zod';
import type { Services } from '../../services.ts';

export const SECTORS = {
  local_government: 'Local government',
  nhs: 'NHS',
  police: 'Police',
  housing: 'Housing association',
  private: 'Private sector',
  voluntary: 'Voluntary and community sector',
  education: 'Education',
  other: 'Other',
} as const;
export type Sector = keyof typeof SECTORS;

export const REGION_NAMES = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
} as const;

import { POLICY_MODELS } from '../../domain/attendance-policies.ts';

export { POLICY_MODELS };

const sectorKeys = Object.keys(SECTORS) as [Sector, ...Sector[]];
const regionKeys = Object.keys(REGION_NAMES) as [keyof typeof REGION_NAMES, ...(keyof typeof REGION_NAMES)[]];
const policyKeys = Object.keys(POLICY_MODELS) as [
  keyof typeof POLICY_MODELS,
  ...(keyof typeof POLICY_MODELS)[],
];

/** An organisation's settings, as entered in the browser or on the command line. */
export const organisationSettings = z.object({
  slug: z
    .string({ error: 'Enter a short name for addresses (the slug)' })
    .trim()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'The slug must be lower-case letters, digits and single hyphens, like "merrowby-council"',
    )
    .max(60, 'The slug must be 60 characters or fewer'),
  name: z
    .string({ error: 'Enter the organisation name' })
    .trim()
    .min(1, 'Enter the organisation name')
    .max(200),
  sector: z.enum(sectorKeys, { error: 'Choose a sector' }),
  region: z.enum(regionKeys, {
    error: 'Choose england-and-wales, scotland or northern-ireland for bank holidays',
  }),
  fullTimeHours: z.coerce
    .number({ error: 'Full-time weekly hours must be a number, like 37.5' })
    .gt(0, 'Full-time weekly hours must be more than 0')
    .max(80, 'Full-time weekly hours must be 80 or fewer'),
  targetDaysPerFte: z.coerce
    .number({ error: 'The absence target must be a number of days per FTE, like 10' })
    .min(0, 'The absence target cannot be negative')
    .max(365, 'The absence target must be 365 days or fewer'),
  onCostRate: z.coerce
    .number({ error: 'The on-cost rate must be a number, like 0.28 for 28%' })
    .min(0, 'The on-cost rate cannot be negative')
    .max(5, 'The on-cost rate must be a fraction, like 0.28 for 28%'),
  policyModel: z.enum(policyKeys, { error: 'Choose a policy model' }),
});

export type OrganisationSettings = z.infer<typeof organisationSettings>;

export const DEFAULT_PARTNERSHIP = { slug: 'partnership', name: 'Wellbeing partnership' };

export async function createOrganisation(
  services: Services,
  settings: OrganisationSettings & { isLead?: boolean; providesOccupationalHealth?: boolean },
) {
  const partnership = await services.organisations.ensurePartnership(
    DEFAULT_PARTNERSHIP.slug,
    DEFAULT_PARTNERSHIP.name,
  );
  return services.organisations.create(partnership.id, settings);
}
