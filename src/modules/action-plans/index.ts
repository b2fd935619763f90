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
};
