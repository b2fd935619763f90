/**
 * The layout, the shared pages and a sample form page, rendered with our templates and styled
 * with the built stylesheet, scanned by axe-core in Chromium against WCAG 2.2 AA — including
 * colour contrast, which only a browser with the real stylesheet can judge. The pages are served
 * with the same Content Security Policy as the service, so a script or style it would block fails
 * the test.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { buildAssets } from '../../../scripts/build-assets.ts';
import { createViewEnvironment } from '../nunjucks.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Skipped only on a developer's machine without Chromium; under CI a missing browser fails.
const missing = existsSync(chromiumPath) ? null : `Chromium is not installed at ${chromiumPath}`;
if (missing && process.env.CI) throw new Error(`${missing}: the accessibility checks cannot run`);
const skip = missing ?? false;

const NONCE = 'c2Nhbi10ZXN0LW5vbmNl';
const CSP = `default-src 'self'; script-src 'self' 'nonce-${NONCE}'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'`;

const env = createViewEnvironment({});

const signedIn = {
  cspNonce: NONCE,
  csrfToken: 'a-csrf-token',
  currentUser: { displayName: 'Priya Shah', email: 'priya.shah@merrowby.gov.uk' },
  navigation: [
    { href: '/', text: 'Home', active: false },
    { href: '/people', text: 'People', active: true },
    { href: '/absence-report', text: 'Absence report', active: false },
  ],
  organisationName: 'Merrowby Council',
  notification: null,
};

const signedOut = { ...signedIn, currentUser: null, navigation: [], organisationName: null };

/** A form page using most of what the layout offers: back link, errors, banner, date input. */
const SAMPLE_FORM = `{% extends "layout.njk" %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/radios/macro.njk" import govukRadios %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{% from "moj/components/badge/macro.njk" import mojBadge %}
{% from "macros/form.njk" import csrfField, dateInput %}
{% block content %}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  <span class="govuk-caption-l">Sam Okafor</span>
  <h1 class="govuk-heading-l">Record an absence</h1>
  <form method="post" action="/people/42/absences" novalidate>
    {{ csrfField(csrfToken) }}
    {{ govukRadios({ name: "type", fieldset: { legend: { text: "Type of absence", classes: "govuk-fieldset__legend--s" } },
      items: [{ value: "sickness", text: "Sickness", checked: true }, { value: "annual_leave", text: "Annual leave" }] }) }}
    {{ dateInput({ id: "startDate", legend: "First day of absence", hint: "For example, 27 3 2026", value: { day: "3", month: "", year: "2026" },
      error: { text: "First day of absence must include a month", fields: ["month"] } }) }}
    {{ dateInput({ id: "endDate", legend: "Last day of absence (optional)", value: "2026-03-06" }) }}
    {{ govukInput({ id: "notes", name: "notes", label: { text: "Notes" }, errorMessage: errorFor(errors, "notes") }) }}
    {{ govukButton({ text: "Save absence" }) }}
  </form>
  <h2 class="govuk-heading-m">Recent absences</h2>
  {{ govukTable({ caption: "Absences in the last 12 months", captionClasses: "govuk-table__caption--s", firstCellIsHeader: true,
    head: [{ text: "First day" }, { text: "Type" }, { text: "Days", format: "numeric" }],
    rows: [
      [{ text: "2026-01-12" | ukDate }, { html: govukTag({ text: "Sickness", classes: "govuk-tag--red" }) }, { text: 3 | number, format: "numeric" }],
      [{ text: "2025-11-03" | ukDate }, { html: mojBadge({ text: "Open" }) }, { text: 12.5 | number(1), format: "numeric" }]
    ] }) }}
</div></div>
{% endblock %}`;

const pages: [name: string, html: () => string][] = [
  [
    'a form with errors, a success banner and a back link',
    () =>
      env.renderString(SAMPLE_FORM, {
        ...signedIn,
        pageTitle: 'Record an absence',
        backLink: '/people/42',
        errors: [
          { text: 'First day of absence must include a month', href: '#startDate-month' },
          { text: 'Enter notes', href: '#notes' },
        ],
        notification: { title: 'Sickness recorded', text: 'Their line manager can see it.' },
      }),
  ],
  ['the accessibility statement, signed out', () => env.render('accessibility.njk', signedOut)],
  ['the privacy page, signed in', () => env.render('privacy.njk', signedIn)],
  ['page not found', () => env.render('errors/not-found.njk', signedIn)],
  ['forbidden', () => env.render('errors/forbidden.njk', signedIn)],
  ['bad request', () => env.render('errors/bad-request.njk', signedOut)],
  ['server error', () => env.render('errors/server-error.njk', signedOut)],
];

let assetsDir = '';
let server: Server | null = null;
let browser: Browser | null = null;
let baseUrl = '';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

before(async () => {
  if (skip) return;
  assetsDir = await mkdtemp(path.join(tmpdir(), 'wellwork-assets-'));
  await buildAssets({ outDir: assetsDir });
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = /^\/page\/(\d+)$/.exec(url.pathname);
    const render = page ? pages[Number(page[1])]?.[1] : undefined;
    if (render) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      response.end(render());
      return;
    }
    const file = url.pathname.startsWith('/assets/') ? path.join(assetsDir, url.pathname.slice(8)) : '';
    if (file && path.resolve(file).startsWith(assetsDir) && existsSync(file)) {
      void readFile(file).then((content) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        response.end(content);
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (assetsDir) await rm(assetsDir, { recursive: true, force: true });
});

for (const [index, [name]] of pages.entries()) {
  test(`axe finds no accessibility problems: ${name}`, { skip }, async () => {
    assert.ok(browser);
    // Every page on a desktop; the first also on a narrow phone, where the navigation collapses.
    const viewports = [{ width: 1280, height: 900 }, ...(index === 0 ? [{ width: 320, height: 640 }] : [])];
    for (const viewport of viewports) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const problems: string[] = [];
      const missing: string[] = [];
      page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
          missing.push(response.url());
      });
      await page.goto(`${baseUrl}/page/${index}`, { waitUntil: 'load' });

      // The stylesheet applied (system fonts, our colours) and the scripts ran.
      const look = await page.evaluate(() => ({
        font: getComputedStyle(document.querySelector('h1') ?? document.body).fontFamily,
        supported: document.body.classList.contains('govuk-frontend-supported'),
        header: getComputedStyle(document.querySelector('.govuk-service-navigation') ?? document.body)
          .backgroundColor,
      }));
      assert.match(look.font, /system-ui/);
      assert.equal(look.supported, true);
      assert.equal(look.header, 'rgb(16, 97, 101)');

      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const violations = results.violations.map(
        (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      assert.deepEqual(violations, [], `${name} at ${viewport.width}px`);
      assert.deepEqual(problems, [], `${name}: errors in the browser`);
      assert.deepEqual(missing, [], `${name}: missing files`);
      await context.close();
    }
  });
}
