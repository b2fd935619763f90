import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { auditEvents } from '../../db/schema.ts';
import type { Services } from '../../services.ts';
import { HttpProblem } from '../../web/access-control.ts';
import { paths } from '../../web/paths.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export const SIGN_IN_ATTEMPTS_PER_ACCOUNT = 10;
export const SIGN_IN_WINDOW_MINUTES = 5;

const signInForm = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
  returnTo: z.string().optional(),
});

/** Only a path on this service, never another site. */
function safeReturnTo(value: unknown): string {
  // A query may repeat the name, which makes a list: only text can be a path.
  if (
    typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\')
  )
    return value;
  return paths.home.build();
}

function accountKey(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  return `sign-in:${email}`;
}

export function authRoutes(services: Services, config: Config) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      if (error.statusCode === 429 && request.routeOptions.url === paths.signIn.pattern) {
        return reply.status(429).render('auth/views/sign-in.njk', {
          pageTitle: 'Sign in',
          email: signInForm.safeParse(request.body).data?.email ?? '',
          errors: [{ text: error.message, href: '#email' }],
        });
      }
      throw error;
    });

    app.get(paths.signIn.pattern, { config: { access: { kind: 'public' } } }, async (request, reply) => {
      if (request.principal) return reply.redirect(paths.home.build());
      const query = request.query as { returnTo?: string };
      return reply.render('auth/views/sign-in.njk', {
        pageTitle: 'Sign in',
        returnTo: safeReturnTo(query.returnTo),
      });
    });

    app.post(
      paths.signIn.pattern,
      {
        config: {
          access: { kind: 'public' },
          rateLimit: {
            max: SIGN_IN_ATTEMPTS_PER_ACCOUNT,
            timeWindow: SIGN_IN_WINDOW_MINUTES * 60_000,
            hook: 'preHandler',
            keyGenerator: accountKey,
            errorResponseBuilder: () =>
              new HttpProblem(
                429,
                `There have been too many attempts to sign in to this account. Wait ${SIGN_IN_WINDOW_MINUTES} minutes, then try again.`,
              ),
          },
        },
      },
      async (request, reply) => {
        const form = signInForm.safeParse(request.body ?? {});
        const values = form.success ? form.data : { email: '', password: '', returnTo: undefined };
        const errors: { text: string; href: string }[] = [];
        if (!values.email) errors.push({ text: 'Enter your email address', href: '#email' });
        if (!values.password) errors.push({ text: 'Enter your password', href: '#password' });
        if (errors.length === 0) {
          const user = await services.users.findByEmail(values.email);
          const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), values.password);
          if (user && ok && !user.disabled) {
            await request.session.regenerate();
            request.session.set('userId', user.id);
            request.session.set('signedInAt', Date.now());
            await services.database.system.insert(auditEvents).values({
              userId: user.id,
              action: 'signed-in',
              subjectType: 'user',
              subjectId: String(user.id),
            });
            return reply.redirect(safeReturnTo(values.returnTo));
          }
          errors.push({ text: 'The email address or password is not right', href: '#email' });
        }
        return reply.status(errors.length > 0 ? 400 : 200).render('auth/views/sign-in.njk', {
          pageTitle: 'Sign in',
          email: values.email,
          returnTo: safeReturnTo(values.returnTo),
          errors,
        });
      },
    );

    app.post(paths.signOut.pattern, { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect(paths.signIn.build());
    });

    void config;
  };
}
