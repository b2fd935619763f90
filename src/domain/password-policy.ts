/**
 * Password rules after NCSC and NIST SP 800-63B: at least 12 characters, not a commonly used
 * password, and no composition rules.
 */
import { COMMON_PASSWORDS } from '../reference/common-passwords.ts';

export const MINIMUM_PASSWORD_LENGTH = 12;
export const MAXIMUM_PASSWORD_LENGTH = 256;

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** The reason a password cannot be used, or null when it can. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MINIMUM_PASSWORD_LENGTH)
    return `Password must be at least ${MINIMUM_PASSWORD_LENGTH} characters`;
  if (length > MAXIMUM_PASSWORD_LENGTH)
    return `Password must be ${MAXIMUM_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  const withoutTrailingDigits = lower.replace(/[\d!.]+$/, '');
  if (common.has(lower) || common.has(withoutTrailingDigits)) {
    return 'Password is too common: choose a password that is not on lists of commonly used passwords';
  }
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|abcdefghijkl|qwertyuiop)/.test(lower)) {
    return 'Password is too easy to guess: avoid repeated characters and keyboard sequences';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return 'Password must not contain your email address';
  return null;
}
