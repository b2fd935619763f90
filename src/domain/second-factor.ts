/**
 * Who must use a second factor (an authenticator app) when signing in, and the form of recovery
 * codes. Required for the roles that reach other people's health and personnel records or
 * administer accounts (NHS DSPT, ASVS 6.3.3), unless the person signed in through their
 * organisation's single sign-on, whose provider asks for its own second factor.
 */
import type { Grant, Role } from './roles.ts';

/** The roles that require a second factor, in any organisation. */
export const SECOND_FACTOR_ROLES: readonly Role[] = [
  'hr',
  'oh_clinician',
  'oh_admin',
  'organisation_admin',
  'partnership_admin',
];

/** How a session was signed in: with a password (and perhaps a code), or through single sign-on. */
export const SINGLE_SIGN_ON = 'single-sign-on';

/** Whether an account holding these grants must use an authenticator app in this session. */
export function secondFactorRequired(grants: readonly Grant[], signedInWith: string | undefined): boolean {
  if (signedInWith === SINGLE_SIGN_ON) return false;
  return grants.some((g) => SECOND_FACTOR_ROLES.includes(g.role));
}

/** Recovery codes given at once; each works once. */
export const RECOVERY_CODE_COUNT = 10;

/** The 32 letters and digits of a recovery code: no 0, 1, I or O, which are misread. */
export const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A recovery code of 16 characters (80 bits) as shown: four groups of four, "ABCD-EFGH-JKLM-NPQR". */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('A recovery code needs 16 random bytes');
  const characters = [...bytes.slice(0, 16)].map((b) => RECOVERY_ALPHABET[b % 32] ?? 'A').join('');
  return characters.match(/.{4}/g)?.join('-') ?? characters;
}

/** A recovery code as typed, in the form it was made: capitals, no spaces or dashes; null if it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== 16) return null;
  return [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : null;
}

/** An authenticator code as typed: six digits, spaces allowed between them; null if it is not one. */
export function normaliseAuthenticatorCode(typed: string): string | null {
  const code = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}
