import type { organisations } from '../db/schema.ts';
import type { Grant } from '../domain/roles.ts';

/** An organisation as on record, with its settings. */
export type OrganisationRecord = typeof organisations.$inferSelect;

/** The signed-in person, loaded afresh on every request. */
export interface Principal {
  userId: number;
  email: string;
  displayName: string;
  grants: Grant[];
  /** The organisations the account holds any role in, by name. */
  organisations: { id: number; slug: string; name: string }[];
  /** The person record the account belongs to, in each organisation where there is one. */
  personIds: Map<number, number>;
  /** Whether the account has an authenticator app it has confirmed (its second factor). */
  hasAuthenticator: boolean;
}

export interface OrganisationContext {
  id: number;
  slug: string;
  name: string;
  fullTimeHours: number;
  region: string;
  policyModel: string;
}

/**
 * Who may reach a route. Every route declares one; a route without it cannot be registered.
 * - `public`: anyone; `signed-in`: any signed-in person;
 * - a permission: checked in the organisation named by the `:org` parameter (or partnership-wide);
 * - `api`: an API key with the scope named.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | {
      kind: 'permission';
      /** A permission a module declares (`Capability.permissions`). */ permission: string;
    }
  | { kind: 'api'; scope: ApiScope };

/** The person whose records a request reaches, and the reader's relation to them ("hr", "manager"…). */
export interface RecordAccess {
  personId: number;
  relation: string;
}

/** A file sent with a multipart form. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

export const API_SCOPES = ['organisation:read', 'people:read', 'people:write', 'reports:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The API scopes whose answers hold health data, or pay (people with salary): every read is audited. */
export const HEALTH_DATA_SCOPES: readonly ApiScope[] = ['people:read', 'reports:read'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Audit event written when the route is used, for reads of other people's records; required
     * on every GET that shows health data (`showsHealthData`). Not written again when the handler
     * wrote its own event (`audit()` in `audit.ts`).
     */
    audit?: string;
    /**
     * The person whose records the route reads or writes, named by a route parameter, and the
     * rule (declared by a module, `Capability.recordAccess`) of who may: checked before the
     * handler runs, answering 404 to anyone the rule refuses, so that no handler checks by hand.
     * The handler finds the reader's relation to the person in `request.recordAccess`.
     */
    record?: { person: string; rule: string };
    /**
     * The route is open to a signed-in person who must still set up an authenticator app before
     * anything else (setting it up, signing out): every other route sends them to set it up.
     */
    beforeSecondFactor?: boolean;
    /** 'figures': the page is kept while the organisation's figures stand (`figures-cache.ts`). */
    cache?: 'figures';
  }
  interface FastifyRequest {
    principal: Principal | null;
    organisation: OrganisationContext | null;
    /** The organisation of the request as on record, read once by the access check. */
    organisationRecord: OrganisationRecord | null;
    apiKey: { organisationId: number; id: number; scopes: string[] } | null;
    /** The key a page of figures is kept under, when it may be kept. */
    figuresCacheKey: string | null;
    /** Responses at other addresses made with the page, kept along with it (`keepAlongside`). */
    keptAlongside: { url: string; type: string; body: string }[] | null;
    /** The person whose records the route declares, and how the reader may reach them. */
    recordAccess: RecordAccess | null;
    /** The script nonce and form token the page was rendered with. */
    renderedWith: { nonce: string; csrfToken: string } | null;
  }
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface Session {
    userId?: number;
    signedInAt?: number;
    /** How the person signed in: with single sign-on, their organisation's provider vouched for them. */
    signedInWith?: 'password' | 'single-sign-on';
    /** A sign-in at an organisation's provider under way (`modules/auth/single-sign-on-service.ts`). */
    singleSignOn?: {
      organisationId: number;
      state: string;
      nonce: string;
      codeVerifier: string;
      returnTo: string;
      startedAt: number;
    };
    /**
     * A sign-in whose password was right, waiting for the code from the account's authenticator
     * app: nobody is signed in until it comes. The throttle's count of the password attempt is
     * kept, to be taken back only when the code is right.
     */
    pendingSignIn?: {
      userId: number;
      email: string;
      returnTo: string;
      startedAt: number;
      attempt: { at: number; addressLastFailedAt: number };
    };
    flash?: { title: string; text?: string };
  }
}
