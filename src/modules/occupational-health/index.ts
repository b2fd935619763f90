import { homeLinks, homePageLoadedWhenShown, type Capability } from '../../web/capability.ts';
import { ohPaths } from './occupational-health-paths.ts';

/**
 * Occupational health casework: referrals with the employee's consent, triage, appointments,
 * sealed clinical notes, and the fitness-for-work report under the Faculty of Occupational
 * Medicine's consent rules. One organisation's OH service serves itself and the organisations the
 * partnership admin marks as its clients.
 */
export const capability: Capability = {
  name: 'Occupational health',
  routes: (services) => async (app) => {
    const pages = await Promise.all([
      import('./partnership-pages.ts').then((m) => m.partnershipPages),
      import('./referral-pages.ts').then((m) => m.referralPages),
      import('./own-referral-pages.ts').then((m) => m.ownReferralPages),
      import('./casework-pages.ts').then((m) => m.caseworkPages),
      import('./note-pages.ts').then((m) => m.notePages),
      import('./report-pages.ts').then((m) => m.reportPages),
      import('./report-review-pages.ts').then((m) => m.reportReviewPages),
      import('./appointment-pages.ts').then((m) => m.appointmentPages),
    ]);
    // The sections each part adds to the pages about a case, in the order shown.
    await import('./appointments-section.ts');
    await import('./notes-section.ts');
    await import('./report-section.ts');
    for (const routes of pages) await app.register(routes(services));
  },
  navigation: [
    {
      text: 'OH services',
      permission: 'partnership.oh-services',
      href: () => ohPaths.partnership.services.build(),
    },
    {
      text: 'OH cases',
      permission: 'oh.service',
      href: (org) => ohPaths.service.cases.build({ org }),
    },
    {
      text: 'Clinics',
      permission: 'oh.service',
      href: (org) => ohPaths.service.sessions.build({ org }),
    },
  ],
  homePage: [
    ...homePageLoadedWhenShown(['oh_admin', 'oh_clinician'], () => import('./service-home-page.ts')),
    homeLinks(
      'oh_admin',
      { text: 'OH cases', href: (org) => ohPaths.service.cases.build({ org }) },
      { text: 'The service’s clinicians', href: (org) => ohPaths.service.clinicians.build({ org }) },
      { text: 'OH service settings', href: (org) => ohPaths.service.settings.build({ org }) },
    ),
    homeLinks(
      'oh_clinician',
      { text: 'OH cases', href: (org) => ohPaths.service.cases.build({ org }) },
      { text: 'The service’s clinicians', href: (org) => ohPaths.service.clinicians.build({ org }) },
    ),
    homeLinks('line_manager', {
      text: 'Referrals to occupational health',
      href: (org) => ohPaths.referrer.referrals.build({ org }),
    }),
    homeLinks('hr', {
      text: 'Referrals to occupational health',
      href: (org) => ohPaths.referrer.referrals.build({ org }),
    }),
    {
      role: 'employee',
      // One's own page: only for those with a person record in the organisation.
      part: async ({ organisation, personId }) => ({
        links:
          personId === null
            ? []
            : [
                {
                  href: ohPaths.own.overview.build({ org: organisation.slug }),
                  text: 'My occupational health',
                },
              ],
      }),
    },
  ],
  permissions: {
    'oh.refer': {
      roles: ['line_manager', 'hr'],
      healthData: true,
      description:
        'Refer someone to occupational health with their consent, and follow the referral: line managers for their reporting line, HR for everyone.',
    },
    'oh.own': {
      roles: ['employee'],
      description:
        'See your own occupational health referrals, appointments and reports; give or withdraw consent; refer yourself to physiotherapy or counselling.',
    },
    'oh.service': {
      roles: ['oh_admin', 'oh_clinician'],
      healthData: true,
      description:
        'Work the OH service’s cases: triage, book appointments, run clinic lists (in the organisation that runs the service).',
    },
    'oh.administer': {
      roles: ['oh_admin'],
      description:
        'Record the OH service’s clinicians’ professions, and set the service’s settings (in the organisation that runs the service).',
    },
    'oh.clinical': {
      roles: ['oh_clinician'],
      healthData: true,
      description: 'Write and read clinical notes, and write fitness-for-work reports.',
    },
    'partnership.oh-services': {
      roles: ['partnership_admin'],
      description: 'Mark which organisations each occupational health service serves.',
    },
  },
};
