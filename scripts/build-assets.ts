/**
 * Builds the browser assets into public/: our stylesheet (GOV.UK Frontend and MoJ Frontend,
 * brand-neutral), the component scripts, and our favicon. Skips work that is already done.
 */
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'public');
const sources = path.join(root, 'src/web/assets');

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6e4f"/><path d="M6 10l4 13 3-9 3 9 3-9 3 9 4-13" fill="none" stroke="#fff" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/></svg>\n`;

async function modified(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

async function newestSource(): Promise<number> {
  const files = await readdir(sources);
  const times = await Promise.all(files.map((f) => modified(path.join(sources, f))));
  return Math.max(...times, await modified(path.join(root, 'package-lock.json')));
}

export async function buildAssets(): Promise<void> {
  const css = path.join(out, 'stylesheets/application.css');
  if ((await modified(css)) > (await newestSource())) return;
  await mkdir(path.join(out, 'stylesheets'), { recursive: true });
  await mkdir(path.join(out, 'javascripts'), { recursive: true });
  await mkdir(path.join(out, 'images'), { recursive: true });
  const result = sass.compile(path.join(sources, 'application.scss'), {
    loadPaths: [root, path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    logger: sass.Logger.silent,
  });
  await copyFile(
    path.join(root, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'),
    path.join(out, 'javascripts/govuk-frontend.min.js'),
  );
  await copyFile(
    path.join(root, 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js'),
    path.join(out, 'javascripts/moj-frontend.min.js'),
  );
  await copyFile(path.join(sources, 'application.js'), path.join(out, 'javascripts/application.js'));
  await writeFile(path.join(out, 'images/favicon.svg'), FAVICON);
  await writeFile(css, result.css);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await buildAssets();
}
