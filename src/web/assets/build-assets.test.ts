import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildAssets, FAVICON_SVG } from '../../../scripts/build-assets.ts';

let out = '';

before(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'wellwork-build-'));
  await buildAssets({ outDir: out });
});

after(async () => {
  await rm(out, { recursive: true, force: true });
});

const read = (file: string) => readFile(path.join(out, file), 'utf8');

test('the stylesheet has the components in our colours and the system fonts, with no GOV.UK font', async () => {
  const css = await read('stylesheets/application.css');
  assert.ok(css.length > 100_000, 'the whole of GOV.UK Frontend and MoJ Frontend');
  for (const selector of [
    '.govuk-service-navigation',
    '.govuk-error-summary',
    '.govuk-date-input',
    '.moj-identity-bar',
  ]) {
    assert.ok(css.includes(selector), selector);
  }
  assert.doesNotMatch(css, /@font-face/);
  assert.doesNotMatch(css, /GDS Transport/);
  assert.doesNotMatch(css, /\/assets\/fonts\//);
  assert.match(css, /font-family:system-ui,-apple-system,"Segoe UI"/);
  // The brand colour is ours, not GOV.UK blue.
  assert.match(
    css,
    /\.govuk-service-navigation--inverse\{[^}]*background-color:var\(--govuk-brand-colour, #106165\)/,
  );
  assert.doesNotMatch(css, /--govuk-brand-colour, #1d70b8/);
  // Compressed, and with our own rules.
  assert.doesNotMatch(css, /\n {2}/);
  assert.match(css, /\.app-sign-out__button\{/);
});

test('the scripts are the two component libraries and ours, which starts both', async () => {
  const scripts = (await readdir(path.join(out, 'javascripts'))).sort();
  assert.deepEqual(scripts, [
    'application.js',
    'govuk-frontend.min.js',
    'govuk-frontend.min.js.map',
    'moj-frontend.min.js',
    'moj-frontend.min.js.map',
  ]);
  const application = await read('javascripts/application.js');
  assert.match(application, /import \{ initAll as \w+ \} from '\.\/govuk-frontend\.min\.js'/);
  assert.match(application, /import \{ initAll as \w+ \} from '\.\/moj-frontend\.min\.js'/);
  assert.match(await read('javascripts/govuk-frontend.min.js'), /export\{[^}]*initAll/);
  assert.match(await read('javascripts/moj-frontend.min.js'), /export\{[^}]*initAll/);
});

test('the images are our favicon and MoJ component icons: no crown, crest or logo', async () => {
  const images = await readdir(path.join(out, 'images'));
  assert.ok(images.includes('favicon.svg'));
  assert.ok(images.includes('icon-search-black.svg'));
  for (const image of images) {
    assert.match(image, /^(favicon\.svg|icon-[a-z0-9-]+\.(svg|png))$/);
  }
  assert.equal(await read('images/favicon.svg'), FAVICON_SVG);
  assert.match(FAVICON_SVG, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  // Every image the stylesheet asks for is there, apart from GOV.UK's crest (used only by the
  // GOV.UK footer, which Wellwork does not show).
  const css = await read('stylesheets/application.css');
  const wanted = new Set([...css.matchAll(/url\("?\/assets\/images\/([^")]+)"?\)/g)].map((m) => m[1] ?? ''));
  wanted.delete('govuk-crest.svg');
  for (const image of wanted) assert.ok(images.includes(image), image);
});

test('a second build does nothing; a missing output is built again', async () => {
  const stylesheet = path.join(out, 'stylesheets/application.css');
  const before = (await stat(stylesheet)).mtimeMs;
  await buildAssets({ outDir: out });
  assert.equal((await stat(stylesheet)).mtimeMs, before);

  await rm(path.join(out, 'javascripts/application.js'));
  await buildAssets({ outDir: out });
  assert.match(await read('javascripts/application.js'), /initAll/);
  assert.ok((await stat(stylesheet)).mtimeMs >= before);
  assert.deepEqual(
    (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary files left behind',
  );
});
