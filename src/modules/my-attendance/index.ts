import type { Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { myAttendanceRoutes } from './routes.ts';

/** My wellbeing and attendance. */
export const capability: Capability = {
  name: 'My wellbeing and attendance',
  routes: myAttendanceRoutes,
  homePage: [
    {
      role: 'employee',
      // One's own page: only for those with a person record in the organisation.
      part: async ({ organisation, personId }) => ({
        links:
          personId === null
            ? []
            : [
                {
                  href: paths.organisation.myAttendance.build({ org: organisation.slug }),
                  text: 'My wellbeing and attendance',
                },
              ],
      }),
    },
  ],
};
