/**
 * Every email's words come from a pair of Nunjucks templates in emails/: NAME.html.njk for the
 * HTML part and NAME.text.njk for the plain-text part, rendered from the same values. The HTML
 * part extends layout.html.njk (its language, its heading from `heading`, the organisation's
 * name at the foot). The HTML is escaped; the text is not (it is not HTML).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ukDate } from '../../web/nunjucks.ts';

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'emails');

function environment(autoescape: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(directory), {
    autoescape,
    throwOnUndefined: true,
  });
  env.addFilter('ukDate', ukDate);
  return env;
}

const html = environment(true);
const text = environment(false);

/** An email's two parts, rendered from its templates. */
export function renderEmail(name: string, values: Record<string, unknown>): { html: string; text: string } {
  return {
    html: html.render(`${name}.html.njk`, values),
    text: text.render(`${name}.text.njk`, values).trim() + '\n',
  };
}
