import type { Capability } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';

/** My wellbeing and attendance. */
export const capability: Capability = {
  name: 'My wellbeing and attendance',
  routes: (services) => async (app) => {
    const { myAttendanceRoutes } = await import('./routes.ts');
    await app.register(myAttendanceRoutes(services));
  },
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
