import { path } from '../../web/paths.ts';

/** The addresses of forgotten and changed passwords, and of the signed-in person's account. */
export const passwordPaths = {
  forgotPassword: path('/forgot-password'),
  /** The emailed link: its secret is in the query (`?token=`), which the logs withhold. */
  resetPassword: path('/reset-password'),
  account: path('/account'),
  changePassword: path('/account/change-password'),
  signOutEverywhere: path('/account/sign-out-everywhere'),
};
