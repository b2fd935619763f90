/**
 * The parts of the pages about one referral that each part of the service adds: appointments,
 * notes and the report each show their section on the OH service's case page, on the referrer's
 * page and on the employee's own page. Each section reads what its viewer may see and nothing
 * more, and gives the data its template shows (null: the section is not shown).
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Services } from '../../services.ts';
import type { Referral } from './referrals-repository.ts';

/** Who looks at the referral: the OH service (admin or clinician), the referrer or HR, or the employee. */
export type Viewer = 'service' | 'referrer' | 'employee';

export interface SectionContext {
  db: Db;
  services: Services;
  request: FastifyRequest;
  referral: Referral;
  viewer: Viewer;
  /** Whether the viewer is one of the OH service's clinicians. */
  clinician: boolean;
  /** The slug of the organisation whose addresses the page uses (the provider's, for the service). */
  organisationSlug: string;
  date: string;
}

export interface CaseSection {
  /** The template that shows it, under src/modules. */
  template: string;
  load(context: SectionContext): Promise<Record<string, unknown> | null>;
}

/** The sections, in the order the pages show them. */
export const caseSections: CaseSection[] = [];

/** Each section's data for the viewer, with its template: those with nothing to show left out. */
export async function loadSections(context: SectionContext) {
  const loaded = [];
  for (const section of caseSections) {
    const data = await section.load(context);
    if (data) loaded.push({ template: section.template, data });
  }
  return loaded;
}
