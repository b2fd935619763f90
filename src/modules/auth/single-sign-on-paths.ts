import { path } from '../../web/paths.ts';

/** The addresses of single sign-on. */
export const singleSignOnPaths = {
  /** The sign-in page's "sign in with your organisation's account": the work email first. */
  findOrganisation: path('/sign-in/single-sign-on'),
  /** Where each organisation's provider sends people back: one address for every organisation. */
  callback: path('/sign-in/single-sign-on/callback'),
  /** Starts signing in through the organisation's provider. */
  start: path('/o/:org/sign-in/single-sign-on'),
  /** The organisation admin's settings. */
  settings: path('/o/:org/single-sign-on'),
};
