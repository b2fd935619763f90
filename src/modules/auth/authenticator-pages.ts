/**
 * The pages of the second factor: the second step of signing in (a code from the authenticator
 * app, or a recovery code), and one's own authenticator app: setting it up (a QR code, the secret
 * to type, an otpauth:// link), confirming it with a code, and recovery codes shown once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import { waitInWords } from '../../domain/sign-in-throttle.ts';
import { normaliseAuthenticatorCode, secondFactorRequired } from '../../domain/second-factor.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import type { AttemptTaken } from './sign-in-throttle.ts';
import { authenticators } from './authenticators.ts';
import { safeReturnTo } from './return-to.ts';
import { signInAndAudit } from './start-session.ts';

/** How long a right password waits for its code before signing in starts again. */
const PENDING_FOR_MS = 10 * 60_000;

const fieldText = (body: unknown, key: string): string => {
  const value = (body as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value.trim().slice(0, 100) : '';
};

/**
 * Called by sign-in once the password is right: if the account has an authenticator app, nobody
 * is signed in yet; the session (a new one) waits for the code, and the answer is where to ask
 * for it. Null if the account has no app and may be signed in now.
 */
export async function startSecondStep(
  services: Services,
  request: FastifyRequest,
  sign: { userId: number; email: string; returnTo: string; taken: AttemptTaken },
): Promise<string | null> {
  if (!(await authenticators(services).isConfirmed(sign.userId))) return null;
  await request.session.regenerate();
  request.session.set('pendingSignIn', {
    userId: sign.userId,
    email: sign.email,
    returnTo: sign.returnTo,
    startedAt: Date.now(),
    attempt: { at: sign.taken.at.getTime(), addressLastFailedAt: sign.taken.addressLastFailedAt.getTime() },
  });
  return paths.signInCode.build();
}

/**
 * Where someone just signed in goes: to set up an authenticator app first if their roles
 * require one and they have none, else where they were going.
 */
export async function landingAfterSignIn(
  services: Services,
  request: FastifyRequest,
  userId: number,
  returnTo: string,
): Promise<string> {
  const { principal } = await services.users.loadPrincipal(userId);
  if (
    principal &&
    !principal.hasAuthenticator &&
    secondFactorRequired(principal.grants, request.session.get('signedInWith'))
  ) {
    return `${paths.authenticator.build()}?returnTo=${encodeURIComponent(returnTo)}`;
  }
  return returnTo;
}

export function authenticatorPages(services: Services) {
  const apps = authenticators(services);
  const { config } = services;

  const codePage = (reply: FastifyReply, errors: FieldError[] = []) =>
    reply.render('auth/views/sign-in-code.njk', {
      pageTitle: 'Enter the code from your authenticator app',
      errors,
      backLink: paths.signIn.build(),
    });

  /** The sign-in waiting for its code, if it has not waited too long. */
  function pendingOf(request: FastifyRequest) {
    const pending = request.session.get('pendingSignIn');
    if (!pending || Date.now() - pending.startedAt > PENDING_FOR_MS) return null;
    return pending;
  }

  const setUpPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: { userId: number; email: string; grants: Parameters<typeof secondFactorRequired>[0] },
    returnTo: string,
    errors: FieldError[] = [],
  ) => {
    const setUp = await apps.setUp(principal.userId, principal.email);
    if (!setUp) return reply.redirect(paths.authenticator.build());
    return reply.render('auth/views/authenticator-set-up.njk', {
      pageTitle: 'Set up an authenticator app',
      required: secondFactorRequired(principal.grants, request.session.get('signedInWith')),
      setUp,
      returnTo,
      errors,
    });
  };

  const codesPage = (reply: FastifyReply, codes: string[], returnTo: string, first: boolean) =>
    reply.render('auth/views/recovery-codes.njk', {
      pageTitle: 'Your recovery codes',
      codes,
      first,
      continueHref: returnTo,
    });

  return async (app: FastifyInstance) => {
    app.get(paths.signInCode.pattern, { config: { access: { kind: 'public' } } }, async (request, reply) => {
      if (request.principal) return reply.redirect(paths.home.build());
      if (!pendingOf(request)) return reply.redirect(paths.signIn.build());
      return codePage(reply);
    });

    app.post(paths.signInCode.pattern, { config: { access: { kind: 'public' } } }, async (request, reply) => {
      if (request.principal) return reply.redirect(paths.home.build(), 303);
      const pending = pendingOf(request);
      if (!pending) return reply.redirect(paths.signIn.build(), 303);
      const typed = fieldText(request.body, 'code');
      if (!typed) {
        return codePage(reply.status(400), [
          { text: 'Enter the 6-digit code from your authenticator app, or a recovery code', href: '#code' },
        ]);
      }
      // Wrong codes are counted with wrong passwords, against the account and the address.
      const attempt = { email: pending.email, address: request.ip };
      const taken = await services.signInThrottle.take(attempt);
      if (taken.refused) {
        void reply.status(429).header('retry-after', String(Math.ceil(taken.waitMs / 1000)));
        return codePage(reply, [
          {
            text: `There have been too many failed attempts to sign in to this account. Wait ${waitInWords(taken.waitMs)}, then try again.`,
            href: '#code',
          },
        ]);
      }
      const byApp = normaliseAuthenticatorCode(typed) !== null;
      const result = byApp
        ? await apps.checkCode(pending.userId, typed, { confirmedOnly: true })
        : (await apps.useRecoveryCode(pending.userId, typed))
          ? 'accepted'
          : 'wrong';
      if (result !== 'accepted') {
        const text =
          result === 'used'
            ? 'That code has already been used: wait for your app to show a new one'
            : byApp
              ? 'The code is not right: enter the code your app shows now'
              : 'Enter the 6-digit code from your authenticator app, or one of your recovery codes that has not been used';
        return codePage(reply.status(400), [{ text, href: '#code' }]);
      }
      // Both attempts succeeded: the code's, then the password's, counts are taken back.
      await services.signInThrottle.succeeded(attempt, taken);
      await services.signInThrottle.succeeded(attempt, {
        refused: null,
        at: new Date(pending.attempt.at),
        addressLastFailedAt: new Date(pending.attempt.addressLastFailedAt),
      });
      await signInAndAudit(services, request, {
        userId: pending.userId,
        detail: { secondFactor: byApp ? 'authenticator-app' : 'recovery-code' },
      });
      if (!byApp) {
        const left = (await apps.status(pending.userId)).recoveryCodesLeft;
        request.session.set('flash', {
          title: `You signed in with a recovery code. You have ${left} left.`,
          text: 'Get new recovery codes from your authenticator app page if you are running out.',
        });
      }
      return reply.redirect(safeReturnTo(pending.returnTo, config.publicUrl), 303);
    });

    app.get(
      paths.authenticator.pattern,
      { config: { access: { kind: 'signed-in' }, beforeSecondFactor: true } },
      async (request, reply) => {
        const principal = request.principal;
        if (!principal) throw notFound();
        const query = request.query as { returnTo?: unknown };
        const returnTo = safeReturnTo(query.returnTo, config.publicUrl);
        const status = await apps.status(principal.userId);
        if (!status.confirmedAt) return setUpPage(request, reply, principal, returnTo);
        return reply.render('auth/views/authenticator.njk', {
          pageTitle: 'Your authenticator app',
          confirmedAt: status.confirmedAt,
          recoveryCodesLeft: status.recoveryCodesLeft,
          backLink: paths.home.build(),
        });
      },
    );

    app.post(
      paths.authenticator.pattern,
      { config: { access: { kind: 'signed-in' }, beforeSecondFactor: true } },
      async (request, reply) => {
        const principal = request.principal;
        if (!principal) throw notFound();
        const returnTo = safeReturnTo(fieldText(request.body, 'returnTo'), config.publicUrl);
        if (principal.hasAuthenticator) return reply.redirect(paths.authenticator.build(), 303);
        const typed = fieldText(request.body, 'code');
        const problem = !typed
          ? 'Enter the 6-digit code your authenticator app shows'
          : normaliseAuthenticatorCode(typed) === null
            ? 'Enter the code as 6 digits, like 123456'
            : null;
        const result = problem ? null : await apps.checkCode(principal.userId, typed);
        if (result !== 'accepted') {
          const text =
            problem ??
            (result === 'used'
              ? 'That code has already been used: wait for your app to show a new one'
              : 'The code is not right: check the app is set up with this key, and enter the code it shows now');
          return setUpPage(request, reply.status(400), principal, returnTo, [{ text, href: '#code' }]);
        }
        const codes = await apps.newRecoveryCodes(principal.userId);
        await recordAuditEvent(services.database.system, {
          userId: principal.userId,
          action: 'authenticator.set-up',
          subjectType: 'user',
          subjectId: String(principal.userId),
        });
        // The codes are shown this once and never kept: so no redirect here.
        return codesPage(reply, codes, returnTo, true);
      },
    );

    app.post(
      paths.recoveryCodes.pattern,
      { config: { access: { kind: 'signed-in' } } },
      async (request, reply) => {
        const principal = request.principal;
        if (!principal?.hasAuthenticator) throw notFound();
        const codes = await apps.newRecoveryCodes(principal.userId);
        await recordAuditEvent(services.database.system, {
          userId: principal.userId,
          action: 'authenticator.recovery-codes-replaced',
          subjectType: 'user',
          subjectId: String(principal.userId),
        });
        return codesPage(reply, codes, paths.authenticator.build(), false);
      },
    );
  };
}
