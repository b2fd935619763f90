import {
  dailyRemindersLoadedWhenSent,
  homePageLoadedWhenShown,
  type Capability,
} from '../../web/capability.ts';

/** Action plans. */
export const capability: Capability = {
  name: 'Action plans',
  routes: (services) => async (app) => {
    const { actionPlansRoutes } = await import('./routes.ts');
    await app.register(actionPlansRoutes(services));
  },
  homePage: homePageLoadedWhenShown(['line_manager'], () => import('./home-page.ts')),
  dailyReminders: dailyRemindersLoadedWhenSent(['Action plan reviews'], () => import('./daily-reminders.ts')),
  reactions: {
    // Adjustments an occupational health report recommends, added by the manager: goals of the plan.
    'adjustments-recommended': async (event) => {
      const { addRecommendedAdjustments } = await import('./action-plans-repository.ts');
      await addRecommendedAdjustments(event.db, event.organisationId, event.personId, event.items, event);
    },
  },
};
