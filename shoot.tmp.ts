// Usage: npx tsx shoot.tmp.ts BASE EMAIL PASSWORD OUTPREFIX path1 path2 ...
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { authenticatorCode, currentStep, rememberAuthenticator, signInCode } from './src/testing/second-factor.ts';
import fs from 'node:fs';
const [base, email, password, prefix, ...paths] = process.argv.slice(2);
const store = '/tmp/shots/totp.json';
const saved = fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, 'utf8')) : {};
if (saved[email]) rememberAuthenticator(email, saved[email], [], 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1100, height: Number(process.env.H ?? 1400) } });
const page = await context.newPage();
await page.goto(`${base}/sign-in`);
await page.getByLabel('Email address').fill(email);
await page.getByLabel('Password').fill(password);
await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
console.log('after sign-in', page.url());
if (new URL(page.url()).pathname === '/sign-in/code') {
  await page.getByLabel('Enter the code from your authenticator app').fill(signInCode(email));
  await Promise.all([page.waitForURL((u) => u.pathname !== '/sign-in/code'), page.getByRole('button', { name: 'Continue' }).click()]);
}
if (new URL(page.url()).pathname === '/account/authenticator') {
  const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from your authenticator app').fill(authenticatorCode(secret, { step: currentStep() }));
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Confirm' }).click()]);
  saved[email] = secret;
  fs.writeFileSync(store, JSON.stringify(saved));
  await page.getByRole('link', { name: 'Continue' }).click();
}
let i = 0;
for (const p of paths) {
  const r = await page.goto(`${base}${p}`);
  const file = `/tmp/shots/${prefix}-${++i}.png`;
  await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
  const axe = await new AxeBuilder({ page }).analyze();
  console.log(r?.status(), p, '→', file, '| h1:', await page.locator('h1').first().innerText().catch(() => '-'), '| axe:', axe.violations.map((v) => v.id).join(',') || 'ok');
}
await browser.close();
