import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { waitInWords } from '../../domain/sign-in-throttle.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { isDemoRunning } from '../../db/demo-setting.ts';
import { landingAfterSignIn, startSecondStep } from './authenticator-pages.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { passwordPages } from './password-pages.ts';
import { safeReturnTo } from './return-to.ts';
import { passwordRefusal, singleSignOnChoice } from './single-sign-on-choice.ts';
import { passwordSignInRefusedBy } from './single-sign-on-service.ts';
import { signInAndAudit } from './start-session.ts';

const signInForm = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
  returnTo: z.string().optional(),
});

interface FieldError {
  text: string;
  href: string;
}

/** Why an attempt is refused before its password is checked, in plain words. */
function tooManyAttempts(refused: 'account' | 'address', waitMs: number): string {
  const where = refused === 'account' ? 'to this account' : 'from your network';
  return `There have been too many failed attempts to sign in ${where}. Wait ${waitInWords(waitMs)}, then try again.`;
}

export function authRoutes(services: Services, config: Config) {
  const page = async (
    reply: FastifyReply,
    values: { email?: string; returnTo?: string },
    errors: FieldError[] = [],
    requiredBy: { slug: string } | null = null,
  ) =>
    reply.render('auth/views/sign-in.njk', {
      pageTitle: 'Sign in',
      email: values.email ?? '',
      returnTo: safeReturnTo(values.returnTo, config.publicUrl),
      demo: await isDemoRunning(services.database.system),
      errors,
      singleSignOn: await singleSignOnChoice(services, values.returnTo, requiredBy),
    });

  return async (app: FastifyInstance) => {
    await app.register(passwordPages(services));
    app.get(paths.signIn.pattern, { config: { access: { kind: 'public' } } }, async (request, reply) => {
      if (request.principal) return reply.redirect(paths.home.build());
      const query = request.query as { returnTo?: unknown };
      return page(reply, { returnTo: typeof query.returnTo === 'string' ? query.returnTo : undefined });
    });

    app.post(paths.signIn.pattern, { config: { access: { kind: 'public' } } }, async (request, reply) => {
      const form = signInForm.safeParse(request.body ?? {});
      const values = form.success ? form.data : { email: '', password: '', returnTo: undefined };
      const errors: FieldError[] = [];
      if (!values.email) errors.push({ text: 'Enter your email address', href: '#email' });
      if (!values.password) errors.push({ text: 'Enter your password', href: '#password' });
      if (errors.length > 0) return page(reply.status(400), values, errors);

      const attempt = { email: values.email, address: request.ip };
      const taken = await services.signInThrottle.take(attempt);
      if (taken.refused) {
        const message = tooManyAttempts(taken.refused, taken.waitMs);
        void reply.status(429).header('retry-after', String(Math.ceil(taken.waitMs / 1000)));
        return page(reply, values, [{ text: message, href: '#email' }]);
      }
      const user = await services.users.findByEmail(values.email);
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), values.password);
      if (!user || !ok || user.disabled) {
        return page(reply.status(400), values, [
          { text: 'The email address or password is not right', href: '#email' },
        ]);
      }
      const returnTo = safeReturnTo(values.returnTo, config.publicUrl);
      // With an authenticator app, nobody is signed in until its code comes (a page of its own).
      const codePage = await startSecondStep(services, request, {
        userId: user.id,
        email: values.email,
        returnTo,
        taken,
      });
      if (codePage) return reply.redirect(codePage);
      await services.signInThrottle.succeeded(attempt, taken);
      const requiredBy = await passwordSignInRefusedBy(services, user.id);
      if (requiredBy) {
        return page(
          reply.status(403),
          values,
          [{ text: passwordRefusal(requiredBy), href: '#single-sign-on' }],
          requiredBy,
        );
      }
      await signInAndAudit(services, request, { userId: user.id });
      return reply.redirect(await landingAfterSignIn(services, request, user.id, returnTo));
    });

    const signOut = { access: { kind: 'signed-in' }, beforeSecondFactor: true } as const;
    app.post(paths.signOut.pattern, { config: signOut }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect(paths.signIn.build());
    });
  };
}
