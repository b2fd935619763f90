/**
 * Password rules after NCSC, NIST SP 800-63B and OWASP ASVS 6.2: at least 12 characters, no
 * composition rules, and nothing an attacker would try early: a password from breach lists, a
 * repeated or sequential pattern, or one built on a name that goes with the account (its email,
 * its organisation, the product).
 */
import { COMMON_PASSWORDS } from '../reference/common-passwords.ts';

export const MINIMUM_PASSWORD_LENGTH = 12;
export const MAXIMUM_PASSWORD_LENGTH = 256;

/** The product's own name, which people reach for when asked for a password in it. */
export const PRODUCT_NAME = 'Wellwork';

/** What a password is checked against besides the lists: the account's own words. */
export interface PasswordContext {
  /** The account's email: its name part may not be in the password. */
  email?: string;
  /** Names that go with the account: its organisation's, the product's. */
  names?: readonly string[];
}

/** Letters stay letters: what a password reads as, for comparing with words. */
const SWAPS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** Letters left when digits, punctuation and spaces are taken away. */
const letterCount = (text: string) => text.replace(/[^\p{L}]/gu, '').length;

const unswap = (text: string) => text.replace(/[013457@$]/g, (c) => SWAPS[c] ?? c);

/**
 * The ways a password reads, to compare with words: as typed (in lower case), without separators,
 * without digits or punctuation at either end, and with common swaps undone (p@ssw0rd).
 */
function readings(password: string): { lower: string; joined: string; words: string[] } {
  const lower = password.toLowerCase();
  const joined = lower.replace(/[\s._-]+/g, '');
  const bare = joined.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const words = [...new Set([lower, joined, bare, unswap(bare)])].filter(Boolean);
  return { lower, joined, words };
}

function isCommon(word: string): boolean {
  if (common.has(word)) return true;
  // Two of the commonest words together ("summerholiday") are hardly better than one.
  for (let i = 3; i <= word.length - 3; i++) {
    if (common.has(word.slice(0, i)) && common.has(word.slice(i))) return true;
  }
  return false;
}

/** A block said again and again ("abcabcabc"), or a run along the alphabet or digits. */
function isPattern(word: string): boolean {
  if (/^(.+?)\1+$/u.test(word)) return true;
  if (new Set(word).size < 5) return true;
  const codes = [...word].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - (codes[i - 1] ?? 0) === step);
}

/** The words of the names, long enough to be telling, longest first. */
function nameWords(context: PasswordContext): { word: string; shown: string }[] {
  const found = new Map<string, string>();
  for (const name of context.names ?? []) {
    const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
    for (const shown of [...words, name.replace(/[^\p{L}\p{N}]+/gu, '')]) {
      if (shown.length >= 4 && !found.has(shown.toLowerCase())) found.set(shown.toLowerCase(), shown);
    }
  }
  return [...found].map(([word, shown]) => ({ word, shown })).sort((a, b) => b.word.length - a.word.length);
}

/** The reason a password cannot be used, or null when it can. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password].length;
  if (length < MINIMUM_PASSWORD_LENGTH)
    return `Password must be at least ${MINIMUM_PASSWORD_LENGTH} characters`;
  if (length > MAXIMUM_PASSWORD_LENGTH)
    return `Password must be ${MAXIMUM_PASSWORD_LENGTH} characters or fewer`;
  const { lower, joined, words } = readings(password);
  if (words.some(isCommon)) {
    return 'Password is too common: choose a password that is not on lists of commonly used passwords';
  }
  if (words.some(isPattern)) {
    return 'Password is too easy to guess: avoid repeated characters, repeated patterns and sequences like abcdef or 123456';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return 'Password must not contain your email address';
  // A name with a little added ("Merrowby2026!") is among the first things anyone would try.
  let rest = unswap(joined);
  let first: string | null = null;
  for (const { word, shown } of nameWords(context)) {
    if (!rest.includes(word)) continue;
    first ??= shown;
    rest = rest.split(word).join(' ');
  }
  if (first !== null && letterCount(rest) < 8) {
    return `Password must not be built on the name ${first}: add words of your own`;
  }
  return null;
}
