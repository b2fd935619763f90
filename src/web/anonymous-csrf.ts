import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Form tokens for people who have not signed in (the sign-in form). Their secret is kept in a
 * signed, httpOnly cookie of its own rather than in a session, so that showing the sign-in page
 * to anyone, or to anything, stores nothing on the server. Signed-in people's forms keep their
 * secret in the session (`@fastify/csrf-protection`).
 */
export const ANONYMOUS_CSRF_COOKIE = 'wellwork.csrf';

const tokens = Tokens();

function secretOf(request: FastifyRequest): string | null {
  // Routes registered before the cookie plugin (health checks) have no cookies parsed.
  const cookie = (request.cookies as FastifyRequest['cookies'] | null)?.[ANONYMOUS_CSRF_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** A token for a form on a page shown to someone not signed in; sets the cookie if need be. */
export function anonymousCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const kept = secretOf(request);
  if (kept) return tokens.create(kept);
  const secret = tokens.secretSync();
  void reply.setCookie(ANONYMOUS_CSRF_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    secure: 'auto',
  });
  return tokens.create(secret);
}

/** Whether a form sent by someone not signed in carries a token made for their cookie. */
export function anonymousCsrfValid(request: FastifyRequest): boolean {
  const secret = secretOf(request);
  const token = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  return secret !== null && typeof token === 'string' && tokens.verify(secret, token);
}
