import { paths } from '../../web/paths.ts';

/**
 * Where to go after signing in: a path on this service, or the home page. The value is read as
 * a browser would read it, against the address people use (PUBLIC_URL), and must stay there.
 * Browsers drop tabs and line breaks from addresses and read `\` as `/`, so `/\t/evil.example`
 * or `/\evil.example` would lead to another site: anything but printable ASCII is refused
 * outright, as is a backslash, and so no value can reach a response header unsafely either.
 */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  const home = paths.home.build();
  // A query may repeat the name, which makes a list: only text can be a path.
  if (typeof value !== 'string' || !/^\/[\x21-\x7e]*$/.test(value) || value.includes('\\')) return home;
  let base: URL;
  let target: URL;
  try {
    base = new URL(publicUrl);
    target = new URL(value, base);
  } catch {
    return home;
  }
  if (target.origin !== base.origin) return home;
  return `${target.pathname}${target.search}${target.hash}`;
}
