import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildServices, type Services } from '../../src/services.ts';
import { openTestDatabase } from '../../src/testing/test-database.ts';
import {
  authenticatorCode,
  currentStep,
  rememberAuthenticator,
  signInCode,
} from '../../src/testing/second-factor.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Suite {
  baseUrl: string;
  services: Services;
  app: App;
  browser: Browser;
}

/**
 * Starts Wellwork on an in-memory database on a free port and Chromium for one test file. The
 * setup function fills the database before the server starts (for example, the demo).
 */
export function browserSuite(
  setup: (services: Services) => Promise<void>,
  options: { publicUrl?: boolean } = {},
): () => Suite {
  let suite: Suite | null = null;
  before(async () => {
    // With `publicUrl`, the port is chosen first and is the service's public address (PUBLIC_URL),
    // for what must know it before the server starts, such as single sign-on's redirect address.
    const chosenPort = options.publicUrl ? await freePort() : 0;
    const config = loadConfig({
      ...(options.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${chosenPort}` } : {}),
      WELLWORK_DATA_DIR: ':memory:',
      LOG_LEVEL: process.env.WELLWORK_TEST_LOG === 'true' ? 'error' : 'silent',
      SESSION_SECRET: 'a-browser-test-session-secret-of-enough-length',
      WELLWORK_DEMO: 'false',
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    });
    const database = await openTestDatabase(config.database);
    const services = buildServices(database, config);
    await setup(services);
    const app = await buildApp(services);
    await app.listen({ port: chosenPort, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    suite = { baseUrl: `http://127.0.0.1:${port}`, services, app, browser };
  });
  after(async () => {
    if (!suite) return;
    await suite.browser.close();
    await suite.app.close();
    await suite.services.database.close();
  });
  return () => {
    if (!suite) throw new Error('The browser suite has not started');
    return suite;
  };
}

/** A port free on loopback now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * GOV.UK Frontend marks a radio that reveals more questions with aria-expanded, which ARIA does
 * not list for radios. GOV.UK keeps it on purpose, because screen readers announce it
 * (alphagov/govuk-frontend#979, a known issue of the design system), so only that is let pass.
 */
function isGovukRevealingRadio(
  ruleId: string,
  node: { html: string; any: { data: unknown }[]; all: { data: unknown }[]; none: { data: unknown }[] },
): boolean {
  if (ruleId !== 'aria-allowed-attr' || !node.html.includes('govuk-radios__input')) return false;
  const attributes = [...node.any, ...node.all, ...node.none].flatMap((check) =>
    checkedAttributes(check.data),
  );
  return (
    attributes.length > 0 && attributes.every((a) => typeof a === 'string' && a.startsWith('aria-expanded='))
  );
}

/**
 * The attributes an aria-allowed-attr check names: a list up to axe-core 4.13, and from 4.14
 * `{ messageKey, values }`. Anything else is given back as it is, so it is never let pass.
 */
function checkedAttributes(data: unknown): unknown[] {
  if (Array.isArray(data)) return data as unknown[];
  if (data && typeof data === 'object' && Array.isArray((data as { values?: unknown }).values)) {
    return (data as { values: unknown[] }).values;
  }
  return [data];
}

/**
 * A person at a browser. Every page they arrive at is scanned with axe-core, and any
 * accessibility violation fails the journey.
 */
export class Journey {
  readonly scanned: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    /** Without JavaScript, axe cannot run in the person's page, so a copy is scanned here. */
    private readonly scanner: Page | null,
  ) {}

  static async start(suite: Suite, options: { javaScript?: boolean } = {}): Promise<Journey> {
    const javaScript = options.javaScript ?? true;
    const context = await suite.browser.newContext({ javaScriptEnabled: javaScript });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    const scanner = javaScript ? null : await (await suite.browser.newContext()).newPage();
    return new Journey(page, suite.baseUrl, scanner);
  }

  async close() {
    await this.page.context().close();
    await this.scanner?.context().close();
  }

  /**
   * Scans the page the person is on now. Without JavaScript the page's own HTML, as the person
   * received it and with its scripts removed, is loaded at the same address in a scanning page.
   */
  async scan() {
    await this.page.waitForLoadState('load');
    let target = this.page;
    if (this.scanner) {
      const url = this.page.url();
      const html = (await this.page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
      await this.scanner.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      await this.scanner.goto(url);
      await this.scanner.unroute(url);
      target = this.scanner;
    }
    const results = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const problems = results.violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukRevealingRadio(v.id, n)) }))
      .filter((v) => v.nodes.length > 0)
      .map(
        (v) =>
          `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    assert.deepEqual(problems, [], `accessibility violations on ${this.page.url()}`);
    this.scanned.push(new URL(this.page.url()).pathname);
  }

  async goto(path: string) {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.scan();
  }

  /** Runs an action that leads to a new page, then scans the new page. */
  async navigate(action: () => Promise<unknown>) {
    await Promise.all([this.page.waitForNavigation(), action()]);
    await this.scan();
  }

  async clickLink(name: string | RegExp) {
    await this.navigate(() => this.page.getByRole('link', { name }).first().click());
  }

  async clickButton(name: string | RegExp) {
    await this.navigate(() => this.page.getByRole('button', { name }).first().click());
  }

  async fill(label: string | RegExp, value: string) {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).fill(value);
  }

  /** Fills a GOV.UK date input found by its legend (the first, when several share it). */
  async fillDate(legend: string, date: string) {
    const [year = '', month = '', day = ''] = date.split('-');
    const group = this.page.getByRole('group', { name: legend }).first();
    await group.getByLabel('Day').fill(String(Number(day)));
    await group.getByLabel('Month').fill(String(Number(month)));
    await group.getByLabel('Year').fill(year);
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().innerText()).trim();
  }

  async text(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  /**
   * Signs in; where the service asks, enters the code of the account's authenticator app, or
   * sets one up first (scanning each page), as its holder would.
   */
  async signIn(email: string, password: string) {
    await this.signInWithPassword(email, password);
    const path = () => new URL(this.page.url()).pathname;
    if (path() === '/sign-in/code') {
      await this.fill('Enter the code from your authenticator app', signInCode(email));
      await this.clickButton('Continue');
    }
    if (path() === '/account/authenticator') await this.setUpAuthenticator(email);
  }

  /** The first step of signing in alone: the email address and password. */
  async signInWithPassword(email: string, password: string) {
    await this.goto('/sign-in');
    await this.fill('Email address', email);
    await this.fill('Password', password);
    await this.clickButton('Sign in');
  }

  /** On the set-up page: types the key into "the app", enters its code, keeps the recovery codes. */
  async setUpAuthenticator(email: string) {
    const secret = (await this.page.locator('#secret').innerText()).replace(/\s/g, '');
    const step = currentStep();
    await this.fill('Code from your authenticator app', authenticatorCode(secret, { step }));
    await this.clickButton('Confirm');
    const recoveryCodes = await this.page.locator('#recovery-codes code').allInnerTexts();
    assert.equal(recoveryCodes.length, 10, 'ten recovery codes are shown');
    rememberAuthenticator(email, secret, recoveryCodes, step);
    await this.clickLink('Continue');
    return { secret, recoveryCodes };
  }
}
