/**
 * The words a person reads on a rendered page: its text, without scripts, styles, `<code>`, the
 * values in form fields or what is written only for machines (attributes such as `datetime` or `href`).
 */
import * as cheerio from 'cheerio';

/** The visible text of an HTML page, one line per block of text, trimmed. */
export function visibleText(html: string): string[] {
  const $ = cheerio.load(html);
  // `<code>` marks text written for machines on purpose, such as the start of an API key.
  $('script, style, template, noscript, textarea, code').remove();
  return $('body')
    .text()
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** A code written in snake_case, such as `medical_appointment` or `line_manager`. */
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
/** An email address, which may hold underscores as it likes. */
const EMAIL_ADDRESS = /[^\s@]+@[^\s@]+/g;
/** A date written for machines, such as 2026-11-11. */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** The codes and machine-written dates in lines of text a person reads, each with its line. */
export function unreadableWords(lines: readonly string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    const words = line.replace(EMAIL_ADDRESS, '');
    for (const match of words.matchAll(SNAKE_CASE)) found.push(`code "${match[0]}" in: ${line}`);
    for (const match of words.matchAll(ISO_DATE)) found.push(`date "${match[0]}" in: ${line}`);
  }
  return found;
}
