/**
 * Pages for passwords: "Forgot your password?" and the emailed link to choose a new one; and, for
 * the signed-in person, their account page, "Change your password" and "Sign out of every
 * device".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAXIMUM_PASSWORD_LENGTH, passwordProblem, PRODUCT_NAME } from '../../domain/password-policy.ts';
import { waitInWords } from '../../domain/sign-in-throttle.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { paths } from '../../web/paths.ts';
import type { Principal } from '../../web/types.ts';
import { passwordPaths } from './password-paths.ts';
import {
  changePassword,
  resetLinkState,
  resetLinkThrottle,
  resetPassword,
  RESET_LINK_VALID_IN_WORDS,
  sendResetLink,
  signOutEverywhere,
} from './password-service.ts';
import { verifyPassword } from './passwords.ts';

interface FieldError {
  text: string;
  href: string;
}

/** A field as sent, or empty when it is missing, not text, or too long to be what it should. */
const text = (max: number) => z.string().max(max).catch('');

const forgotForm = z.object({ email: text(320).transform((v) => v.trim()) });
const tokenQuery = z.object({ token: text(100) });
const resetForm = z.object({
  token: text(100),
  password: text(100_000),
  confirmPassword: text(100_000),
});
const changeForm = resetForm.omit({ token: true }).extend({ currentPassword: text(100_000) });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problems with a new password and its confirmation, for the fields `password` and `confirmPassword`. */
function newPasswordProblems(
  values: { password: string; confirmPassword: string },
  context: { email: string; names: readonly string[] },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.password) errors.push({ text: 'Enter a new password', href: '#password' });
  else {
    const problem = passwordProblem(values.password, context);
    if (problem) errors.push({ text: problem, href: '#password' });
  }
  if (!values.confirmPassword)
    errors.push({ text: 'Enter your new password again', href: '#confirmPassword' });
  else if (values.password && values.password !== values.confirmPassword) {
    errors.push({ text: 'The passwords you entered do not match', href: '#confirmPassword' });
  }
  return errors;
}

function principalOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal) throw new Error('The route is for signed-in people only');
  return principal;
}

