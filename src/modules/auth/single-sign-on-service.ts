/**
 * Single sign-on through an organisation's OpenID Connect provider (Microsoft Entra ID or any
 * other), with `openid-client`: the authorisation code flow with PKCE, its state and nonce kept
 * in the person's session and checked, and the ID token validated by the library (signature,
 * issuer, audience, expiry). Nothing of the protocol is written here.
 *
 * On an account's first sign-in, the person is matched to their employee record by their
 * verified email, in a domain the organisation allows; the account is made (with no password),
 * linked to the record, given the employee role and its identity at the provider recorded.
 * Later sign-ins find the account by that identity (issuer and subject).
 */
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import {
  allowsPlainHttp,
  checkIssuer,
  inAllowedDomain,
  passwordRefusedBy,
} from '../../domain/single-sign-on.ts';
import type { Services } from '../../services.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';
import { singleSignOnRepository, type SingleSignOnRecord } from './single-sign-on-repository.ts';
import { usersRepository } from './users-repository.ts';
import type { Session } from 'fastify';

/** What is asked of the provider: who the person is, and their email address. */
const SCOPE = 'openid email profile';

/** How long someone has to sign in at their provider and come back. */
export const PENDING_FOR_MS = 10 * 60_000;

/** How long a provider's discovered metadata is kept before it is read again. */
const DISCOVERY_KEPT_FOR_MS = 10 * 60_000;

/** A sign-in under way: what the callback must find in the session that started it. */
export type PendingSignIn = NonNullable<Session['singleSignOn']>;

/** Why a sign-in through single sign-on did not sign anyone in. */
export type Refusal =
  | 'nothing-pending'
  | 'not-enabled'
  | 'provider-unreachable'
  | 'cancelled'
  | 'untrusted-answer'
  | 'email-not-verified'
  | 'domain-not-allowed'
  | 'no-employee-record'
  | 'several-employee-records'
  | 'record-linked-elsewhere'
  | 'account-elsewhere'
  | 'account-disabled';

export class SingleSignOnRefused extends Error {
  constructor(
    readonly reason: Refusal,
    readonly detail?: string,
    /** The claim of the ID token that failed the library's check ("aud", "exp"…), if one did. */
    readonly claim?: string,
  ) {
    super(`Single sign-on refused: ${reason}${detail ? ` (${detail}${claim ? `: ${claim}` : ''})` : ''}`);
  }
}

