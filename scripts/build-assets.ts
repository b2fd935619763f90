/**
 * Builds the browser assets into public/, which the server serves under /assets/:
 *
 * - stylesheets/application.css: GOV.UK Frontend and MoJ Frontend components in Wellwork's own
 *   colours and the system font stack (compiled from src/web/assets/application.scss);
 * - javascripts/: the two component libraries (ES modules) and our application.js, which starts
 *   them (pages work without JavaScript; the scripts only enhance them);
 * - images/: our favicon and MoJ Frontend's component icons. GOV.UK Frontend's own assets (the
 *   crown, the crest and the GDS Transport font) are never copied.
 *
 * Nothing is rebuilt when every output is newer than every input, so the server can call this
 * on each start.
 */
import { copyFile, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeModules = path.join(root, 'node_modules');
const sources = path.join(root, 'src/web/assets');
const govukDist = path.join(nodeModules, 'govuk-frontend/dist/govuk');
const mojDist = path.join(nodeModules, '@ministryofjustice/frontend/moj');

/** Wellwork's brand colour, as set in application.scss (teal, shade 25: 7.2:1 on white). */
export const BRAND_COLOUR = '#106165';

/** A rounded square in the brand colour with a white "W" drawn as a line. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  `<rect width="32" height="32" rx="6" fill="${BRAND_COLOUR}"/>` +
  '<path d="M6 10l4 13 3-9 3 9 3-9 3 9 4-13" fill="none" stroke="#fff" stroke-width="2.5" ' +
  'stroke-linejoin="round" stroke-linecap="round"/></svg>\n';

/** The component scripts copied as they are, with their source maps. */
const SCRIPTS = [
  path.join(govukDist, 'govuk-frontend.min.js'),
  path.join(govukDist, 'govuk-frontend.min.js.map'),
  path.join(mojDist, 'moj-frontend.min.js'),
  path.join(mojDist, 'moj-frontend.min.js.map'),
  path.join(sources, 'application.js'),
];

/** MoJ Frontend's component icons (search, sort arrows, add-another and so on): no logos or crests. */
function isComponentIcon(fileName: string): boolean {
  return /^icon-[a-z0-9-]+\.(svg|png)$/.test(fileName);
}

export interface BuildAssetsOptions {
  /** Where to write the assets; public/ at the root of the repository unless given. */
  outDir?: string;
  /** Rebuild even when the outputs look up to date. */
  force?: boolean;
}

async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Writes through a temporary file, so a server reading the file never sees half of it. */
async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

async function copyAtomically(from: string, to: string): Promise<void> {
  const temporary = `${to}.${process.pid}.tmp`;
  await copyFile(from, temporary);
  await rename(temporary, to);
}

/**
 * Reports the warnings raised by our own Sass and keeps quiet about those raised inside GOV.UK
 * Frontend and MoJ Frontend (MoJ Frontend still uses mixins that GOV.UK Frontend 6 deprecates).
 */
const ownWarningsOnly: sass.Logger = {
  warn(message, options) {
    const firstFrame = options.stack?.split('\n')[0] ?? options.span?.url?.pathname ?? '';
    if (firstFrame.includes('node_modules/')) return;
    process.stderr.write(`Sass warning: ${message}\n${options.stack ?? ''}\n`);
  },
};

/** Compiles our stylesheet, compressed. */
export function compileStylesheet(): string {
  const result = sass.compile(path.join(sources, 'application.scss'), {
    loadPaths: [root, nodeModules],
    style: 'compressed',
    quietDeps: true,
    logger: ownWarningsOnly,
  });
  return result.css;
}

export async function buildAssets(options: BuildAssetsOptions = {}): Promise<void> {
  const out = options.outDir ?? path.join(root, 'public');
  const icons = (await readdir(path.join(mojDist, 'assets/images'))).filter(isComponentIcon);
  const stylesheet = path.join(out, 'stylesheets/application.css');
  const favicon = path.join(out, 'images/favicon.svg');
  const copies: [from: string, to: string][] = [
    ...SCRIPTS.map((from): [string, string] => [from, path.join(out, 'javascripts', path.basename(from))]),
    ...icons.map((name): [string, string] => [
      path.join(mojDist, 'assets/images', name),
      path.join(out, 'images', name),
    ]),
  ];

  if (!options.force) {
    const inputs = [
      ...(await filesUnder(sources)),
      fileURLToPath(import.meta.url),
      path.join(nodeModules, 'govuk-frontend/package.json'),
      path.join(nodeModules, '@ministryofjustice/frontend/package.json'),
      ...copies.map(([from]) => from),
    ];
    const outputs = [stylesheet, favicon, ...copies.map(([, to]) => to)];
    const inputTimes = await Promise.all(inputs.map(modifiedAt));
    const outputTimes = await Promise.all(outputs.map(modifiedAt));
    const newestInput = Math.max(...inputTimes.map((t) => t ?? 0));
    const upToDate = outputTimes.every((t) => t !== null && t >= newestInput);
    if (upToDate) return;
  }

  for (const folder of ['stylesheets', 'javascripts', 'images']) {
    await mkdir(path.join(out, folder), { recursive: true });
  }
  const css = compileStylesheet();
  await Promise.all(copies.map(([from, to]) => copyAtomically(from, to)));
  await writeAtomically(favicon, FAVICON_SVG);
  // The stylesheet last: its presence marks a finished build.
  await writeAtomically(stylesheet, css);
}

const runDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  const started = Date.now();
  await buildAssets({ force: process.argv.includes('--force') });
  process.stderr.write(`Assets ready in public/ (${Date.now() - started} ms)\n`);
}