export function passwordPages(services: Services) {
  const throttle = resetLinkThrottle(services.database);
  const signInThrottle = services.signInThrottle;
  const publicAccess = { config: { access: { kind: 'public' as const } } };
  const signedIn = { config: { access: { kind: 'signed-in' as const } } };

  /** The names a password may not be built on: the account's organisations' and the product's. */
  const namesOf = async (userId: number) => {
    const { principal } = await services.users.loadPrincipal(userId);
    return [...(principal?.organisations.map((o) => o.name) ?? []), PRODUCT_NAME];
  };

  const forgotPage = (reply: FastifyReply, email: string, errors: FieldError[] = []) =>
    reply.render('auth/views/forgot-password.njk', {
      pageTitle: 'Forgot your password?',
      backLink: paths.signIn.build(),
      email,
      errors,
    });

  const linkProblemPage = (reply: FastifyReply, state: 'expired' | 'used' | 'unknown') =>
    reply.status(state === 'unknown' ? 400 : 410).render('auth/views/reset-link-problem.njk', {
      pageTitle:
        state === 'expired'
          ? 'This link has expired'
          : state === 'used'
            ? 'This link has already been used'
            : 'This link does not work',
      state,
      validFor: RESET_LINK_VALID_IN_WORDS,
      forgotPassword: passwordPaths.forgotPassword.build(),
    });

  const resetPage = (reply: FastifyReply, token: string, email: string, errors: FieldError[] = []) =>
    reply.render('auth/views/reset-password.njk', {
      pageTitle: 'Choose a new password',
      token,
      email,
      errors,
    });

  const hasPassword = async (userId: number) =>
    Boolean((await services.users.findById(userId))?.passwordHash);

  const changePage = async (reply: FastifyReply, request: FastifyRequest, errors: FieldError[] = []) =>
    reply.render('auth/views/change-password.njk', {
      pageTitle: 'Change your password',
      backLink: passwordPaths.account.build(),
      email: principalOf(request).email,
      errors,
    });

  return async (app: FastifyInstance) => {
    // ---------------------------------------------------------------- forgotten passwords

    app.get(passwordPaths.forgotPassword.pattern, publicAccess, async (_request, reply) =>
      forgotPage(reply, ''),
    );

    app.post(passwordPaths.forgotPassword.pattern, publicAccess, async (request, reply) => {
      const { email } = forgotForm.parse(request.body ?? {});
      if (!email)
        return forgotPage(reply.status(400), email, [{ text: 'Enter your email address', href: '#email' }]);
      if (!EMAIL.test(email)) {
        return forgotPage(reply.status(400), email, [
          { text: 'Enter an email address in the correct format, like name@example.org', href: '#email' },
        ]);
      }
      // Counted whether or not the email has an account, so that refusals reveal nothing either.
      const taken = await throttle.take({ email, address: request.ip });
      if (taken.refused) {
        const where = taken.refused === 'account' ? 'for this email address' : 'from your network';
        void reply.status(429).header('retry-after', String(Math.ceil(taken.waitMs / 1000)));
        return forgotPage(reply, email, [
          {
            text: `There have been too many requests for a link ${where}. Wait ${waitInWords(taken.waitMs)}, then try again.`,
            href: '#email',
          },
        ]);
      }
      // The answer does not wait for the lookup or the email, so its timing tells nothing.
      sendResetLink(services, email, request.log).catch((error: unknown) => {
        request.log.error({ err: error }, 'a link to choose a new password could not be made');
      });
      return reply.render('auth/views/forgot-password-sent.njk', {
        pageTitle: 'Check your email',
        email,
        validFor: RESET_LINK_VALID_IN_WORDS,
        forgotPassword: passwordPaths.forgotPassword.build(),
        signIn: paths.signIn.build(),
      });
    });

    app.get(passwordPaths.resetPassword.pattern, publicAccess, async (request, reply) => {
      const { token } = tokenQuery.parse(request.query ?? {});
      const found = await resetLinkState(services, token);
      if (found.state !== 'usable') return linkProblemPage(reply, found.state);
      return resetPage(reply, token, found.link.email);
    });

    app.post(passwordPaths.resetPassword.pattern, publicAccess, async (request, reply) => {
      const values = resetForm.parse(request.body ?? {});
      const found = await resetLinkState(services, values.token);
      if (found.state !== 'usable') return linkProblemPage(reply, found.state);
      const { link } = found;
      const errors = newPasswordProblems(values, { email: link.email, names: await namesOf(link.userId) });
      if (errors.length > 0) return resetPage(reply.status(400), values.token, link.email, errors);
      // Used by another request meanwhile, or expired while being typed.
      if (!(await resetPassword(services, values.token, values.password))) {
        const now = await resetLinkState(services, values.token);
        return linkProblemPage(reply, now.state === 'usable' ? 'used' : now.state);
      }
      return reply.render('auth/views/password-reset-done.njk', {
        pageTitle: 'Your password has been changed',
        signIn: paths.signIn.build(),
      });
    });

    // ---------------------------------------------------------------- your account

    app.get(passwordPaths.account.pattern, signedIn, async (request, reply) => {
      const principal = principalOf(request);
      return reply.render('auth/views/account.njk', {
        pageTitle: 'Your account',
        displayName: principal.displayName,
        email: principal.email,
        hasPassword: await hasPassword(principal.userId),
        hasAuthenticator: principal.hasAuthenticator,
        authenticator: paths.authenticator.build(),
        changePassword: passwordPaths.changePassword.build(),
        signOutEverywhere: passwordPaths.signOutEverywhere.build(),
      });
    });

    app.get(passwordPaths.changePassword.pattern, signedIn, async (request, reply) => {
      // Accounts that sign in only through single sign-on have no password to change.
      if (!(await hasPassword(principalOf(request).userId))) throw notFound();
      return changePage(reply, request);
    });

    app.post(passwordPaths.changePassword.pattern, signedIn, async (request, reply) => {
      const principal = principalOf(request);
      const user = await services.users.findById(principal.userId);
      if (!user?.passwordHash) throw notFound();
      const values = changeForm.parse(request.body ?? {});
      const errors: FieldError[] = [];
      if (!values.currentPassword) {
        errors.push({ text: 'Enter your current password', href: '#currentPassword' });
      } else {
        // Guesses at the current password count as failed sign-ins to the account.
        const attempt = { email: principal.email, address: request.ip };
        const taken = await signInThrottle.take(attempt);
        if (taken.refused) {
          void reply.status(429).header('retry-after', String(Math.ceil(taken.waitMs / 1000)));
          return changePage(reply, request, [
            {
              text: `There have been too many wrong passwords entered for this account. Wait ${waitInWords(taken.waitMs)}, then try again.`,
              href: '#currentPassword',
            },
          ]);
        }
        const right =
          values.currentPassword.length <= MAXIMUM_PASSWORD_LENGTH * 4 &&
          (await verifyPassword(user.passwordHash, values.currentPassword));
        if (right) await signInThrottle.succeeded(attempt, taken);
        else errors.push({ text: 'Your current password is not right', href: '#currentPassword' });
      }
      errors.push(...newPasswordProblems(values, { email: user.email, names: await namesOf(user.id) }));
      if (errors.length === 0 && (await verifyPassword(user.passwordHash, values.password))) {
        errors.push({ text: 'Choose a password different from your current one', href: '#password' });
      }
      if (errors.length > 0) return changePage(reply.status(400), request, errors);

      // This device stays signed in, under a new session id; every other session ends.
      await request.session.regenerate(['userId', 'signedInAt']);
      await changePassword(services, user.id, values.password, request.session.sessionId);
      request.session.set('flash', {
        title: 'Your password has been changed',
        text: 'You have been signed out of Wellwork on every other device.',
      });
      return reply.redirect(passwordPaths.account.build());
    });

    app.post(passwordPaths.signOutEverywhere.pattern, signedIn, async (request, reply) => {
      await signOutEverywhere(services, principalOf(request).userId);
      await request.session.destroy();
      return reply.redirect(paths.signIn.build());
    });
  };
}
