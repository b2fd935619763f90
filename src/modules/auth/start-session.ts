import type { FastifyRequest } from 'fastify';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import type { Services } from '../../services.ts';

/**
 * Signs the account in on this request: a new session id, so that nothing set before signing in
 * carries over, holding the account, when it signed in and, through single sign-on, how.
 */
export async function beginSession(
  request: FastifyRequest,
  userId: number,
  signedInWith?: 'single-sign-on',
): Promise<void> {
  await request.session.regenerate();
  request.session.set('userId', userId);
  request.session.set('signedInAt', Date.now());
  if (signedInWith) request.session.set('signedInWith', signedInWith);
}

/** `beginSession`, with the sign-in recorded in the audit trail. */
export async function signInAndAudit(
  services: Pick<Services, 'database'>,
  request: FastifyRequest,
  signIn: {
    userId: number;
    organisationId?: number;
    signedInWith?: 'single-sign-on';
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await beginSession(request, signIn.userId, signIn.signedInWith);
  await recordAuditEvent(services.database.system, {
    ...(signIn.organisationId === undefined ? {} : { organisationId: signIn.organisationId }),
    userId: signIn.userId,
    action: 'signed-in',
    subjectType: 'user',
    subjectId: String(signIn.userId),
    ...(signIn.detail === undefined ? {} : { detail: signIn.detail }),
  });
}