/** The claim an openid-client error (or an error it wraps) names as failing its check, if any. */
function failedClaim(error: unknown): string | undefined {
  let cause = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; depth < 3 && cause && typeof cause === 'object'; depth += 1) {
    const claim = (cause as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The address each organisation registers at its provider, the same for every organisation. */
export function redirectUri(publicUrl: string): string {
  return `${publicUrl}${singleSignOnPaths.callback.build()}`;
}

/** The organisation's settings, read in its own scope. */
export async function singleSignOnOf(services: Services, organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    singleSignOnRepository(db).find(organisationId),
  );
}

/** Every organisation's settings with single sign-on turned on. */
export async function enabledSingleSignOns(services: Services): Promise<SingleSignOnRecord[]> {
  const ids = (await services.organisations.list()).map((o) => o.id);
  if (ids.length === 0) return [];
  return services.database.scoped({ organisationIds: ids }, (db) =>
    singleSignOnRepository(db).enabledAmong(ids),
  );
}

const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/**
 * The provider's configuration for the organisation's client, discovered from its issuer and kept
 * for a while. Plain http is allowed only to a provider on this machine (tests, demonstrations):
 * `openid-client` refuses it for any other.
 */
export function providerConfiguration(
  services: Services,
  settings: Pick<SingleSignOnRecord, 'organisationId' | 'issuer' | 'clientId' | 'clientSecretSealed'>,
): Promise<oidc.Configuration> {
  const issuer = checkIssuer(settings.issuer);
  if (!issuer.ok) return Promise.reject(new SingleSignOnRefused('provider-unreachable', issuer.problem));
  const key = createHash('sha256')
    .update([settings.issuer, settings.clientId, settings.clientSecretSealed].join('\n'))
    .digest('hex');
  const kept = discovered.get(key);
  if (kept && Date.now() - kept.at < DISCOVERY_KEPT_FOR_MS) return kept.configuration;
  const secret = services.sealer.open(
    settings.clientSecretSealed,
    `single-sign-on:${settings.organisationId}`,
  );
  const configuration = oidc.discovery(issuer.url, settings.clientId, secret, undefined, {
    execute: allowsPlainHttp(issuer.url) ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  discovered.set(key, { at: Date.now(), configuration });
  configuration.catch(() => discovered.delete(key));
  return configuration;
}

/** The organisation's single sign-on settings and its provider's configuration, when it is on. */
async function enabledProvider(services: Services, organisationId: number) {
  const settings = await singleSignOnOf(services, organisationId);
  if (!settings?.enabled) throw new SingleSignOnRefused('not-enabled');
  try {
    return { settings, configuration: await providerConfiguration(services, settings) };
  } catch (error) {
    throw new SingleSignOnRefused('provider-unreachable', (error as Error).message);
  }
}

/**
 * The address at the organisation's provider to send the person to, and what their session must
 * keep for the callback: a fresh state, nonce and PKCE verifier for this one sign-in.
 */
export async function startSignIn(
  services: Services,
  organisationId: number,
  returnTo: string,
): Promise<{ url: string; pending: PendingSignIn }> {
  const { configuration } = await enabledProvider(services, organisationId);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const pending: PendingSignIn = {
    organisationId,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    returnTo,
    startedAt: Date.now(),
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(services.config.publicUrl),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, pending };
}

/** Who the provider says signed in: their identity and email. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Completes the sign-in the provider sent the person back from: exchanges the code (with the
 * PKCE verifier, checking the state), has the ID token validated (signature, issuer, audience,
 * expiry, nonce), and reads the person's email from it, or from the provider's userinfo.
 */
export async function completeSignIn(
  services: Services,
  pending: PendingSignIn | undefined,
  currentUrl: URL,
): Promise<ProviderIdentity> {
  if (!pending || Date.now() - pending.startedAt > PENDING_FOR_MS) {
    throw new SingleSignOnRefused('nothing-pending');
  }
  const { configuration } = await enabledProvider(services, pending.organisationId);
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SingleSignOnRefused('untrusted-answer', 'no ID token');
    let { email, email_verified: emailVerified, name } = claims;
    if (email === undefined) {
      // Some providers give the email only from their userinfo endpoint, for the same subject.
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      ({ email, email_verified: emailVerified, name } = info);
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof email === 'string' ? email.trim() : null,
      emailVerified: emailVerified === true,
      name: typeof name === 'string' && name.trim() ? name.trim() : null,
    };
  } catch (error) {
    if (error instanceof SingleSignOnRefused) throw error;
    if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') {
      throw new SingleSignOnRefused('cancelled');
    }
    throw new SingleSignOnRefused('untrusted-answer', (error as Error).message, failedClaim(error));
  }
}

/**
 * The account the identity signs in to: the one it is recorded for; or, on its first sign-in,
 * the account of the employee record with its verified email, made if need be, linked to the
 * record and given the employee role. Refused with the reason otherwise.
 */
export async function accountForIdentity(
  services: Services,
  organisationId: number,
  identity: ProviderIdentity,
): Promise<{ userId: number; created: boolean; firstSignIn: boolean }> {
  const settings = await singleSignOnOf(services, organisationId);
  if (!settings?.enabled) throw new SingleSignOnRefused('not-enabled');
  const outcome = await services.database.scoped({ organisationIds: [organisationId] }, async (db) => {
    const identities = singleSignOnRepository(db);
    const users = usersRepository(db);
    const known = await identities.accountOfIdentity(identity.issuer, identity.subject);
    if (known !== null) {
      const user = await users.findById(known);
      if (!user || user.disabled) throw new SingleSignOnRefused('account-disabled');
      return { userId: user.id, created: false, firstSignIn: false };
    }

    if (!identity.emailVerified || identity.email === null) {
      throw new SingleSignOnRefused('email-not-verified');
    }
    if (!inAllowedDomain(identity.email, settings.allowedDomains)) {
      throw new SingleSignOnRefused('domain-not-allowed');
    }
    const people = personAccountsRepository(db, organisationId);
    const matches = (await people.findByEmail(identity.email)).filter((p) => p.endDate === null);
    const found = matches.length > 0 ? matches : await people.findByEmail(identity.email);
    if (found.length === 0) throw new SingleSignOnRefused('no-employee-record');
    if (found.length > 1) throw new SingleSignOnRefused('several-employee-records');
    const person = found[0]!;

    const existing = await users.findByEmail(identity.email);
    if (person.userId !== null && person.userId !== existing?.id) {
      throw new SingleSignOnRefused('record-linked-elsewhere');
    }
    let userId: number;
    let created = false;
    if (existing) {
      if (existing.disabled) throw new SingleSignOnRefused('account-disabled');
      // An organisation's provider vouches for its own people only: an account with roles in
      // another organisation keeps signing in as it did, so that no organisation can take it.
      const grants = await users.grantsOf(existing.id);
      if (grants.some((g) => g.organisationId !== organisationId)) {
        throw new SingleSignOnRefused('account-elsewhere');
      }
      userId = existing.id;
    } else {
      const user = await users.create({
        email: identity.email,
        displayName: `${person.firstName} ${person.lastName}`,
        passwordHash: null,
      });
      userId = user.id;
      created = true;
    }
    await people.linkPerson(person.id, userId);
    await users.grant(userId, organisationId, ['employee']);
    await identities.addIdentity({ issuer: identity.issuer, subject: identity.subject, userId });
    await recordAuditEvent(db, {
      organisationId,
      userId,
      action: created ? 'single-sign-on.account-created' : 'single-sign-on.account-linked',
      subjectType: 'user',
      subjectId: String(userId),
      detail: { personId: person.id },
    });
    return { userId, created, firstSignIn: true };
  });
  return outcome;
}

/**
 * The organisation whose rule refuses this account a password sign-in (it requires single
 * sign-on, the account's roles are all in organisations that do, and it is not the break-glass
 * account), or null if the password may be used.
 */
export async function passwordSignInRefusedBy(services: Services, userId: number) {
  const grants = await services.users.grantsOf(userId);
  const organisationIds = [...new Set(grants.map((g) => g.organisationId))];
  if (organisationIds.length === 0) return null;
  const settings = await services.database.scoped({ organisationIds }, (db) =>
    singleSignOnRepository(db).enabledAmong(organisationIds),
  );
  const refusedBy = passwordRefusedBy(userId, organisationIds, settings);
  if (refusedBy === null) return null;
  const organisation = await services.organisations.findById(refusedBy);
  return organisation ? { name: organisation.name, slug: organisation.slug } : null;
}

/** The organisations whose single sign-on lets in this email address's domain. */
export async function organisationsForEmail(services: Services, email: string) {
  const settings = (await enabledSingleSignOns(services)).filter((s) =>
    inAllowedDomain(email, s.allowedDomains),
  );
  const organisations = await Promise.all(
    settings.map((s) => services.organisations.findById(s.organisationId)),
  );
  return organisations
    .filter((o) => o !== null && o !== undefined)
    .map((o) => ({ name: o.name, slug: o.slug }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
