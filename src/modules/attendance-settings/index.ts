import { homeLinks, type Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** The attendance policy and its settings. */
export const capability: Capability = {
  name: 'The attendance policy and its settings',
  routes: (services) => async (app) => {
    const { attendanceSettingsRoutes } = await import('./routes.ts');
    await app.register(attendanceSettingsRoutes(services));
  },
  homePage: [
    homeLinks('hr', {
      text: 'Attendance policy settings',
      href: (org) => paths.organisation.attendanceSettings.build({ org }),
    }),
  ],
  permissions: {
    'attendance.configure': {
      roles: ['hr'],
      description:
        'HR’s settings for the attendance policy: review and notice periods, triggers, support, letters.',
    },
    'attendance.oversee': {
      roles: ['hr'],
      healthData: true,
      description: 'HR’s oversight of every review and case in the organisation.',
    },
    'attendance.casework': {
      roles: ['line_manager', 'hr'],
      healthData: true,
      description:
        'Welcome-back reviews, action plans, passports and cases: managers for their reporting line, HR for all.',
    },
    'attendance.self-service': {
      roles: ['employee'],
      description: 'One’s own reviews, plans, passport, meetings and letters.',
    },
  },
};
