import type { Capability } from '../../web/capability.ts';
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
    await import('./appointments-section.ts');
    const { appointmentPages } = await import('./appointment-pages.ts');
    await app.register(appointmentPages(services));
  },
  navigation: [
    {
      text: 'Clinics',
      permission: 'oh.service',
      href: (org) => ohPaths.service.sessions.build({ org }),
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
