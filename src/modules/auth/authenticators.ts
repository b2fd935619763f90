/**
 * Authenticator apps (TOTP, RFC 6238, with the `otpauth` library) and recovery codes: setting one
 * up, checking a code at sign-in, and an admin's reset. The shared secret is sealed with the
 * installation's key (`src/sealing.ts`), bound to its account; a code is accepted within one time
 * step either side of now (a phone's clock a little out), and never twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import { deleteSessionsOfUser } from '../../db/sessions-repository.ts';
import {
  normaliseAuthenticatorCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeFrom,
} from '../../domain/second-factor.ts';
import type { Services } from '../../services.ts';
import { authenticatorRepository } from './authenticator-repository.ts';

const ISSUER = 'Wellwork';
const PERIOD = 30;
/** Time steps either side of now whose codes are accepted. */
const DRIFT = 1;

const sealContext = (userId: number) => `authenticator:${userId}`;

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(`recovery-code:${normalised}`).digest('hex');
}

/** What setting up an app shows: the secret to type, the otpauth:// link and its QR code as SVG. */
export interface SetUp {
  secret: string;
  /** The secret in groups of four, easier to type. */
  secretGrouped: string;
  uri: string;
  qrSvg: string;
}

export type CodeCheck = 'accepted' | 'wrong' | 'used';

export function authenticators(services: Services) {
  const repository = () => authenticatorRepository(services.database.system);

  /** The account's secret, opened; fails closed (throws) if it does not open. */
  const secretOf = (userId: number, sealed: string) => services.sealer.open(sealed, sealContext(userId));

  return {
    /** Whether the account has an authenticator app it has confirmed. */
    async isConfirmed(userId: number): Promise<boolean> {
      const app = await repository().find(userId);
      return app?.confirmedAt != null;
    },

    async status(userId: number) {
      const app = await repository().find(userId);
      const confirmedAt = app?.confirmedAt ?? null;
      return {
        confirmedAt,
        recoveryCodesLeft: confirmedAt ? await repository().unusedRecoveryCodes(userId) : 0,
      };
    },

    /**
     * The app being set up for the account: the secret already kept, if one is being set up,
     * else a new one. Null if the account already has a confirmed app.
     */
    async setUp(userId: number, accountName: string): Promise<SetUp | null> {
      const existing = await repository().find(userId);
      if (existing?.confirmedAt) return null;
      let secret: string;
      if (existing) secret = secretOf(userId, existing.secretSealed);
      else {
        secret = new Secret({ size: 20 }).base32;
        await repository().startSetUp(userId, services.sealer.seal(secret, sealContext(userId)));
      }
      const uri = totpOf(secret, accountName).toString();
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      // Drawn by the library from the link alone; named for screen readers, who type the key.
      const qrSvg = svg.replace(
        '<svg ',
        '<svg role="img" aria-label="QR code of your authenticator key" focusable="false" width="220" height="220" ',
      );
      return { secret, secretGrouped: secret.match(/.{1,4}/g)?.join(' ') ?? secret, uri, qrSvg };
    },

    /**
     * Checks a code from the account's app at `at`: accepted once, which confirms an app being
     * set up. At sign-in (`confirmedOnly`), only a confirmed app's codes count.
     */
    async checkCode(
      userId: number,
      typed: string,
      options: { confirmedOnly?: boolean; at?: Date } = {},
    ): Promise<CodeCheck> {
      const at = options.at ?? new Date();
      const code = normaliseAuthenticatorCode(typed);
      const app = await repository().find(userId);
      if (!code || !app || (options.confirmedOnly && !app.confirmedAt)) return 'wrong';
      const totp = totpOf(secretOf(userId, app.secretSealed), String(userId));
      const delta = totp.validate({ token: code, timestamp: at.getTime(), window: DRIFT });
      if (delta === null) return 'wrong';
      const step = totp.counter({ timestamp: at.getTime() }) + delta;
      return (await repository().useStep(userId, step, at)) ? 'accepted' : 'used';
    },

    /** Uses one of the account's recovery codes: true if it was one, unused. */
    async useRecoveryCode(userId: number, typed: string, at = new Date()): Promise<boolean> {
      const code = normaliseRecoveryCode(typed);
      if (!code || !(await this.isConfirmed(userId))) return false;
      return repository().useRecoveryCode(userId, hashRecoveryCode(code), at);
    },

    /** New recovery codes for the account, replacing any it had: shown once, only their hashes kept. */
    async newRecoveryCodes(userId: number): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(randomBytes(16)));
      await repository().replaceRecoveryCodes(
        userId,
        codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c) ?? c)),
      );
      return codes;
    },

    /**
     * An admin's reset of an account's app: it and its recovery codes go, every session of the
     * account ends, and the reset is audited. At its next sign-in the account sets up an app again
     * if its roles require one.
     */
    async reset(userId: number, by: { userId: number; organisationId: number }): Promise<boolean> {
      const removed = await services.database.transaction(async (db) => {
        const had = await authenticatorRepository(db).remove(userId);
        if (!had) return false;
        await deleteSessionsOfUser(db, userId);
        await recordAuditEvent(db, {
          organisationId: by.organisationId,
          userId: by.userId,
          action: 'authenticator.reset',
          subjectType: 'user',
          subjectId: String(userId),
        });
        return true;
      });
      return removed;
    },
  };
}

export type Authenticators = ReturnType<typeof authenticators>;
