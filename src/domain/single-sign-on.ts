/**
 * The rules of single sign-on through an organisation's OpenID Connect provider that need no
 * I/O: which issuer addresses may be used, how allowed email domains are written, and who may
 * still sign in with a password when an organisation requires single sign-on.
 */

/** Host names that name this machine: the only ones reached over plain http. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether the address is on this machine (a provider run for tests or a demonstration). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/**
 * An issuer address as given, or why it cannot be used: an absolute https address, or http only
 * to this machine (a provider run for tests or a demonstration); no query, fragment or password.
 */
export function checkIssuer(text: string): { ok: true; url: URL } | { ok: false; problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'Enter the issuer as a full web address, starting with https://' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    return { ok: false, problem: 'Enter an issuer address that starts with https://' };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, problem: 'Enter the issuer address without anything after a ? or #' };
  }
  return { ok: true, url };
}

/** Whether plain http may be used to reach this issuer: only on this machine, never otherwise. */
export function allowsPlainHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && isLoopback(issuer);
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Email domains as an admin types them (separated by commas, spaces or lines, with or without
 * "@"), lower case and without repeats; and those that are not domains, as typed.
 */
export function parseDomains(text: string): { domains: string[]; invalid: string[] } {
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const domain = part.trim().replace(/^@/, '').toLowerCase();
    if (!domain) continue;
    if (!DOMAIN.test(domain)) invalid.push(part.trim());
    else if (!domains.includes(domain)) domains.push(domain);
  }
  return { domains, invalid };
}

/** The domain of an email address, lower case, or null if it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/** Whether the email address is in one of the allowed domains (exactly: no subdomains). */
export function inAllowedDomain(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.includes(domain);
}

/** An organisation's single sign-on as far as password sign-in is concerned. */
export interface SingleSignOnRequirement {
  organisationId: number;
  enabled: boolean;
  required: boolean;
  breakGlassUserId: number | null;
}

/**
 * The organisation whose rule refuses this account a password sign-in, or null if it may sign
 * in with its password. An organisation that requires single sign-on refuses everyone whose
 * roles are all in organisations that require it, except its break-glass account; an account
 * with roles in an organisation that does not require it (a partnership admin's, say) keeps its
 * password.
 */
export function passwordRefusedBy(
  userId: number,
  organisationIds: readonly number[],
  settings: readonly SingleSignOnRequirement[],
): number | null {
  const distinct = [...new Set(organisationIds)];
  if (distinct.length === 0) return null;
  const requiring = (id: number) =>
    settings.find((s) => s.organisationId === id && s.enabled && s.required) ?? null;
  if (!distinct.every((id) => requiring(id) !== null)) return null;
  if (distinct.some((id) => requiring(id)?.breakGlassUserId === userId)) return null;
  return distinct[0] ?? null;
}
